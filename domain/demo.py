"""Demonstration series ("Eksempeldata"): deterministic, shaped like real
monthly data, and calibrated to the sources so that a director never sees a
number that contradicts them.

- Region level: a level with a slow drift, a season (winter peak; milder for
  percentages), persistent AR(1) variation and the sampling noise of a count
  of that size, all from a seeded generator. The seed is searched, not the
  shape: the first seed whose 24 months ending with the calibration quarter
  give the source's arrow (by the 002 rule) is kept, after the whole series
  is scaled so that the quarter adds up to the source's value exactly
  (percentages via numerator and denominator).
- Municipalities share the region's numbers by population, each with its own
  level, slow drift, season and a persistent random walk, plus the sampling
  noise of its own size; the shares add up to the region exactly every month,
  and clusters are the sums of their municipalities.
- TeleKOL is a stock of included citizens on the first day of each month:
  from zero at the start, ramping up, through the source's figure on its date.

Counts are whole numbers everywhere; percentages keep whole numerators and
denominators. Every row made here is stored with is_demo = 1 and shown as
"Eksempeldata".
"""

from __future__ import annotations

import hashlib
import math
import random
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from domain.periods import months_between
from domain.trends import arrow_002

Row = dict[str, Any]

SEEDS = 200  # seeds tried for a calibration; the first few nearly always do


@dataclass(frozen=True)
class Calibration:
    indicator: str
    unit: str  # count | percent
    quarter: str  # e.g. 2021-Q1: the source's quarter
    value: float  # the source's value for that quarter (a quarterly count, or a percent)
    arrow: str  # up | down | flat, over the 24 months ending with the quarter
    denominator: int = 0  # monthly denominator for percentages (e.g. discharges)


def rng(*parts: object) -> random.Random:
    """A random generator seeded by its purpose, so every run makes the same numbers."""
    seed = hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()
    return random.Random(int(seed[:16], 16))


def allocate(total: int, weights: Sequence[float]) -> list[int]:
    """Whole shares of ``total`` in proportion to ``weights`` that add up to it exactly (largest remainder)."""
    whole = sum(weights)
    if total == 0 or whole <= 0:
        return [0] * len(weights)
    raw = [total * w / whole for w in weights]
    shares = [int(r) for r in raw]
    rest = total - sum(shares)
    order = sorted(range(len(raw)), key=lambda i: (raw[i] - shares[i], -i), reverse=True)
    for i in order[:rest]:
        shares[i] += 1
    return shares


def _season(months: list[str], amplitude: float, peak: float) -> list[float]:
    """Each month's 1 + a cosine over the calendar year with its top at month ``peak`` (0 = January)."""
    year = [1 + amplitude * math.cos(2 * math.pi * (m - peak) / 12) for m in range(12)]
    return [year[int(p[5:7]) - 1] for p in months]


def _ar1(r: random.Random, n: int, phi: float, sigma: float) -> list[float]:
    """A stationary AR(1) path: persistent, never alternating."""
    e = r.gauss(0, sigma / math.sqrt(1 - phi * phi))
    out = []
    for _ in range(n):
        out.append(e)
        e = phi * e + r.gauss(0, sigma)
    return out


def _drift(r: random.Random, arrow: str, n: int, end: int, noise: float, amplitude: float) -> list[float]:
    """The log level of a slow trend: a slope through the calibration window (its sign from the arrow)
    that eases, smoothly, into a small slope of its own some months after the quarter."""
    if arrow == "flat":
        slope = r.gauss(0, 0.0008)
    else:
        # Enough to carry the last 8 of 24 months past the median against the season and the noise.
        slope = r.uniform(0.8, 1.2) * (0.05 * amplitude + 0.08 * noise)
        slope = slope if arrow == "up" else -slope
    later = r.gauss(0, 0.0012)
    turn, width = end + r.uniform(4, 10), r.uniform(3, 5)
    level, out = 0.0, []
    for t in range(n):
        out.append(level)
        blend = 1 / (1 + math.exp(-(t - turn) / width))
        level += (1 - blend) * slope + blend * later
    return [v - out[end] for v in out]


def _counted(r: random.Random, expected: float, spread: float = 1.0) -> float:
    """A count's own sampling noise: Poisson for a small count (skewed, whole), else its normal
    approximation with variance ``spread`` × expected (``spread`` = 1 - p for a binomial)."""
    if expected <= 0:
        return 0.0
    if expected < 30:
        limit, k, p = math.exp(-expected), 0, r.random()
        while p > limit:
            k += 1
            p *= r.random()
        return float(k)
    return max(0.0, expected + r.gauss(0, math.sqrt(expected * spread)))


