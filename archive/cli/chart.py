"""The timeline as a PNG chart, with matplotlib (the optional `plot` extra)."""

from __future__ import annotations

from pathlib import Path

from archive.errors import ArchiveError
from archive.model import KINDS


def plot_timeline(buckets: list, path: Path, title: str) -> None:
    try:
        import matplotlib

        matplotlib.use("Agg")  # files only: no screen needed
        import matplotlib.pyplot as plt
    except ImportError:
        raise ArchiveError("--plot needs matplotlib: pip install 'archive[plot]'") from None
    labels = [b.period for b in buckets]
    figure, axes = plt.subplots(figsize=(max(6, len(labels) * 0.35), 4))
    positions = range(len(labels))
    width = 0.4
    for offset, kind in zip((-width / 2, width / 2), KINDS, strict=True):
        axes.bar(
            [x + offset for x in positions], [b.counts.get(kind, 0) for b in buckets],
            width, label=kind,
        )  # fmt: skip
    axes.set_xticks(list(positions), labels, rotation=60, ha="right", fontsize=8)
    axes.set_ylabel("passages")
    # A query may hold lone surrogates (undecodable bytes); matplotlib cannot draw them.
    axes.set_title(title.encode("utf-8", "replace").decode("utf-8"))
    axes.legend()
    figure.tight_layout()
    try:
        figure.savefig(path, dpi=120)
    except OSError as exc:
        raise ArchiveError(f"cannot write {path}: {exc.strerror or exc}") from None
    finally:
        plt.close(figure)
