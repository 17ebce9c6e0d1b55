"""How the xapian engine sees a passage: its terms, positions and value slots.

Words are cut, folded and stemmed as tantivy does (archive.query.words), so
the three engines match the same passages. Each field's terms carry a
prefix; filters are boolean terms (no weight, no length); dates and sort
keys are value slots, packed so that Xapian's byte order is their order.
"""

from __future__ import annotations

import hashlib
import struct

import xapian

from archive.engine.base import date_number, indexed_title, sort_keys, tag_terms
from archive.query.words import WORD, fold, stem
from archive.store.catalog import PassageRow

# Term prefixes. No prefix starts another, so a prefix scan ("E" + "kin") sees
# only its own field's words.
TEXT = {"text": "S", "title": "T"}  # stemmed words, positional
EXACT = {"text": "E", "title": "U"}  # the words as written (folded), positional
PASSAGE = "Q"  # the unique id term
EVERY = "A"  # one term on every passage: deleting it clears a remote shard
BOOLEAN = {
    "doc_id": "D:", "kind": "K:", "source": "R:", "speaker": "P:",
    "party": "Y:", "house": "H:", "tag": "G:",
}  # fmt: skip

# Value slots.
DATE, NEWEST, OLDEST, PASSAGE_ID, DOC_ID, DAY_KIND, SPEAKERS_DAY = range(7)

MAX_TERM = 240  # Xapian refuses terms of more than 245 bytes


def boolean_term(field: str, value: object) -> str:
    """The filter term of `field` = `value`, cut to a length Xapian takes."""
    term = BOOLEAN[field] + str(value)
    encoded = term.encode("utf-8")
    if len(encoded) <= MAX_TERM:
        return term
    return encoded[:MAX_TERM].decode("utf-8", "ignore") + hashlib.sha1(encoded).hexdigest()[:4]


def analyze(text: str, stemmed: bool) -> list[tuple[int, str]]:
    """(position, word) of each word kept: tantivy drops words of 40 bytes or more but
    keeps their place, so phrases across them do not match."""
    return [(position, stem(word) if stemmed else word) for position, word in _words(text)]


def _words(text: str) -> list[tuple[int, str]]:
    """(position, folded word) of each word kept (see `analyze`)."""
    if text.isascii():  # most text: fold is lower case, a byte a letter
        return [
            (position, word)
            for position, word in enumerate(WORD.findall(text.lower()))
            if len(word) < 40
        ]
    found = []
    for position, word in enumerate(WORD.findall(text)):
        if len(word) >= 10 and len(word.encode("utf-8")) >= 40:
            continue
        found.append((position, fold(word)))
    return found


def tokens(text: str, stemmed: bool) -> list[str]:
    return [word for _, word in analyze(text, stemmed)]


def pack(number: int) -> bytes:
    """An unsigned integer as 8 bytes, most significant first: byte order is number order."""
    return struct.pack(">Q", number)


def unpack(value: bytes) -> int:
    return struct.unpack(">Q", value)[0]


def day_value(day: int) -> bytes:
    return pack(day)


def document(row: PassageRow) -> xapian.Document:
    doc = xapian.Document()
    stems = _Stems()
    for field, text in (("text", row.text), ("title", indexed_title(row))):
        stemmed, exact, add = TEXT[field], EXACT[field], doc.add_posting
        for position, word in _words(text):
            add(stemmed + stems[word], position + 1)
            add(exact + word, position + 1)
    doc.add_boolean_term(PASSAGE + row.passage_id)
    doc.add_boolean_term(EVERY)
    doc.add_boolean_term(boolean_term("doc_id", row.doc_id))
    doc.add_boolean_term(boolean_term("kind", row.kind))
    for field, value in (("source", row.source), ("party", row.party), ("house", row.house)):
        if value:
            doc.add_boolean_term(boolean_term(field, value))
    for person in row.speaker_ids:  # the main speaker and everyone else quoted
        doc.add_boolean_term(boolean_term("speaker", person))
    for tag in tag_terms(row.tags):
        doc.add_boolean_term(boolean_term("tag", tag))
    newest, oldest = sort_keys(row)
    doc.add_value(NEWEST, pack(newest))
    doc.add_value(OLDEST, pack(oldest))
    doc.add_value(PASSAGE_ID, row.passage_id.encode())
    doc.add_value(DOC_ID, row.doc_id.encode())
    day = date_number(row)
    if day is not None:
        doc.add_value(DATE, day_value(day))
        doc.add_value(DAY_KIND, f"{day} {row.kind}".encode())
    # Who speaks and when, one value a passage: a match spy counts the passages of
    # each (people, day) and count_by_speaker adds them up per person.
    people = ",".join(map(str, row.speaker_ids))
    if people:
        doc.add_value(SPEAKERS_DAY, f"{people} {day or 0}".encode())
    doc.set_data(row.passage_id)
    return doc


class _Stems(dict):
    """Stems of one passage's words, each worked out once (words repeat within a passage;
    a cache across passages would hold strings past their use, see archive.query.words)."""

    def __missing__(self, word: str) -> str:
        self[word] = found = stem(word)
        return found


def shard_of(doc_id: str, shards: int) -> int:
    """Which of `shards` shards holds a document: a hash of its id, stable across runs."""
    digest = hashlib.blake2b(doc_id.encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") % shards
