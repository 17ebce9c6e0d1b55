"""The timeline as a PNG chart, with matplotlib (the optional `plot` extra).

The chart has one width however long the timeline: bars get narrower and at
most LABELS periods are labelled, evenly spaced, so a timeline of 400 months
is as readable as one of 12.
"""

from __future__ import annotations

from pathlib import Path

from archive.errors import ArchiveError
from archive.model import KINDS

WIDTH, HEIGHT = 10, 4.5  # inches, at DPI
DPI = 120
LABELS = 24  # period labels at most along the axis
COLOURS = {"news": "#1f77b4", "hansard": "#d95f02"}  # distinct even when a series is empty


def title_of(query: str, filters: dict) -> str:
    """The query and every filter given: 'oil — kind news, since 1987, until 2023'."""
    parts = []
    for key, value in filters.items():
        values = value if isinstance(value, list | tuple) else [value] if value else []
        if values:
            name = key[:-1] if key.endswith("s") and key not in ("since",) else key
            parts.append(f"{name} {', '.join(map(str, values))}")
    head = f'"{query}"' if query else "all passages"
    return head + (" — " + "; ".join(parts) if parts else "")


def plot_timeline(buckets: list, path: Path, title: str, lag=None) -> None:
    try:
        import matplotlib

        matplotlib.use("Agg")  # files only: no screen needed
        import matplotlib.pyplot as plt
    except ImportError:
        raise ArchiveError("--plot needs matplotlib: pip install 'archive[plot]'") from None
    labels = [b.period for b in buckets]
    figure, axes = plt.subplots(figsize=(WIDTH, HEIGHT))
    positions = range(len(labels))
    width = 0.4
    for offset, kind in zip((-width / 2, width / 2), KINDS, strict=True):
        axes.bar(
            [x + offset for x in positions], [b.counts.get(kind, 0) for b in buckets],
            width, label=kind, color=COLOURS[kind],
        )  # fmt: skip
    step = max(1, -(-len(labels) // LABELS))
    shown = list(positions)[::step]
    axes.set_xticks(shown, [labels[i] for i in shown], rotation=60, ha="right", fontsize=8)
    if labels:
        axes.set_xlim(-0.6, len(labels) - 0.4)
    top = max((b.total for b in buckets), default=0)
    axes.set_ylim(0, None if top else 1)  # an empty series is drawn empty, from zero up
    axes.yaxis.get_major_locator().set_params(integer=True)
    axes.set_ylabel("passages")
    # A query may hold lone surrogates (undecodable bytes); matplotlib cannot draw them.
    axes.set_title(title.encode("utf-8", "replace").decode("utf-8"), fontsize=11)
    if lag is not None:
        axes.text(0.01, 0.97, lag.summary, transform=axes.transAxes, va="top", fontsize=9)
    if not top:
        axes.text(0.5, 0.5, "no passages match", transform=axes.transAxes, ha="center")
    axes.legend(loc="upper right")
    figure.tight_layout()
    try:
        figure.savefig(path, dpi=DPI)
    except OSError as exc:
        raise ArchiveError(f"cannot write {path}: {exc.strerror or exc}") from None
    finally:
        plt.close(figure)
