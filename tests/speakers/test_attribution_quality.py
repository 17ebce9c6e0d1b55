"""How well news attribution does, measured on hand-labelled passages of the four news seeds.

tests/fixtures/seed_quotes.json labels every passage of seeds 000-003 that
quotes or reports speech with who speaks: a full name, "role:<office>" for
an office the text names no one for, "unnamed" for an anonymous source or a
body, or null for speech that no one person says. Every other passage of
those seeds should have no speaker. Run with -s to see the figures.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from archive.ingest import read_documents
from archive.model import Passage
from archive.speakers.attribution import attribute_document

ROOT = Path(__file__).parents[2]
LABELS = json.loads((ROOT / "tests" / "fixtures" / "seed_quotes.json").read_text(encoding="utf-8"))
NEWS_SEEDS = sorted({label["seed"] for label in LABELS})
MIN_PRECISION = 0.95
MIN_RECALL = 0.90


def given_label(passage: Passage) -> str | None:
    """The attributer's answer in the labels' terms."""
    if passage.speaker:
        return passage.speaker
    if passage.speaker_role:
        return f"role:{passage.speaker_role}"
    if passage.speaker_as_printed:
        return "unnamed"
    return None


def passages(seed: str) -> tuple[Passage, ...]:
    (document,) = map(attribute_document, read_documents(ROOT / "seeds" / f"{seed}.txt"))
    return document.passages


def judged() -> list[tuple[str, str, str | None, str | None]]:
    """(seed, passage start, expected, given) for every passage of the news seeds."""
    expected = {(label["seed"], label["starts"]): label["speaker"] for label in LABELS}
    rows = []
    for seed in NEWS_SEEDS:
        for passage in passages(seed):
            key = next(
                (k for k in expected if k[0] == seed and passage.text.startswith(k[1])), None
            )
            rows.append((seed, passage.text[:40], expected.get(key), given_label(passage)))
    return rows


@pytest.mark.parametrize(
    "label", LABELS, ids=lambda label: f"{label['seed'][:3]}:{label['starts']}"
)
def test_each_label_names_one_passage(label):
    matches = [p for p in passages(label["seed"]) if p.text.startswith(label["starts"])]
    assert len(matches) == 1


def test_attribution_precision_and_recall_on_labelled_seeds():
    rows = judged()
    attributed = [row for row in rows if row[3] is not None]
    labelled = [row for row in rows if row[2] is not None]
    precision = sum(row[2] == row[3] for row in attributed) / len(attributed)
    recall = sum(row[2] == row[3] for row in labelled) / len(labelled)
    print(
        f"\nattribution on {len(LABELS)} labelled passages ({len(labelled)} with a speaker)"
        f" of {len(rows)} in {len(NEWS_SEEDS)} news seeds:"
        f" precision {precision:.3f} ({len(attributed)} attributed), recall {recall:.3f}"
    )
    for seed, start, expected, given in rows:
        if expected != given:
            print(f"  {seed[:3]} {start!r}: expected {expected!r}, given {given!r}")
    assert precision >= MIN_PRECISION
    assert recall >= MIN_RECALL
