"""Who said it, on news the rules were not written for: the held-out part of PolNeAR.

PolNeAR (hand-labelled US political news, 2016) is read where the shared
corpus lies and scored by `polnear` (see its docstring for the method). One
article in five, chosen by name before any rule was tuned, is held out: this
test scores only that part. Run with -s to see the table by kind.
"""

from __future__ import annotations

import pytest
from polnear import article_names, held_out, score

from conftest import corpus_dir

ROOT = corpus_dir() / "news-polnear"
# Person sources (named and pronoun), speech cues; see polnear.Score.
MIN_PRECISION = 0.90
MIN_RECALL = 0.52


@pytest.mark.skipif(not (ROOT / "train").is_dir(), reason=f"PolNeAR not found at {ROOT}")
def test_attribution_on_held_out_polnear():
    names = article_names(ROOT)
    part = sorted(held_out(names))
    result = score(ROOT, part)
    print(f"\nPolNeAR held out: {len(part)} of {len(names)} articles")
    print(result.table())
    precision, recall = result.precision(), result.recall()
    assert precision >= MIN_PRECISION
    assert recall >= MIN_RECALL
