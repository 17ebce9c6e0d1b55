"""An older archive brought forward: stories stored before every quote of a passage
was kept, attributed again (and its paths recorded in full: archive.indexing.paths).

A catalog made before quotes were kept (archive.store.schema sets
ATTRIBUTE_AGAIN when it upgrades one) holds news whose passages have one
speaker each. The next command that writes reads each such story's stored
passages through today's attribution (archive.speakers.attribution), so its
passages gain their quotes, and leaves them for the index to write again.
Stories whose speakers a table gave (a speaker id or party beside the text)
are kept as they are.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from archive.model import Document, Passage
from archive.store.schema import ATTRIBUTE_AGAIN

if TYPE_CHECKING:
    from archive.indexing.catchup import Target

BATCH = 200  # stories a transaction


def bring_forward(target: Target, warn) -> None:
    """What an archive made by an older version needs before it is written: its
    files' relative paths recorded in full (archive.indexing.paths) and its stories
    attributed again (below). Each says what it did, or could not do, to `warn`."""
    from archive.indexing.paths import upgrade

    upgraded = upgrade(target)
    if upgraded.message():
        warn(upgraded.message())
    again = reattribute(target)
    if again:
        warn(
            f"{again:,} stories stored by an older version were attributed again, so that "
            "every quote of a passage has its speaker; the index takes them in now"
        )


def reattribute(target: Target) -> int:
    """Attribute again the stories an upgrade marked; returns how many. Call under the lock."""
    from archive.speakers.attribution import attribute_document
    from archive.speakers.evidence import evidence_of

    catalog = target.catalog
    if not catalog.get_meta(ATTRIBUTE_AGAIN):
        return 0
    stories = catalog.conn.execute(
        "SELECT id, title, date FROM documents WHERE kind = 'news' AND attribution IS NULL"
    ).fetchall()
    done = 0
    for start in range(0, len(stories), BATCH):
        with catalog.transaction():
            for doc_id, title, date in stories[start : start + BATCH]:
                rows = catalog.conn.execute(
                    "SELECT text, speaker_ref, speaker_party FROM passages "
                    "WHERE doc_id = ? ORDER BY seq",
                    (doc_id,),
                ).fetchall()
                if any(ref or party for _, ref, party in rows):
                    how = "given"
                else:
                    day = dt.date.fromisoformat(date) if date else None
                    story = Document(
                        kind="news", title=title, date=day, attribution="prose",
                        passages=tuple(Passage(text) for text, _, _ in rows),
                    )  # fmt: skip
                    catalog.replace_quotes(
                        doc_id, attribute_document(story).passages, day, evidence_of(story)
                    )
                    how, done = "prose", done + 1
                catalog.conn.execute(
                    "UPDATE documents SET attribution = ? WHERE id = ?", (how, doc_id)
                )
    with catalog.transaction():
        catalog.delete_meta(ATTRIBUTE_AGAIN)
    return done
