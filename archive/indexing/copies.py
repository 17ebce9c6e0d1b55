"""Copies of one story: the same wire copy under two outlets, a page saved twice.

A news document whose body is the same as, or nearly the same as, one the
catalog holds is not stored again: it is kept as a copy of the first
("also published by", with its own source, URL, date and title).

- Same: the bodies are equal once case, punctuation and spacing are set
  aside. Only bodies of at least MIN_WORDS_EXACT words are compared, or
  bodies under the same title, so two different stories that share a one-line
  standfirst are not folded.
- Nearly the same: bodies of at least MIN_WORDS_NEAR words whose sets of
  5-word shingles have an estimated Jaccard similarity of at least
  NEAR_THRESHOLD (a story with a changed sentence or a different sign-off).
  Similarity is estimated from 64-value MinHash signatures; the candidates
  come from 16 bands of 4 values kept in the catalog, which find pairs above
  about 0.5 similarity nearly always, then the threshold decides.

A signature is the minimum, over a body's shingles, of 64 hash functions
(a * h + b) mod (2**61 - 1), cut to 32 bits, where h is the first 4 bytes of
the shingle's SHA-1. The constants come from numpy's seeded RandomState,
whose stream never changes. These are the signatures datasketch's MinHash
(num_perm=64, seed=1) gives, which catalogs made before kept: computed here
in one numpy step per document, without datasketch and the scipy it loads.

Hansard is never folded: two speeches with the same words are two speeches.

Which copy is stored: the first, unless a later one is better described
(`better_described`: it has a date, source or URL the stored one lacks, or a
sidecar); then it takes the first one's place, with the first one's facts
where it has none (`merged`), and is attributed with its own date.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from archive.ingest.sidecar import sidecar_path
from archive.model import Document

if TYPE_CHECKING:
    from archive.store.copies import Facts

MIN_WORDS_EXACT = 25
MIN_WORDS_NEAR = 50
NEAR_THRESHOLD = 0.8
SHINGLE = 5
# Enough words to tell two stories apart; a longer body is signed by its start.
SHINGLED_WORDS = 20_000
NUM_PERM = 64
BANDS = 16
ROWS = NUM_PERM // BANDS
_SEED = 1
_PRIME = np.uint64((1 << 61) - 1)
_LOW_32 = np.uint64((1 << 32) - 1)
# Shingles hashed at once, so a long story's (shingles x 64) table stays small.
_BLOCK = 2048

_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Body:
    """What a document's copies are found by."""

    hash: str
    signature: bytes | None
    words: int


def body_of(doc: Document) -> Body | None:
    """The body fingerprint of a news document; None for Hansard or an empty body.

    The hash covers every word; the signature the first SHINGLED_WORDS, so a
    very long story costs memory in proportion to that, not to its length.
    """
    if doc.kind != "news":
        return None
    digest = hashlib.sha256()
    head: list[str] = []
    count = 0
    for passage in doc.passages:
        words = _WORD.findall(passage.text.casefold())
        if not words:
            continue
        digest.update(((" " if count else "") + " ".join(words)).encode("utf-8"))
        head.extend(words[: max(0, SHINGLED_WORDS - len(head))])
        count += len(words)
    if not count:
        return None
    signature = _signature(head) if count >= MIN_WORDS_NEAR else None
    return Body(digest.hexdigest()[:32], signature, count)


