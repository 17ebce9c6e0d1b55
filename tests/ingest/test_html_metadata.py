"""How often the HTML reader finds the metadata that people annotated on real pages.

The pages and annotations are trafilatura's evaluation set
(corpus/html-pages/trafilatura-eval: 188 pages, `annotations.json`; see
corpus/SOURCES.md). Each field is scored over the pages that have a non-empty
expected value, and each comparison is strict about content, lenient only
about form:

- date: the same calendar day (the expected value is "YYYY-MM-DD", maybe
  with a time after it).
- title: both folded (Unicode NFKC, casefold, curly quotes and dashes made
  plain, whitespace collapsed) and equal; or equal once one leading or
  trailing segment of at most 40 characters, cut off by " | ", " - ", " – ",
  " — ", " :: " or " · ", is taken from the found title (a site name). No
  substring or word-overlap matching.
- author: the expected names (a list, or a string split on ";", ",", "/",
  "&", "and", "und") and the found ones, split the same way, are folded
  (accents and punctuation dropped, casefold); academic degrees ("PhD")
  are dropped. Every expected name must be found; extra found names are
  allowed (bylines often credit more people than the annotators wrote).
- sitename: the document's source, folded, equals the expected site name.
- text_with / text_without: the annotated snippets that must be in, or
  must not be in, the main text (passages and their headings), whitespace
  collapsed.

Measured with `python -m pytest -q -s tests/ingest/test_html_metadata.py` (it
prints each share and the pages that miss); each test asserts the measured
share minus SLACK, so a change that loses accuracy fails. Reading all 188
pages takes about 9 s on one core of the development machine.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import time
import unicodedata

import pytest

from archive.errors import IngestError
from archive.ingest import read_documents

from conftest import corpus_dir

EVAL = corpus_dir() / "html-pages" / "trafilatura-eval"
ANNOTATIONS = EVAL / "annotations.json"

# Shares measured with the command in the module docstring (hits / pages with a value).
MEASURED = {
    "date": (120, 133),
    "title": (133, 147),
    "author": (82, 108),
    "sitename": (11, 13),
    "text_with": (508, 557),
    "text_without": (529, 568),
}
# The targets set for the reader (issue 5).
TARGETS = {"date": 0.90, "title": 0.90, "author": 0.75}
SLACK = 0.03

pytestmark = pytest.mark.skipif(
    not ANNOTATIONS.exists(), reason=f"needs the trafilatura evaluation pages at {EVAL}"
)

_PLAIN = str.maketrans("‘’“”–—", "''\"\"--")
_SEPARATORS = (" | ", " - ", " – ", " — ", " :: ", " · ")
_NAME_SPLIT = re.compile(r"[;,/&]|\band\b|\bund\b", re.IGNORECASE)
_DEGREES = frozenset({"phd", "md", "mba", "msc", "bsc", "ma"})
MAX_SITE_SEGMENT = 40


def fold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).translate(_PLAIN).casefold().split())


def same_title(expected: str, found: str) -> bool:
    want, have = fold(expected), fold(found)
    if want == have:
        return True
    for separator in _SEPARATORS:
        separator = f" {fold(separator)} "
        head, cut, tail = have.rpartition(separator)
        if cut and len(tail) <= MAX_SITE_SEGMENT and head == want:
            return True
        head, cut, tail = have.partition(separator)
        if cut and len(head) <= MAX_SITE_SEGMENT and tail == want:
            return True
    return False


def fold_name(name: str) -> str:
    name = unicodedata.normalize("NFKD", name)
    name = "".join(c for c in name if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w\s]", " ", name.casefold()).split())


def names(value: str | list[str] | tuple[str, ...]) -> set[str]:
    items = [value] if isinstance(value, str) else list(value)
    parts = (fold_name(part) for item in items for part in _NAME_SPLIT.split(item))
    return {part for part in parts if part and part not in _DEGREES}


def same_authors(expected: str | list[str], found: tuple[str, ...]) -> bool:
    return bool(found) and names(expected) <= names(found)


def main_text(document) -> str:
    return " ".join(" ".join(filter(None, (p.heading, p.text))) for p in document.passages)


def _snippet(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def results() -> dict[str, object]:
    """Each page's Document, or the IngestError it raised."""
    annotations = json.loads(ANNOTATIONS.read_text(encoding="utf-8"))
    read: dict[str, object] = {}
    start = time.perf_counter()
    for name in sorted(annotations):
        try:
            read[name] = next(iter(read_documents(EVAL / "pages" / f"{name}.gz")))
        except IngestError as error:
            read[name] = error
    print(f"\nread {len(read)} pages in {time.perf_counter() - start:.1f} s")
    return {"annotations": annotations, "documents": read}


