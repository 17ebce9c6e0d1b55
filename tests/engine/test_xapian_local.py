"""A local xapian index rebuilt from the catalog is compacted, and stays whole."""

from __future__ import annotations

import pytest

from archive import Archive

from conftest import SEEDS

pytest.importorskip(
    "xapian", reason="the xapian bindings are not installed: pip install '.[xapian]'"
)


def _size(folder) -> int:
    return sum(f.stat().st_size for f in folder.iterdir() if f.is_file())


def test_a_rebuilt_local_index_is_compacted_and_answers_as_before(run, tmp_path):
    home = tmp_path / "home"
    assert run("--engine", "xapian", "index", str(SEEDS), home=home).exit_code == 0
    before = run("search", "Syria", "--format", "jsonl", "--limit", "1000", home=home).stdout
    folder = home / "index" / "xapian"
    written = _size(folder)
    assert run("reindex", home=home).output == "reindexed 99 passages with xapian\n"
    assert _size(folder) < written  # written batch by batch, then compacted
    assert sorted(p.name for p in folder.parent.iterdir()) == ["xapian"]  # nothing left over
    assert (folder / ".generation").is_file()
    assert (
        run("search", "Syria", "--format", "jsonl", "--limit", "1000", home=home).stdout == before
    )
    with Archive.open(home) as archive:
        assert archive.check()["sound"]
    # Writing more after the compaction goes into the compacted index.
    from conftest import ROOT

    fixture = ROOT / "tests/fixtures/xml/debates1999-01-05b.xml"
    assert run("index", str(fixture), home=home).exit_code == 0
    with Archive.open(home) as archive:
        assert archive.check()["sound"]
        assert archive.stats()["passages"] > 99