def _path(r: random.Random, arrow: str, months: list[str], end: int, size: float,
          amplitude: float, spread: float = 1.0) -> list[float]:
    """Expected values of a series around ``size`` a month, before the count's own sampling noise.

    The persistent variation is at least about as large as a small count's sampling noise
    (real monthly counts are overdispersed), so even a small series keeps its memory."""
    sampling = math.sqrt(spread / max(size, 1.0))
    phi = r.uniform(0.5, 0.75)
    wander = max(r.uniform(0.01, 0.016), 0.8 * sampling)  # the AR(1) part's standard deviation
    noise = math.hypot(wander, sampling)
    peak = r.uniform(-0.6, 0.6)  # winter: around January
    drift = _drift(r, arrow, len(months), end, noise, amplitude)
    ar = _ar1(r, len(months), phi, wander * math.sqrt(1 - phi * phi))
    return [size * math.exp(d + e) * s for s, d, e in zip(_season(months, amplitude, peak), drift, ar)]


def _exact(values: list[float], target: int, quarter: slice) -> list[int]:
    """Whole numbers: the whole series scaled so that the quarter adds up to ``target``; the rounding
    rest is shared over the quarter's three months (largest remainder), so no month stands out."""
    scale = target / sum(values[quarter]) if sum(values[quarter]) > 0 else 0.0
    out = [max(0, round(v * scale)) for v in values]
    out[quarter] = allocate(target, [v * scale for v in values[quarter]])
    return out


def region_series(cal: Calibration, months: list[str]) -> list[Row]:
    """Monthly region rows (period, value, numerator, denominator) that honour the calibration."""
    quarter_end = f"{cal.quarter[:4]}-{3 * int(cal.quarter[-1]):02d}"
    end = months.index(quarter_end)
    if end < 23:
        raise ValueError(f"the months must start 24 months before {quarter_end}")
    for salt in range(SEEDS):
        rows = _try_series(cal, months, end, salt)
        window = [row["value"] for row in rows[end - 23:end + 1]]
        if arrow_002(window).arrow == cal.arrow and _reproduces(cal, rows[end - 2:end + 1]):
            return rows
    raise ValueError(f"no series for {cal.indicator} gives the arrow {cal.arrow}")


def _reproduces(cal: Calibration, quarter: list[Row]) -> bool:
    """The quarter's months add up to the source's value (a percentage from numerators and denominators)."""
    if cal.unit == "count":
        return sum(r["value"] for r in quarter) == round(cal.value)
    num, den = sum(r["numerator"] for r in quarter), sum(r["denominator"] for r in quarter)
    return (num, den) == (round(cal.value / 100 * 3 * cal.denominator), 3 * cal.denominator)


def _try_series(cal: Calibration, months: list[str], end: int, salt: int) -> list[Row]:
    r = rng("demo", cal.indicator, salt)
    quarter = slice(end - 2, end + 1)
    if cal.unit == "count":
        size = cal.value / 3
        path = _path(r, cal.arrow, months, end, size, r.uniform(0.03, 0.06))  # a winter peak of 3-6 %
        values = _exact([_counted(r, v) for v in path], round(cal.value), quarter)
        return [{"period": p, "value": float(v), "numerator": None, "denominator": None}
                for p, v in zip(months, values)]
    rate = cal.value / 100
    # The denominator (e.g. discharges) has its own winter peak; the rate a milder one, and the
    # numerator's noise is binomial: variance n·p·(1 - p).
    dens_path = _path(r, "flat", months, end, cal.denominator, r.uniform(0.03, 0.05))
    numerators = _path(r, cal.arrow, months, end, rate * cal.denominator, r.uniform(0.008, 0.02), spread=1 - rate)
    dens = _exact([_counted(r, d) for d in dens_path], 3 * cal.denominator, quarter)
    nums_raw = [_counted(r, d * x / cal.denominator, 1 - rate) for d, x in zip(dens, numerators)]
    nums = _exact(nums_raw, round(rate * 3 * cal.denominator), quarter)
    nums = [min(n, d) for n, d in zip(nums, dens)]
    return [{"period": p, "value": 100 * n / d if d else 0.0, "numerator": float(n), "denominator": float(d)}
            for p, n, d in zip(months, nums, dens)]


def _local(r: random.Random, months: list[str], phi: float, sigma: float, season: float, drift: float) -> list[float]:
    """A place's own multiplier month by month: a persistent random walk (AR(1) close to 1),
    a slow drift and a season that differs a little from its region's."""
    peak = r.uniform(-1.5, 1.5)
    amplitude = r.uniform(-season, season)
    slope = r.gauss(0, drift)
    middle = len(months) / 2
    walk = _ar1(r, len(months), phi, sigma)
    season_of = _season(months, amplitude, peak)
    return [math.exp(w + slope * (t - middle)) * s for t, (s, w) in enumerate(zip(season_of, walk))]


def _share(r: random.Random, total: int, weights: Sequence[float], spread: float = 1.0) -> list[int]:
    """``total`` shared by ``weights`` with each part's own sampling noise; exactly ``total`` in all."""
    whole = sum(weights)
    if total <= 0 or whole <= 0:
        return allocate(total, weights)
    noisy = [_counted(r, total * w / whole, spread) for w in weights]
    return allocate(total, noisy if sum(noisy) > 0 else weights)


