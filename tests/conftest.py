"""Shared fixtures: every test gets its own archive home, never the user's."""

from __future__ import annotations

import datetime as dt
import importlib.util
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from starlette.testclient import TestClient

from archive.api import Archive
from archive.cli import cli
from archive.model import Document, Passage
from archive.speakers.attribution import attribute_document
from archive.web.app import create_app

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"

# The behaviour suite runs on every engine whose library is installed (CI
# installs all three). A broken engine module then fails loudly, never skips.
ENGINES = ["tantivy"] + [
    name for name in ("whoosh", "xapian") if importlib.util.find_spec(name) is not None
]


def corpus_dir() -> Path:
    """The shared real-data corpus: $ARCHIVE_CORPUS or ../shared/corpus beside the repo."""
    return Path(os.environ.get("ARCHIVE_CORPUS") or ROOT.parent / "shared" / "corpus")


@pytest.fixture(autouse=True)
def _private_home(tmp_path, monkeypatch):
    monkeypatch.setenv("ARCHIVE_HOME", str(tmp_path / "home"))


@pytest.fixture
def run():
    """Run the CLI in-process: run("search", "Daesh") -> click Result."""
    runner = CliRunner()

    def invoke(*args: str, home: Path | None = None):
        prefix = ["--home", str(home)] if home else []
        return runner.invoke(cli, [*prefix, *args], catch_exceptions=False)

    return invoke


@pytest.fixture(scope="session", params=ENGINES)
def engine(request) -> str:
    """The name of each search engine under test in turn."""
    return request.param


@pytest.fixture(scope="session")
def seeded_home(tmp_path_factory, engine) -> Path:
    """An archive with the five seeds indexed by `engine`, shared by read-only tests."""
    home = tmp_path_factory.mktemp(f"seeded-{engine}")
    result = CliRunner().invoke(cli, ["--home", str(home), "--engine", engine, "index", str(SEEDS)])
    assert result.exit_code == 0, result.output
    return home


# -- the web app's tests (tests/web): the seeds, a Hansard day with a division, and a
# story made of script injections; the app over them, and a client.

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


def first_hit(client, **params) -> dict:
    body = client.get("/api/search", params=params | {"limit": 1}).json()
    return body["hits"][0]


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


# A Commons speech and the stories that quote it: tests/search/test_trace.py, tests/web.
WORDS = "Aleppo will be remembered as the moment the world turned its back on the Syrian people"


def debate_quoting(day: dt.date, speaker: str) -> Document:
    return Document(
        kind="hansard", title="Syria", date=day, house="commons", source="Hansard",
        passages=(
            Passage(text="I beg to move the motion on Syria.", speaker="Ann Clwyd"),
            Passage(text=f"Mr Speaker, {WORDS}, and we must not let that happen.",
                    speaker=speaker),
        ),
    )  # fmt: skip


def story_quoting(day: dt.date, said_by: str, title: str) -> Document:
    return attribute_document(Document(
        kind="news", title=title, date=day, source="Example News", attribution="prose",
        passages=(Passage(text=f'"{WORDS.lower()}," {said_by} said on Tuesday.'),),
    ))  # fmt: skip
