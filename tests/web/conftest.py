"""An archive for the web tests: the seeds, a Hansard day with a division, and a story
made of script injections; the app over it, and a client."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from archive.api import Archive
from archive.model import Document, Passage
from archive.web.app import create_app

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'


def hostile_story() -> Document:
    """A story whose every field a page shows is a script injection."""
    return Document(
        kind="news",
        title=f"{SCRIPT} Hostile headline",
        source=f"Hostile Times {SCRIPT}",
        date=dt.date(2015, 12, 20),
        url="javascript:alert(1)",
        authors=(IMG,),
        tags=(SCRIPT,),
        passages=(
            Passage(text=f"Zanzibarian text {SCRIPT} in a passage."),
            Passage(text=f"Zanzibarian attribute breaker {IMG} here.", speaker=f"Eve {IMG}"),
        ),
    )


@pytest.fixture(scope="session")
def web_home(tmp_path_factory) -> Path:
    home = tmp_path_factory.mktemp("web") / "home"
    files = tmp_path_factory.mktemp("web-files")
    shutil.copytree(ROOT / "seeds", files / "seeds")
    shutil.copy(ROOT / "tests/fixtures/xml/debates1999-01-05b.xml", files)
    with Archive.open(home, create=True, engine="tantivy") as archive:
        archive.index([files])
        archive.add([hostile_story()])
    return home


@pytest.fixture(scope="module")
def client(web_home):
    with TestClient(create_app(web_home), raise_server_exceptions=True) as client:
        yield client


def first_hit(client, **params) -> dict:
    body = client.get("/api/search", params=params | {"limit": 1}).json()
    return body["hits"][0]