def split(region_rows: list[Row], indicator: str, unit: str,
          places: Sequence[tuple[str, int]]) -> dict[str, list[Row]]:
    """Each municipality's rows; they add up to the region's rows exactly, month by month."""
    months = [row["period"] for row in region_rows]
    sizes, rates = [], []
    for code, pop in places:
        r = rng("place", indicator, code)
        factor = pop * (1 + r.uniform(-0.15, 0.15))
        sizes.append([factor * m for m in _local(r, months, 0.92, 0.025, 0.03, 0.0012)])
        if unit == "percent":
            level = 1 + r.uniform(-0.15, 0.15)
            rates.append([level * m for m in _local(r, months, 0.9, 0.02, 0.02, 0.0008)])
    noise = rng("split", indicator, *(code for code, _ in places))
    out: dict[str, list[Row]] = {code: [] for code, _ in places}
    for t, row in enumerate(region_rows):
        period = row["period"]
        weights = [s[t] for s in sizes]
        if unit == "count":
            for (code, _), v in zip(places, _share(noise, int(row["value"]), weights)):
                out[code].append({"period": period, "value": float(v), "numerator": None, "denominator": None})
            continue
        dens = _share(noise, int(row["denominator"]), weights)
        share = row["numerator"] / row["denominator"] if row["denominator"] else 0.0
        nums = _fit(_share(noise, int(row["numerator"]), [d * x[t] for d, x in zip(dens, rates)], 1 - share), dens)
        for (code, _), n, d in zip(places, nums, dens):
            out[code].append({"period": period, "value": 100 * n / d if d else 0.0,
                              "numerator": float(n), "denominator": float(d)})
    return out


def _fit(nums: list[int], dens: list[int]) -> list[int]:
    """Numerators moved, whole, so that none exceeds its denominator (the sum unchanged)."""
    excess = sum(max(0, n - d) for n, d in zip(nums, dens))
    if not excess:
        return nums
    nums = [min(n, d) for n, d in zip(nums, dens)]
    for i in sorted(range(len(nums)), key=lambda i: nums[i] - dens[i]):
        take = min(excess, dens[i] - nums[i])
        nums[i] += take
        excess -= take
    return nums


def add_up(parts: list[list[Row]], unit: str) -> list[Row]:
    """The sum of places' rows, month by month (percentages from numerators and denominators)."""
    out = []
    for rows in zip(*parts):
        if unit == "count":
            out.append({"period": rows[0]["period"], "value": sum(r["value"] for r in rows),
                        "numerator": None, "denominator": None})
        else:
            n, d = sum(r["numerator"] for r in rows), sum(r["denominator"] for r in rows)
            out.append({"period": rows[0]["period"], "value": 100 * n / d if d else 0.0,
                        "numerator": n, "denominator": d})
    return out


def stock_series(indicator: str, start: str, anchor: str, anchor_value: int, last: str) -> list[Row]:
    """A stock (e.g. citizens included) on the first day of each month: 0 at ``start``,
    ramping up (an S-shaped start, then a steady pace with its own noise), exactly
    ``anchor_value`` at ``anchor``, then going on at the pace reached by then to ``last``."""
    before = months_between(start, anchor)
    if not before:  # a figure from before the start: nothing to make
        return []
    after = months_between(anchor, last)[1:]
    r = rng("stock", indicator)
    half, width = r.uniform(3, 6), r.uniform(1.2, 2.0)  # months to half the full pace, and how fast
    walk = _ar1(r, len(before) + len(after), 0.6, 0.15)
    ramp = [1 / (1 + math.exp(-(t - half) / width)) for t in range(len(before))] if len(before) > 1 else [1.0]
    pace = [math.exp(w) * ramp[min(t, len(ramp) - 1)] for t, w in enumerate(walk)]
    if len(before) < 2:  # the anchor is the start: no pace to go on from, so a year's worth of it
        increments = [anchor_value]
        per_pace = anchor_value / 12
    else:  # the ramp stops rising at the anchor: the months after go on at the pace seen by then
        increments = [0, *allocate(anchor_value, pace[1:len(before)])]
        per_pace = anchor_value / sum(pace[1:len(before)])  # citizens a month at the pace of the weights
    increments += [round(_counted(r, per_pace * p)) for p in pace[len(before):]]
    stock, rows = 0, []
    for period, inc in zip([*before, *after], increments):
        stock += inc
        rows.append({"period": period, "value": float(stock), "numerator": None, "denominator": None})
    return rows


def stock_split(region_rows: list[Row], indicator: str, places: Sequence[tuple[str, int]]) -> dict[str, list[Row]]:
    """A stock shared over places (e.g. clusters): each month's new citizens go to the places by size
    and a persistent random walk of their own, so the places' stocks add up to the region's exactly."""
    months = [row["period"] for row in region_rows]
    weights = [[size * m for m in _local(rng("stock place", indicator, code), months, 0.85, 0.1, 0.0, 0.0)]
               for code, size in places]
    out: dict[str, list[Row]] = {code: [] for code, _ in places}
    stocks = [0] * len(places)
    before = 0
    for t, row in enumerate(region_rows):
        now = int(row["value"])
        for i, share in enumerate(allocate(now - before, [w[t] for w in weights])):
            stocks[i] += share
        before = now
        for (code, _), stock in zip(places, stocks):
            out[code].append({"period": row["period"], "value": float(stock), "numerator": None, "denominator": None})
    return out
