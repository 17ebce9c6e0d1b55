"""A document whole, as `archive show` gives it: passages in order with speaker,
office, party, column and time; divisions with their votes; other copies."""

from __future__ import annotations

import json

from archive.errors import NotFound
from archive.store.catalog import Catalog


def document_named(catalog: Catalog, name: str) -> dict:
    """The document `name` is the id of, or of one of whose passages: then with that passage
    `marked` (its id; None for a document's id). ArchiveError if there is none."""
    found = catalog.document_named(name)
    doc = document(catalog, found) if found is not None else None
    if doc is None:
        raise NotFound(f"no document {name!r} in the archive")
    marked = name if name != found else None
    if marked is not None and all(p["passage_id"] != marked for p in doc["passages"]):
        last = len(doc["passages"]) - 1
        raise NotFound(
            f"no passage {name!r} in the archive (document {found} has passages "
            f"{found}.0 to {found}.{last})"
        )
    return doc | {"marked": marked}


def document(catalog: Catalog, doc_id: str) -> dict | None:
    """A document with its passages, divisions and copies in order, as plain data."""
    row = catalog.conn.execute(
        "SELECT id, kind, title, date, source, url, authors, house, language, tags, ref, volume "
        "FROM documents WHERE id = ?",
        (doc_id,),
    ).fetchone()
    if row is None:
        return None
    one = catalog.conn.execute
    paths = sorted(r[0] for r in one("SELECT path FROM document_files WHERE doc_id = ?", (doc_id,)))
    passages = [
        {
            "passage_id": r.passage_id,
            "heading": r.heading,
            "speaker": r.shown_speaker,
            "person_name": r.speaker if r.speaker != r.shown_speaker else None,
            "speaker_as_printed": r.speaker_as_printed,
            "speaker_inferred": r.speaker_inferred,
            "office": r.office,
            "party": r.party,
            "column": r.column,
            "time": r.time,
            "ref": r.ref,
            "url": r.passage_url,
            "text": r.text,
        }
        for r in catalog.passage_rows("WHERE p.doc_id = ? ORDER BY p.seq", (doc_id,))
    ]
    quoted = catalog.quotes_of(p["passage_id"] for p in passages)
    for passage in passages:
        passage["quotes"] = quoted.get(passage["passage_id"], [])
    divisions = [
        {
            "number": number, "after": after, "heading": heading, "ayes": ayes,
            "noes": noes, "ref": ref,
            "votes": [{"name": n, "vote": v, "ref": r} for n, v, r in json.loads(votes)],
        }
        for number, after, heading, ayes, noes, ref, votes in one(
            "SELECT number, after, heading, ayes, noes, ref, votes FROM divisions "
            "WHERE doc_id = ? ORDER BY seq",
            (doc_id,),
        )
    ]  # fmt: skip
    copies = [
        {"source": source, "url": url, "date": date, "title": title,
         "authors": json.loads(authors), "path": path, "similarity": similarity}
        for source, url, date, title, authors, path, similarity in one(
            "SELECT source, url, date, title, authors, path, similarity FROM copies "
            "WHERE doc_id = ? ORDER BY date, source, path",
            (doc_id,),
        )
    ]  # fmt: skip
    return {
        "doc_id": row[0],
        "kind": row[1],
        "title": row[2],
        "date": row[3],
        "source": row[4],
        "url": row[5],
        "authors": json.loads(row[6]),
        "house": row[7],
        "language": row[8],
        "tags": json.loads(row[9]),
        "ref": row[10],
        "volume": row[11],
        "paths": paths,
        "passages": passages,
        "divisions": divisions,
        "also_published": copies,
    }
