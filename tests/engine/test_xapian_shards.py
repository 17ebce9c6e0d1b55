"""A xapian index on shards: how it is chosen, remembered, shown, and how it fails.

The servers are real xapian-tcpsrv processes on 127.0.0.1 (tests/engine/shard_servers.py).
"""

from __future__ import annotations

import pytest
from shard_servers import addresses, servers, skip_without_xapian

from archive import Archive
from archive.errors import ShardUnreachable, UsageError

from conftest import SEEDS

skip_without_xapian()


@pytest.fixture
def shards(tmp_path):
    with servers(tmp_path / "shards", 2) as started:
        yield started


@pytest.fixture
def home(tmp_path, run, shards):
    home = tmp_path / "home"
    assert run("--engine", "xapian", "index", str(SEEDS), home=home).exit_code == 0
    moved = run("reindex", "--engine", "xapian", "--shards", addresses(shards), home=home)
    assert moved.output == "reindexed 99 passages with xapian on 2 shards\n"
    return home


def search_ids(run, home, query="Syria"):
    result = run("search", query, "--format", "jsonl", "--limit", "1000", home=home)
    return result.exit_code, result.stdout


def test_shards_are_remembered_and_stats_names_them(run, home, shards):
    with Archive.open(home) as archive:
        assert archive.shards == addresses(shards)
        stats = archive.stats()
    assert set(stats["shards"]) == {server.address for server in shards}
    assert sum(stats["shards"].values()) == stats["passages"] == 99
    assert all(count > 0 for count in stats["shards"].values())
    shown = run("stats", home=home).stdout
    for server in shards:
        assert f"  shard    {server.address} ({stats['shards'][server.address]} passages)" in shown


def test_writing_more_goes_to_the_shards(run, home, tmp_path):
    from conftest import ROOT

    fixture = ROOT / "tests/fixtures/xml/debates1999-01-05b.xml"
    assert run("index", str(fixture), home=home).exit_code == 0
    with Archive.open(home) as archive:
        stats = archive.stats()
        assert sum(stats["shards"].values()) == stats["passages"] > 99
        assert archive.check()["sound"]


def test_a_shard_down_is_one_line_naming_it_and_back_it_works(run, home, shards):
    before = search_ids(run, home)
    assert before[0] == 0 and before[1]
    shards[1].stop()
    commands = (["search", "Syria"], ["stats"], ["export", "Syria"], ["index", str(SEEDS)])
    for command in commands:
        result = run(*command, home=home)
        assert result.exit_code == 1, command
        assert result.output == (
            f"Error: shard {shards[1].address} is not answering: Couldn't connect "
            "(Connection refused) (start its xapian-tcpsrv, then run the command again)\n"
        ), command
    shards[1].start()
    assert search_ids(run, home) == before


def test_an_archive_kept_open_sees_a_shard_go_and_come_back(home, shards):
    with Archive.open(home) as archive:
        total = archive.search("Syria").total
        shards[0].stop()
        with pytest.raises(ShardUnreachable, match=f"shard {shards[0].address} is not answering"):
            archive.search("Syria")
        shards[0].start()
        assert archive.search("Syria").total == total


def test_a_write_cut_short_on_one_shard_is_finished_by_the_next_index(
    run, home, shards, tmp_path, monkeypatch
):
    from conftest import ROOT

    fixture = ROOT / "tests/fixtures/xml/debates1999-01-05b.xml"
    import archive.engine.xapian as engine_module

    real = engine_module.XapianEngine.write
    calls = []

    def dies_after_a_shard(self, rows, remove_docs=()):
        calls.append(1)
        rows = list(rows)
        shards[1].stop()  # one shard gone mid-run
        return real(self, rows, remove_docs)

    monkeypatch.setattr(engine_module.XapianEngine, "write", dies_after_a_shard)
    result = run("index", str(fixture), home=home)
    assert result.exit_code == 1 and f"shard {shards[1].address}" in result.output
    monkeypatch.setattr(engine_module.XapianEngine, "write", real)
    shards[1].start()
    assert run("index", str(fixture), home=home).exit_code == 0
    with Archive.open(home) as archive:
        report = archive.check()
        assert report["sound"], report
        stats = archive.stats()
        assert sum(stats["shards"].values()) == stats["passages"] > 99


def test_shards_are_for_xapian_alone_and_must_be_host_and_port(run, home, tmp_path):
    with Archive.open(home) as archive, pytest.raises(UsageError, match="only xapian"):
        archive.reindex("tantivy", "127.0.0.1:1")
    with Archive.open(home) as archive, pytest.raises(UsageError, match="is not HOST:PORT"):
        archive.reindex("xapian", "localhost")


def test_reindex_with_the_engine_alone_brings_the_index_home(run, home):
    before = search_ids(run, home)
    assert run("reindex", "--engine", "xapian", home=home).output == (
        "reindexed 99 passages with xapian\n"
    )
    with Archive.open(home) as archive:
        assert archive.shards is None
        assert "shards" not in archive.stats()
    assert search_ids(run, home) == before


def test_a_tantivy_archive_moves_straight_onto_shards(run, tmp_path, shards):
    home = tmp_path / "from-tantivy"
    assert run("index", str(SEEDS), home=home).exit_code == 0
    moved = run("reindex", "--engine", "xapian", "--shards", addresses(shards), home=home)
    assert moved.output == "reindexed 99 passages with xapian on 2 shards\n", moved.output
    assert search_ids(run, home)[0] == 0
    with Archive.open(home) as archive:
        assert archive.check()["sound"]