def score(field: str, annotations: dict, documents: dict) -> tuple[int, int, list[str]]:
    """(hits, cases, misses) for one field over the pages that have a value for it."""
    hits = cases = 0
    misses = []
    for name, expected in sorted(annotations.items()):
        document = documents[name]
        if isinstance(document, IngestError):
            document = None
        for case, ok in _cases(field, expected, document):
            cases += 1
            hits += ok
            if not ok:
                misses.append(f"{name}: {case}")
    return hits, cases, misses


def _cases(field: str, expected: dict, document):
    if field in ("text_with", "text_without"):
        text = main_text(document) if document else ""
        for snippet in expected.get(field.removeprefix("text_"), []):
            inside = _snippet(snippet) in text
            yield snippet[:60], inside if field == "text_with" else not inside
        return
    want = expected.get(field)
    if not want:
        return
    if document is None:
        yield f"{want!r} but the page was not read", False
    elif field == "date":
        yield f"{want!r} != {document.date}", document.date == dt.date.fromisoformat(want[:10])
    elif field == "title":
        yield f"{want!r} != {document.title!r}", same_title(want, document.title)
    elif field == "author":
        yield f"{want!r} !~ {document.authors!r}", same_authors(want, document.authors)
    elif field == "sitename":
        yield f"{want!r} != {document.source!r}", fold(want) == fold(document.source or "")


def test_every_page_is_read(results):
    failed = {n: str(d) for n, d in results["documents"].items() if isinstance(d, IngestError)}
    assert failed == {}


@pytest.mark.parametrize("field", list(MEASURED))
def test_share(results, field):
    hits, cases, misses = score(field, results["annotations"], results["documents"])
    share = hits / cases
    measured = MEASURED[field][0] / MEASURED[field][1]
    target = TARGETS.get(field)
    print(
        f"\n{field}: {hits}/{cases} = {share:.1%} (measured {measured:.1%}"
        + (f", target {target:.0%})" if target else ")")
    )
    for miss in misses:
        print(f"  miss {miss}")
    # Date misses (13): 7 annotate a day the page does not state (or only as its
    # masthead's "today"); 4 annotate the updated date where the page declares an
    # earlier published one; 1 the print issue of an article first published
    # online. One is htmldate's: a revision-time meta (Reuters'
    # analyticsAttributes.articleDate) read as the original date; a rule
    # preferring `article:published_time` fixes it but loses a page annotated
    # with its updated date.
    assert cases == MEASURED[field][1]
    assert share >= measured - SLACK


@pytest.mark.parametrize(
    ("expected", "found", "same"),
    [
        ("Bridge opens", "Bridge opens | The Gazette", True),
        ("Bridge opens", "The Gazette - Bridge opens", True),
        ("Bridge “opens”", 'bridge  "OPENS"', True),
        ("Bridge opens", "Bridge opens today", False),
        ("Bridge opens", "Bridge opens | " + "a segment too long to be a site name" * 2, False),
    ],
)
def test_title_comparison(expected, found, same):
    assert same_title(expected, found) is same


@pytest.mark.parametrize(
    ("expected", "found", "same"),
    [
        ("Jane Doe; John Roe", ("John Roe", "Jane Doe"), True),
        (["Michael L. Anderson, PhD"], ("Michael L Anderson",), True),
        ("STAFF AND NEWS SERVICE REPORTS", ("Staff", "News Service Reports"), True),
        ("Jane Doe", ("Jane Doe", "Ann Other"), True),
        ("Jane Doe, John Roe", ("Jane Doe",), False),
        ("Jane Doe", (), False),
    ],
)
def test_author_comparison(expected, found, same):
    assert same_authors(expected, found) is same
