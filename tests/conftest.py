"""Shared fixtures: every test gets its own archive home, never the user's."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from archive.cli import cli

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"

# The behaviour suite runs on every engine whose library is installed (CI
# installs both). A broken engine module then fails loudly, never skips.
ENGINES = ["tantivy"] + (["whoosh"] if importlib.util.find_spec("whoosh") else [])


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
