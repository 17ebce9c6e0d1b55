"""How the whoosh engine sees and scores text: exactly as tantivy does.

Words are cut like tantivy's simple tokenizer, long ones dropped by bytes,
folded like its ascii_fold and stemmed with the project's Snowball stemmer;
scores are tantivy's BM25 with its field-length buckets.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right

from whoosh import scoring
from whoosh.analysis import Filter, RegexTokenizer
from whoosh.columns import NumericColumn, RefBytesColumn, VarBytesColumn
from whoosh.fields import COLUMN, ID, KEYWORD, TEXT, Schema

from archive.query.words import fold, stem

NO_SPEAKER = NO_DAY = 0  # person ids start at 1; days are YYYYMMDD
WORD = re.compile(r"[^\W_]+")  # tantivy's simple tokenizer: runs of letters and digits

# -- analysis: tantivy's simple tokenizer, remove_long(40), lowercase,
# ascii_fold and English stemmer, step for step -------------------------------


class FoldFilter(Filter):
    """Drops tokens of 40 bytes or more, keeping their positions as tantivy does; folds the rest."""

    def __call__(self, tokens):
        for t in tokens:
            if len(t.text) < 10 or len(t.text.encode("utf-8")) < 40:
                t.text = fold(t.text)
                yield t


class StemFilter(Filter):
    """Snowball English stems, from the stemmer the rest of the archive uses."""

    def __call__(self, tokens):
        for t in tokens:
            t.text = stem(t.text)
            yield t


def analyzer(stemmed: bool):
    """The analyzer of the stemmed fields ("text", "title") or the exact ones ("*_exact")."""
    chain = RegexTokenizer(WORD.pattern) | FoldFilter()
    return chain | StemFilter() if stemmed else chain


def _schema() -> Schema:
    stemmed, exact = analyzer(stemmed=True), analyzer(stemmed=False)
    return Schema(
        passage_id=ID(stored=True, unique=True, sortable=True),
        doc_id=ID(sortable=True),
        text=TEXT(analyzer=stemmed),
        text_exact=TEXT(analyzer=exact),
        title=TEXT(analyzer=stemmed),
        title_exact=TEXT(analyzer=exact),
        kind=ID(sortable=RefBytesColumn()),
        source=ID(),
        party=ID(),
        house=ID(),
        tag=KEYWORD(commas=True),
        speaker=KEYWORD(commas=True),  # everyone who speaks in it: person ids
        # The people quoted beside the main speaker, "12,40", for counting by speaker.
        speakers_quoted=COLUMN(VarBytesColumn()),
        # Columns only, read per matching passage: never searched as terms.
        text_norm=COLUMN(NumericColumn("B")),
        title_norm=COLUMN(NumericColumn("B")),
        speaker_number=COLUMN(NumericColumn("I", default=NO_SPEAKER)),
        date=COLUMN(NumericColumn("I", default=NO_DAY)),
        newest=COLUMN(NumericColumn("Q")),
        oldest=COLUMN(NumericColumn("Q")),
    )


# -- scoring: BM25 as tantivy computes it ---------------------------------------

K1, B = 1.2, 0.75
NORM_COLUMNS = {"text": "text_norm", "text_exact": "text_norm"}
NORM_COLUMNS |= {"title": "title_norm", "title_exact": "title_norm"}


def _fieldnorm(code: int) -> int:
    # Lucene's SmallFloat.byte4ToInt, which tantivy uses to keep a field's
    # length in a byte: exact up to 40 words, then ever coarser.
    if code < 24:
        return code
    bits, shift = (code - 24) & 7, ((code - 24) >> 3) - 1
    return 24 + (bits if shift < 0 else (bits | 8) << shift)


FIELDNORMS = [_fieldnorm(code) for code in range(256)]


def _fieldnorm_id(text: str) -> int:
    """The byte tantivy keeps for the number of words `text` is indexed as."""
    words = sum(1 for m in WORD.finditer(text) if len(m.group().encode("utf-8")) < 40)
    return bisect_right(FIELDNORMS, words) - 1


class TantivyBM25(scoring.WeightingModel):
    """Tantivy's BM25; `column(reader, name)` gives a segment's field-length bytes."""

    def __init__(self, column):
        self.column = column

    def scorer(self, searcher, fieldname, text, qf=1):
        return BM25Scorer(self, searcher, fieldname, [text])


class BM25Scorer(scoring.BaseScorer):
    """Scores a term, or a phrase with the idfs of its words summed, as tantivy does."""

    def __init__(self, model: TantivyBM25, searcher, fieldname: str, terms: list):
        top = searcher.get_parent()
        docs = top.doc_count_all()  # deleted passages count until merged, as in tantivy
        idf = sum(
            math.log(1 + (docs - df + 0.5) / (df + 0.5))
            for df in (top.doc_frequency(fieldname, t) for t in terms)
        )
        self.weight = idf * (1 + K1)
        average = (top.field_length(fieldname) / docs if docs else 0) or 1
        self.norm = [K1 * (1 - B + B * n / average) for n in FIELDNORMS]
        self.reader, self.column, self.model = searcher.reader(), NORM_COLUMNS.get(fieldname), model
        self.norm_ids = None

    def tf_score(self, docnum: int, tf: float) -> float:
        if self.column is None:  # a filter field: always wrapped in a constant score
            return 1.0
        if self.norm_ids is None:
            self.norm_ids = self.model.column(self.reader, self.column)
        return self.weight * tf / (tf + self.norm[self.norm_ids[docnum]])

    def score(self, matcher) -> float:
        return self.tf_score(matcher.id(), matcher.weight())

    def max_quality(self) -> float:
        return self.weight
