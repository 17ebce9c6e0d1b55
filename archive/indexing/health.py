"""Whether the search index can answer for the catalog: there, whole, and in step.

The catalog is the truth and the index is derived from it (see
archive.indexing.catchup), so the index can be missing (deleted), damaged
(truncated, unreadable), from another generation (restored from an older
copy, left by a killed rebuild), or behind (a run was killed, or one is
writing now). A reading command looks first and never answers from such an
index as if it were whole.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from archive.errors import ArchiveError, ArchiveLocked, IndexProblem, ShardUnreachable
from archive.indexing.catchup import GENERATION, STAMP_FILE, generation_of, read_stamp

if TYPE_CHECKING:
    from archive.indexing.catchup import Target

MISSING, DAMAGED, OUT_OF_STEP, BEHIND = "missing", "damaged", "out of step", "behind"


@dataclass
class IndexState:
    """What was found: `problem` is None when the index answers for the whole catalog."""

    problem: str | None
    stored: int  # passages in the catalog
    indexed: int | None = None  # passages in the index, if it could be opened
    waiting: int = 0  # passages and removals the catalog says the index still lacks
    detail: str = ""

    def describe(self, where: object) -> str:
        """One line: what is wrong with the index at `where`."""
        held = f"the catalog holds {self.stored:,} passages"
        if self.problem == MISSING:
            return f"the search index at {where} is missing ({held})"
        if self.problem == DAMAGED:
            return f"the search index at {where} is damaged ({self.detail}; {held})"
        if self.problem == OUT_OF_STEP:
            return f"the search index at {where} is out of step with the catalog ({self.detail})"
        if self.problem == BEHIND:
            return (
                f"the search index at {where} lacks {self.waiting:,} passages of the catalog's "
                f"{self.stored:,} (an index run was stopped or is under way)"
            )
        return f"the search index at {where} holds all {self.stored:,} passages"


def look(target: Target) -> IndexState:
    """How the index stands against the catalog; opens the engine only if the index is there."""
    catalog = target.catalog
    stored = catalog.passage_count()
    unindexed, removals = catalog.waiting_count()
    directory = target.index_dir
    recorded = catalog.get_meta(GENERATION)
    generation = generation_of(catalog)
    if not directory.is_dir():
        if stored == 0 and removals == 0:
            return IndexState(None, stored, 0)  # nothing to find yet
        return IndexState(MISSING, stored)
    try:
        indexed = target.engine.count()
    except ShardUnreachable:
        raise  # not damage: nothing to rebuild, the shard's server is to be started
    except (ArchiveError, OSError, ValueError) as exc:
        return IndexState(DAMAGED, stored, detail=_short(exc))
    stamp = read_stamp(target)
    if recorded is not None and generation > 0 and not (directory / STAMP_FILE).exists():
        detail = "it has no generation stamp, so it is not the index this catalog built"
        return IndexState(OUT_OF_STEP, stored, indexed, detail=detail)
    if recorded is not None and stamp not in (generation, generation + 1):
        which = "older" if stamp < generation else "newer"
        detail = f"it is from an {which} generation ({stamp}) than the catalog's ({generation})"
        return IndexState(OUT_OF_STEP, stored, indexed, detail=detail)
    if unindexed or removals:
        return IndexState(BEHIND, stored, indexed, unindexed + removals)
    if indexed != stored:
        detail = f"it holds {indexed:,} passages where the catalog has {stored:,}"
        return IndexState(OUT_OF_STEP, stored, indexed, detail=detail)
    return IndexState(None, stored, indexed)


def _short(exc: BaseException) -> str:
    text = str(exc).split(" (run `archive reindex`")[0]
    return text if len(text) <= 200 else text[:199] + "…"


def make_ready(
    target: Target,
    warn: Callable[[str], None],
    busy: Callable[[], bool],
    writing: Callable[[], AbstractContextManager],
) -> bool:
    """Before a read answers from the index: make sure it answers for the whole catalog.

    An index that is missing, damaged or out of step is rebuilt from the
    catalog first when the archive can be written (`writing` takes the
    writer lock without waiting) and no writer is `busy`, saying so to
    `warn`; otherwise IndexProblem says what is wrong. An index behind the
    catalog (a run stopped, or one under way) answers with a warning of how
    much it lacks: the next `archive index` finishes the job. Returns whether
    the answer is whole (no need to look again).
    """
    state = look(target)
    if state.problem is None:
        return True
    message = state.describe(target.index_dir)
    if state.problem == BEHIND:
        finish = (
            "it is being written now"
            if busy()
            else "run `archive index` again (or `archive reindex`) to finish"
        )
        warn(f"{message}; these answers leave them out: {finish}")
        return False
    if state.problem == OUT_OF_STEP and busy():
        # A writer between its index's commit and the catalog's (or a reader's view of
        # one taken between them): what is seen is in step a moment later.
        warn(f"{message}; it is being written now, so this answer may lack the latest")
        return False
    if target.catalog.read_only:
        raise IndexProblem(f"{message}: run `archive reindex` where the archive is writable")
    from archive.indexing.catchup import rebuild

    try:
        with writing():
            warn(f"{message}; rebuilding it from the catalog first")
            rebuild(target)
    except ArchiveLocked:
        raise IndexProblem(f"{message}, and another command is writing: try again soon") from None
    return True


def check(target: Target, paths_shown: int = 20) -> dict:
    """`archive check`: the catalog's integrity, the index against it, and the files it lists
    that are gone. `sound` is whether all three are."""
    import os

    catalog = target.catalog
    problems = catalog.integrity_problems()
    state = look(target)
    known = sorted(catalog.known_paths())
    gone = [path for path in known if not os.path.exists(path)]
    index = {
        "path": str(target.index_dir),
        "problem": state.problem,
        "message": state.describe(target.index_dir),
        "passages": state.indexed,
        "waiting": state.waiting,
    }
    return {
        "sound": not problems and state.problem is None and not gone,
        "catalog": {
            "path": str(catalog.path),
            "problems": problems,
            "documents": catalog.document_count(),
            "passages": state.stored,
        },
        "index": index,
        "files": {"listed": len(known), "gone": len(gone), "gone_paths": gone[:paths_shown]},
    }
