"""Trend rules for monthly series.

- The rule of Midtvejsstatus 2021 (002): over the last 24 months, an arrow up
  (down) when at least 7 of the last 8 months lie above (below) the median of
  those 24 months; otherwise flat.
- Anhøj's run-chart rules as in the R package qicharts2: points on the
  median are dropped; n is the number of useful points; a run longer than
  round(log2(n)) + 3, or fewer crossings than the 5 % quantile of
  Binomial(n - 1, 0.5), signals non-random variation. Below MIN_USEFUL useful
  points there is no verdict at all: "for få punkter til en vurdering".
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class ArrowResult:
    arrow: str  # up | down | flat | none (too short a series)
    median: float | None
    above: int
    below: int
    months: int

    def in_words(self) -> str:
        if self.arrow == "none" and self.months == 0:
            return "Ingen data i de seneste 24 måneder."
        if self.arrow == "none":
            return f"For få måneder med data ({self.months}) til reglen; den kræver 24."
        side = {"up": "over", "down": "under"}.get(self.arrow)
        counts = f"{self.above} af de seneste 8 måneder ligger over og {self.below} under medianen " \
                 f"({_num(self.median)}) for de seneste 24 måneder"
        if side:
            return f"{counts}: en tydelig udvikling."
        return f"{counts}: ingen tydelig udvikling (kræver 7 af 8 på samme side)."


def _num(value: float | None) -> str:
    from domain.formatting import number

    if value is None:
        return "–"
    return number(value, 1 if abs(value) < 100 else 0)


def is_missing(value: float | None) -> bool:
    """A month without a value (None or NaN): not a point, as in qicharts2, never "below the median"."""
    return value is None or value != value


def arrow_002(values: Sequence[float | None]) -> ArrowResult:
    """The 002 rule on a monthly series (oldest first); uses its last 24 months, each with a value."""
    window = [float(v) for v in values[-24:] if v is not None and not is_missing(v)]
    if len(window) < 24:
        return ArrowResult("none", None, 0, 0, len(window))
    median = statistics.median(window)
    last8 = window[-8:]
    above = sum(1 for v in last8 if v > median)
    below = sum(1 for v in last8 if v < median)
    arrow = "up" if above >= 7 else "down" if below >= 7 else "flat"
    return ArrowResult(arrow, median, above, below, 24)


def longest_run_limit(n: int) -> int:
    """Anhøj: a run longer than this signals (R's round is half-to-even, as Python's)."""
    return round(math.log2(n)) + 3


def min_crossings(n: int) -> int:
    """Anhøj: fewer crossings than this signals: qbinom(0.05, n - 1, 0.5)."""
    trials = n - 1
    cumulative = 0.0
    for k in range(trials + 1):
        cumulative += math.comb(trials, k) / 2 ** trials
        if cumulative >= 0.05 - 1e-12:
            return k
    return trials


MIN_USEFUL = 10  # fewer useful points than this give no verdict (random or not)


@dataclass(frozen=True)
class AnhojResult:
    median: float
    useful: int
    longest_run: int
    run_limit: int
    crossings: int
    crossings_limit: int
    run_points: tuple[int, ...]  # indexes (in the series) of the points in the longest run, when it signals

    @property
    def assessable(self) -> bool:
        return self.useful >= MIN_USEFUL

    @property
    def runs_signal(self) -> bool:
        return self.assessable and self.longest_run > self.run_limit

    @property
    def crossings_signal(self) -> bool:
        return self.assessable and self.crossings < self.crossings_limit

    @property
    def signal(self) -> bool:
        return self.runs_signal or self.crossings_signal

    def in_words(self) -> str:
        if not self.assessable:
            return (f"For få punkter til en vurdering: {self.useful} brugbare punkter, "
                    f"reglerne kræver mindst {MIN_USEFUL}.")
        parts = [f"Længste serie på samme side af medianen: {self.longest_run} punkter (grænse {self.run_limit})",
                 f"kryds af medianen: {self.crossings} (mindst {self.crossings_limit})"]
        verdict = ("Ikke-tilfældig variation: " + " og ".join(
            w for w, s in (("for lang serie", self.runs_signal), ("for få kryds", self.crossings_signal)) if s)
            if self.signal else "Kun tilfældig variation")
        return f"{verdict}. " + "; ".join(parts) + f" ({self.useful} brugbare punkter)."


def anhoj(values: Sequence[float | None], median: float | None = None) -> AnhojResult | None:
    """Anhøj's runs and crossings around ``median`` (default: the series' median); None below 2 useful points.

    Missing values are dropped as qicharts2 drops NA: they are neither points nor crossings; indexes
    in ``run_points`` still refer to positions in ``values``."""
    present = [(i, float(v)) for i, v in enumerate(values) if v is not None and not is_missing(v)]
    if not present:
        return None
    centre = statistics.median(v for _, v in present) if median is None or is_missing(median) else median
    sides = [(i, 1 if v > centre else -1) for i, v in present if v != centre]
    n = len(sides)
    if n < 2:
        return None
    longest, current, best_end = 1, 1, 0
    crossings = 0
    for k in range(1, n):
        if sides[k][1] == sides[k - 1][1]:
            current += 1
        else:
            crossings += 1
            current = 1
        if current > longest:
            longest, best_end = current, k
    run_limit = longest_run_limit(n)
    signals = n >= MIN_USEFUL and longest > run_limit
    points = tuple(i for i, _ in sides[best_end - longest + 1:best_end + 1]) if signals else ()
    return AnhojResult(centre, n, longest, run_limit, crossings, min_crossings(n), points)


def runs_in_words(result: AnhojResult | None, values: Sequence[float | None]) -> str:
    """The Anhøj verdict in words; a window without values says so and never signals."""
    if all(is_missing(v) for v in values):
        return "Ingen data i perioden: der er ingen punkter at vurdere."
    return result.in_words() if result else "For få punkter til en vurdering."

