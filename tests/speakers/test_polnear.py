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
# Person sources (named and pronoun); see polnear.Score. The issue asks 0.95
# and 0.80 (or what is reached minus 0.02, if more): the rules reach 0.952 and
# 0.802 on speech cues (0.674 on all cues) on the held-out part, so the test
# fails below the figures, and below 0.654 on all cues. Earlier rounds
# reached 0.946 / 0.781 / 0.655, 0.940 / 0.725 / 0.607 and 0.938 / 0.695 /
# 0.582; the code before them scored 0.939 / 0.545 / 0.451. The scorer was
# corrected in the last round ("Mrs. Clinton" is no Bill Clinton, a pronoun's
# referents fit its gender, an office or a number heads no name): by it, the
# code before that round scores 0.945 / 0.779 / 0.651.
MIN_PRECISION = 0.95
MIN_RECALL = 0.80
MIN_RECALL_ALL_CUES = 0.654


@pytest.mark.skipif(not (ROOT / "train").is_dir(), reason=f"PolNeAR not found at {ROOT}")
def test_attribution_on_held_out_polnear():
    names = article_names(ROOT)
    part = sorted(held_out(names))
    result = score(ROOT, part)
    print(f"\nPolNeAR held out: {len(part)} of {len(names)} articles")
    print(result.table())
    precision, recall, every = result.precision(), result.recall(), result.recall(False)
    assert precision >= MIN_PRECISION
    assert recall >= MIN_RECALL
    assert every >= MIN_RECALL_ALL_CUES
