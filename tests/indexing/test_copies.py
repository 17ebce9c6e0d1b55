"""Copies of one story are stored once, the others kept as "also published"."""

from __future__ import annotations

import hashlib
import json
import random
from pathlib import Path

import numpy as np
import pytest

from archive import Archive
from archive.indexing.copies import MIN_WORDS_EXACT, NEAR_THRESHOLD, body_of, similarity
from archive.model import Document, Passage

WORDS = (
    "the minister said government would review the decision after talks with allies over "
    "strikes on targets in northern syria where forces had gathered near the border town "
    "while critics warned that the vote in parliament came too soon and that more evidence "
    "was needed before any action could be taken by the armed forces of the country"
).split()


def _story(seed: int, words: int = 120) -> str:
    rng = random.Random(seed)
    sentences = []
    while sum(len(s.split()) for s in sentences) < words:
        sentences.append(" ".join(rng.choice(WORDS) for _ in range(12)).capitalize() + ".")
    return "\n\n".join(" ".join(sentences[i : i + 3]) for i in range(0, len(sentences), 3))


def _write(folder: Path, name: str, title: str, body: str, **facts) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.txt"
    path.write_text(f"{title}\n\n{body}\n", encoding="utf-8")
    meta = {"kind": "news", "title": title, **facts}
    (folder / f"{name}.meta.json").write_text(json.dumps(meta), encoding="utf-8")
    return path


def _show(home: Path, run, doc_id: str) -> dict:
    return json.loads(run("show", doc_id, "--format", "json", home=home).stdout)


def _documents(home: Path) -> list[str]:
    with Archive.open(home) as archive:
        return [r[0] for r in archive.catalog.conn.execute("SELECT id FROM documents")]


def test_the_same_wire_story_under_two_outlets_is_stored_once(tmp_path, run):
    body = _story(1)
    files = tmp_path / "files"
    _write(files, "a", "Strikes begin", body, source="Reuters", date="2015-12-03",
           url="https://example.org/a")  # fmt: skip
    _write(files, "b", "UK jets strike Syria", body.upper(), source="The Guardian",
           date="2015-12-04", url="https://example.org/b")  # fmt: skip
    result = run("index", str(files), home=tmp_path / "h")
    assert result.exit_code == 0, result.output
    assert "1 kept as a copy of a stored story" in result.stdout
    (doc_id,) = _documents(tmp_path / "h")
    doc = _show(tmp_path / "h", run, doc_id)
    (copy,) = doc["also_published"]
    assert (copy["source"], copy["date"], copy["url"]) == (
        "The Guardian",
        "2015-12-04",
        "https://example.org/b",
    )
    assert copy["similarity"] == 1.0
    assert (
        "also published: The Guardian | 2015-12-04"
        in run("show", doc_id, home=tmp_path / "h").stdout
    )
    # A rerun changes nothing: the copy is known.
    again = run("index", str(files), home=tmp_path / "h")
    assert "0 documents added" in again.stdout and "kept as" not in again.stdout


def test_a_near_copy_with_a_changed_sentence_is_folded(tmp_path, run):
    body = _story(2, words=200)
    changed = body.replace(".", ". An extra line was added here by the second outlet.", 1)
    files = tmp_path / "files"
    _write(files, "a", "One", body, source="AP", date="2015-12-03")
    _write(files, "b", "Two", changed + "\n\nCopyright the second outlet.", source="ABC",
           date="2015-12-03")  # fmt: skip
    run("index", str(files), home=tmp_path / "h")
    (doc_id,) = _documents(tmp_path / "h")
    (copy,) = _show(tmp_path / "h", run, doc_id)["also_published"]
    assert NEAR_THRESHOLD <= copy["similarity"] < 1.0


def test_different_stories_and_short_shared_bodies_are_not_folded(tmp_path, run):
    files = tmp_path / "files"
    _write(files, "a", "One", _story(3), source="AP")
    _write(files, "b", "Two", _story(4), source="AP")
    short = "Welcome to the morning briefing."
    _write(files, "c", "Monday briefing", short, source="HuffPost")
    _write(files, "d", "Tuesday briefing", short, source="HuffPost")
    run("index", str(files), home=tmp_path / "h")
    assert len(_documents(tmp_path / "h")) == 4


def test_hansard_is_never_folded():
    passage = Passage(text=" ".join(WORDS))
    debate = Document(kind="hansard", title="Debate", passages=(passage,))
    assert body_of(debate) is None
    assert body_of(Document(kind="news", title="Story", passages=(passage,))) is not None


def test_removing_the_stored_story_brings_its_copy_back(tmp_path, run):
    body = _story(5)
    files = tmp_path / "files"
    first = _write(files, "a", "One", body, source="AP", date="2015-12-03")
    _write(files, "b", "Two", body, source="ABC", date="2015-12-04")
    home = tmp_path / "h"
    run("index", str(files), home=home)
    # The stored story's file changes into another story: its copy takes its place.
    first.write_text("One\n\n" + _story(6) + "\n", encoding="utf-8")
    run("index", str(files), home=home)
    run("index", str(files), home=home)
    docs = [_show(home, run, d) for d in _documents(home)]
    assert sorted(d["source"] for d in docs) == ["ABC", "AP"]
    assert all(not d["also_published"] for d in docs)


@pytest.mark.parametrize("words", [MIN_WORDS_EXACT, 60, 400])
def test_similarity_of_a_story_with_itself_is_one(words):
    body = body_of(Document(kind="news", title="t", passages=(Passage(_story(7, words)),)))
    if body.signature is not None:
        assert similarity(body.signature, body.signature) == 1.0
    assert body.words >= words


def test_a_copy_met_again_in_another_file_is_not_an_error(tmp_path, run):
    body = _story(8)
    files = tmp_path / "files"
    _write(files, "a", "One", body, source="AP", date="2015-12-03")
    _write(files, "b", "Two", body, source="ABC", date="2015-12-04")
    # The same copy saved a second time under another name.
    _write(files, "c", "Two", body, source="ABC", date="2015-12-04")
    result = run("index", str(files), home=tmp_path / "h")
    assert result.exit_code == 0, result.output
    assert "1 repeat of a stored document, 1 kept as a copy" in result.stdout


def test_signatures_are_those_catalogs_already_keep():
    # Catalogs made with datasketch's MinHash(num_perm=64, seed=1) keep its signatures;
    # this one was computed by datasketch 1.10 for the same story.
    story = Document(kind="news", title="t", passages=(Passage(_story(9, 300)),))
    signature = body_of(story).signature
    assert np.frombuffer(signature, "<u4")[:4].tolist() == [8639646, 804976, 202340, 6356863]
    assert hashlib.sha256(signature).hexdigest()[:16] == "dc2f25f523d965aa"