def _signature(words: list[str]) -> bytes:
    """The MinHash signature of the 5-word shingles of `words` (at least SHINGLE of them)."""
    sha1 = hashlib.sha1
    shingles = {" ".join(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}
    digests = b"".join(sha1(shingle.encode("utf-8")).digest()[:4] for shingle in shingles)
    hashes = np.frombuffer(digests, dtype="<u4").astype(np.uint64)
    a, b = _permutations()
    lowest = np.full(NUM_PERM, _LOW_32, dtype=np.uint64)
    for block in range(0, len(hashes), _BLOCK):
        h = hashes[block : block + _BLOCK, np.newaxis]
        # uint64 products wrap around, as the signatures kept in catalogs were made.
        values = ((h * a + b) % _PRIME) & _LOW_32
        np.minimum(lowest, values.min(axis=0), out=lowest)
    return lowest.astype("<u4").tobytes()


@lru_cache(maxsize=1)
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    """The NUM_PERM hash functions' (a, b), drawn in turn from RandomState(_SEED)."""
    draw = np.random.RandomState(_SEED)
    pairs = [
        (draw.randint(1, _PRIME, dtype=np.uint64), draw.randint(0, _PRIME, dtype=np.uint64))
        for _ in range(NUM_PERM)
    ]
    a, b = np.array(pairs, dtype=np.uint64).T
    return a, b


def _bands(signature: bytes) -> list[tuple[int, int]]:
    """(band, key) pairs: a key is a 63-bit hash of one band's values."""
    size = ROWS * 4
    return [
        (band, int.from_bytes(hashlib.blake2b(signature[band * size : (band + 1) * size],
                                              digest_size=8).digest(), "little") >> 1)
        for band in range(BANDS)
    ]  # fmt: skip


def similarity(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity of the shingle sets behind two signatures."""
    return float(np.mean(np.frombuffer(a, np.uint32) == np.frombuffer(b, np.uint32)))


_CANDIDATES = "SELECT DISTINCT doc_id FROM bands WHERE " + " OR ".join(
    ["(band = ? AND key = ?)"] * BANDS
)


def find_original(
    conn, doc: Document, body: Body, exclude: set[str] = frozenset()
) -> tuple[str, float] | None:
    """The stored document `doc` is a copy of, and how alike they are; None if none is.

    Documents in `exclude` (those `doc` is about to replace) are not candidates.
    """
    for doc_id, title in conn.execute(
        "SELECT id, title FROM documents WHERE body_hash = ? AND kind = 'news' ORDER BY added_at",
        (body.hash,),
    ):
        if doc_id not in exclude and (body.words >= MIN_WORDS_EXACT or title == doc.title):
            return doc_id, 1.0
    if body.signature is None:
        return None
    # One query for all bands: SQLite looks each (band, key) up in the index
    # (half the time of a query per band; a row-value IN list scans the table).
    keys = [value for pair in _bands(body.signature) for value in pair]
    candidates = {r[0] for r in conn.execute(_CANDIDATES, keys)}
    best: tuple[str, float] | None = None
    for doc_id in sorted(candidates - exclude):
        (signature,) = conn.execute(
            "SELECT signature FROM documents WHERE id = ?", (doc_id,)
        ).fetchone()
        score = similarity(body.signature, signature)
        if score >= NEAR_THRESHOLD and (best is None or score > best[1]):
            best = (doc_id, score)
    return best


def remember(conn, doc_id: str, body: Body) -> None:
    """Keep a stored document's bands, so later copies of it are found."""
    if body.signature is not None:
        conn.executemany(
            "INSERT INTO bands(band, key, doc_id) VALUES (?, ?, ?)",
            [(band, key, doc_id) for band, key in _bands(body.signature)],
        )


def better_described(doc: Document, path: str | None, stored: Facts) -> bool:
    """True if `doc`, a copy of the stored document, should take its place: it gives a
    date, source or URL the stored one lacks, or a sidecar where the stored one had
    none (a sidecar's facts win, as they do for a single file)."""
    if (doc.date and not stored.date) or (doc.source and not stored.source):
        return True
    if doc.url and not stored.url:
        return True
    return (
        path is not None
        and sidecar_path(Path(path)) is not None
        and not any(sidecar_path(Path(p)) for p in stored.paths)
    )


def merged(doc: Document, stored: Facts) -> Document:
    """`doc` with the stored copy's facts where it has none of its own."""
    return replace(
        doc,
        date=doc.date or (dt.date.fromisoformat(stored.date) if stored.date else None),
        source=doc.source or stored.source,
        url=doc.url or stored.url,
        authors=doc.authors or stored.authors,
    )
