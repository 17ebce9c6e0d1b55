"""News as collected, end to end through `archive index`: Reuters-21578 SGML and the
HuffPost JSON Lines export, with their counts, dates and tags.

Against the real files in ../shared/corpus (skipped when it is absent)."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from archive.cli import cli
from tests.conftest import corpus_dir

REUTERS = corpus_dir() / "news-reuters21578" / "sgm" / "reut2-000.sgm"
HUFFPOST = corpus_dir() / "news-huffpost" / "News_Category_Dataset_v3.subset10k.jsonl.gz"
pytestmark = pytest.mark.skipif(
    not REUTERS.is_file() or not HUFFPOST.is_file(),
    reason=f"the shared corpus is absent ({corpus_dir()})",
)
SUMMARY = re.compile(
    r"(\d+) documents? added, (\d+) updated, (\d+) unchanged, (\d+) removed"
    r"(?:, (\d+) repeats? of (?:a )?stored documents?)?"
    r"(?:, (\d+) kept as (?:a copy|copies) of (?:a )?stored stor(?:y|ies))?"
)


def _index(home: Path, *args: str):
    result = CliRunner().invoke(cli, ["--home", str(home), "index", *args])
    added, _, unchanged, _, repeats, copies = SUMMARY.search(result.stdout).groups()
    return result, int(added), int(unchanged), int(repeats or 0), int(copies or 0)


def _jsonl(home: Path, *args: str) -> list[dict]:
    result = CliRunner().invoke(cli, ["--home", str(home), *args, "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_every_reuters_story_of_a_file_is_stored_once_or_as_a_copy(tmp_path):
    stories = len(re.findall(rb"<REUTERS ", REUTERS.read_bytes()))
    result, added, unchanged, repeats, copies = _index(tmp_path, str(REUTERS))
    assert result.exit_code == 0, result.output
    # Identical stories are one document (the others repeats); re-sent near copies
    # are kept as copies; nothing was there before.
    assert unchanged == 0
    assert added + repeats + copies == stories == 1000
    hits = _jsonl(tmp_path, "export", "--kind", "news")
    dates = {h["date"] for h in hits}
    assert min(dates) >= "1987-02-26" and max(dates) <= "1987-10-20"


def test_reuters_topics_are_a_filter(tmp_path):
    _index(tmp_path, str(REUTERS))
    crude = _jsonl(tmp_path, "search", "oil", "--topic", "crude", "--limit", "50")
    assert crude and all("crude" in h["tags"] for h in crude)
    assert _jsonl(tmp_path, "search", "oil", "topic:CRUDE", "--limit", "50") == crude


def test_huffpost_records_are_all_indexed_with_no_bad_lines(tmp_path):
    with gzip.open(HUFFPOST, "rt", encoding="utf-8") as f:
        records = [json.loads(line) for line in f if line.strip()]
    result, added, unchanged, repeats, copies = _index(
        tmp_path,
        str(HUFFPOST),
        "--map",
        "title=headline,date=date,authors=authors,text=short_description",
    )
    assert result.exit_code == 0, result.output
    assert "warning" not in result.stderr
    assert added + repeats + copies == len(records) == 9999 and unchanged == 0
    politics = _jsonl(tmp_path, "search", "--topic", "politics", "--limit", "5")
    assert politics and all("POLITICS" in h["tags"] for h in politics)
