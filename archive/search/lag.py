"""Parliament against the press: the lag at which a timeline's news and Hansard series agree
best (their cross-correlation over the periods), and which of the two led."""

from __future__ import annotations

from dataclasses import dataclass

from archive.search.counts import Bucket, period_of

# Lags tried, in periods either way: at most this many, and at most a third of the timeline.
MOST_LAG = 26
# Below this at every lag the series do not move together, and no lag is named.
LEAST_CORRELATION = 0.2


@dataclass(frozen=True)
class Lag:
    """`periods` > 0: Hansard's series, moved that many periods later, matches the news best
    (Hansard led); < 0: the press led; 0: they move together."""

    periods: int
    period: str
    correlation: float
    correlations: tuple[tuple[int, float], ...]  # (lag, correlation) for every lag tried

    @property
    def leader(self) -> str | None:
        return "hansard" if self.periods > 0 else "news" if self.periods < 0 else None

    @property
    def summary(self) -> str:
        if self.periods == 0:
            return f"news and Hansard move together (correlation {self.correlation:.2f})"
        span = abs(self.periods)
        span_text = f"{span} {self.period}{'' if span == 1 else 's'}"
        who = "Hansard led the press" if self.periods > 0 else "The press led Hansard"
        return f"{who} by {span_text} (correlation {self.correlation:.2f})"

    def record(self) -> dict:
        return {
            "lag": self.periods, "period": self.period, "leader": self.leader,
            "correlation": round(self.correlation, 4), "summary": self.summary,
            "correlations": [{"lag": k, "correlation": round(r, 4)} for k, r in self.correlations],
        }  # fmt: skip


def compare(buckets: list[Bucket]) -> Lag | None:
    """The lag of best agreement; None when either series is flat, or no lag makes them
    agree (correlation below LEAST_CORRELATION)."""
    import numpy as np

    news = np.array([b.counts.get("news", 0) for b in buckets], dtype=float)
    hansard = np.array([b.counts.get("hansard", 0) for b in buckets], dtype=float)
    n = len(buckets)
    if n < 3 or news.std() == 0 or hansard.std() == 0:
        return None
    most = min(MOST_LAG, max(1, n // 3))
    found = []
    for k in range(-most, most + 1):
        # k > 0: news at t against Hansard at t - k.
        a, b = (news[k:], hansard[: n - k]) if k >= 0 else (news[: n + k], hansard[-k:])
        found.append((k, _pearson(a, b)))
    best = max(found, key=lambda item: (round(item[1], 9), -abs(item[0])))
    if best[1] < LEAST_CORRELATION:
        return None
    return Lag(best[0], period_of(buckets) or "period", best[1], tuple(found))


def _pearson(a, b) -> float:
    if len(a) < 2 or a.std() == 0 or b.std() == 0:
        return 0.0
    return float(((a - a.mean()) * (b - b.mean())).mean() / (a.std() * b.std()))
