"""ParlaMint-GB TEI and a speech table (CSV) end to end: index, filters, show.

Against the real samples in ../shared/corpus (skipped when it is absent)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from tests.conftest import corpus_dir

PARLAMINT = corpus_dir() / "parlamint-gb"
COVID = corpus_dir() / "hansard-other" / "uk-commons-covid-2020"
needs_corpus = pytest.mark.skipif(
    not PARLAMINT.is_dir() or not COVID.is_dir(),
    reason=f"the shared corpus is absent ({PARLAMINT})",
)
pytestmark = needs_corpus


def _jsonl(result) -> list[dict]:
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


@pytest.fixture(scope="module")
def parlamint_home(tmp_path_factory) -> Path:
    from click.testing import CliRunner

    from archive.cli import cli

    home = tmp_path_factory.mktemp("parlamint")
    result = CliRunner().invoke(cli, ["--home", str(home), "index", str(PARLAMINT)])
    assert result.exit_code == 0, result.output
    return home


def test_parlamint_meta_tables_are_companions_not_documents(parlamint_home, run):
    stats = json.loads(run("stats", "--format", "json", home=parlamint_home).stdout)
    # Three sittings (the README beside them is skipped: not a document).
    assert stats["by_kind"]["hansard"] == 3


def test_parlamint_speakers_parties_and_houses(parlamint_home, run):
    rows = {}
    for table in PARLAMINT.rglob("*-meta.tsv"):
        with table.open(encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f, delimiter="\t"):
                rows[row["ID"]] = row
    hits = _jsonl(run("search", "--kind", "hansard", "--limit", "100", "--format", "jsonl",
                      home=parlamint_home))  # fmt: skip
    assert len(hits) == len(rows)
    lords = [h for h in hits if h["house"] == "lords"]
    assert lords and all(h["date"] == "2020-02-12" for h in lords)
    for hit in hits:
        assert hit["speaker"], hit["passage_id"]
        surname = hit["speaker"].split()[-1]
        assert any(r["Speaker_name"].startswith(surname + ",") for r in rows.values()), hit
    tories = _jsonl(run("search", "--party", "conservative", "--kind", "hansard", "--format",
                        "jsonl", home=parlamint_home))  # fmt: skip
    expected = sum(r["Speaker_party_name"] == "Conservative" for r in rows.values())
    assert len(tories) == expected > 0


def test_parlamint_full_forenames_resolve_to_the_registry_person(parlamint_home, run):
    # The TSV says "Davis, David Michael"; the registry knows David Davis (person/10162).
    hits = _jsonl(run("search", "--speaker", "person/10162", "--format", "jsonl",
                      home=parlamint_home))  # fmt: skip
    assert hits and {h["speaker"] for h in hits} == {"David Davis"}


@pytest.fixture(scope="module")
def covid_home(tmp_path_factory) -> Path:
    from click.testing import CliRunner

    from archive.cli import cli

    home = tmp_path_factory.mktemp("covid")
    result = CliRunner().invoke(
        cli, ["--home", str(home), "index", str(COVID), "--map", "house==commons"]
    )
    # The README beside the table is skipped (not a document); the table gives 493 speeches.
    assert result.exit_code == 0, result.output
    return home


def _covid_rows() -> list[dict]:
    (table,) = COVID.glob("*.csv")
    with table.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_every_speech_of_the_table_is_indexed(covid_home, run):
    hits = _jsonl(run("export", "--kind", "hansard", "--format", "jsonl", home=covid_home))
    assert len(hits) == len(_covid_rows()) == 493
    assert {h["house"] for h in hits} == {"commons"}


def test_table_speaker_by_id_and_by_name_agree(covid_home, run):
    rows = _covid_rows()
    ref = max(
        {r["speaker_id"] for r in rows}, key=lambda i: sum(r["speaker_id"] == i for r in rows)
    )
    name = next(r["speaker_name"] for r in rows if r["speaker_id"] == ref)
    by_id = _jsonl(run("export", "--speaker", ref, "--format", "jsonl", home=covid_home))
    by_name = _jsonl(run("export", "--speaker", name, "--format", "jsonl", home=covid_home))
    assert len(by_id) == sum(r["speaker_id"] == ref for r in rows)
    assert {h["passage_id"] for h in by_id} == {h["passage_id"] for h in by_name}


def test_table_party_filter_uses_the_party_the_table_gives(covid_home, run):
    rows = _covid_rows()
    labour = _jsonl(run("export", "--party", "labour", "--format", "jsonl", home=covid_home))
    assert labour and {h["party"] for h in labour} == {"Labour"}
    # The registry's party on the day wins where it knows one, so count people, not rows.
    # Compare surnames: the registry may name a person in full ("Jonathan Ashworth").
    named = {r["speaker_name"].split()[-1] for r in rows if r["speaker_party"] == "Labour"}
    assert {h["speaker"].split()[-1] for h in labour if h["speaker"]} <= named
