"""Demonstration series ("Eksempeldata"): deterministic, and calibrated to the
sources so that a director never sees a number that contradicts them.

- Region level: the 24 months ending with the calibration quarter follow the
  arrow the source printed (by the 002 rule), and the quarter itself adds up
  to the source's value exactly (percentages via numerator and denominator).
- Municipalities share the region's numbers by (approximate) population with
  a stable local factor; the shares add up to the region exactly, and
  clusters are the sums of their municipalities.
- TeleKOL is a stock of included citizens on the first day of each month,
  from zero at the start and through the source's figure on its date.

Every row made here is stored with is_demo = 1 and shown as "Eksempeldata".
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from domain.trends import arrow_002

Row = dict[str, Any]


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


def months_between(first: str, last: str) -> list[str]:
    y, m = int(first[:4]), int(first[5:7])
    out = []
    while f"{y}-{m:02d}" <= last:
        out.append(f"{y}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


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


def _pattern(arrow: str, k: int) -> float:
    """The multiplier of month k (0-23) in the calibration window for an arrow."""
    if arrow == "up":
        return 0.92 if k < 16 else 1.0
    if arrow == "down":
        return 1.08 if k < 16 else 1.0
    return 1.02 if k % 2 == 0 else 0.98


def _multipliers(cal: Calibration, months: list[str], end: int, salt: int) -> list[float]:
    r = rng("demo", cal.indicator, salt)
    noise = 0.004 if cal.arrow == "flat" else 0.015
    start = end - 23
    out: list[float] = []
    level = 1.0
    for t in range(len(months)):
        if t < start:
            out.append(_pattern(cal.arrow, 0) * (1 + r.uniform(-noise, noise)))
        elif t <= end:
            out.append(_pattern(cal.arrow, t - start) * (1 + r.uniform(-noise, noise)))
        else:
            level *= 1 + r.uniform(-0.012, 0.012)
            out.append(level)
    return out


def region_series(cal: Calibration, months: list[str]) -> list[Row]:
    """Monthly region rows (period, value, numerator, denominator) that honour the calibration."""
    quarter_end = f"{cal.quarter[:4]}-{3 * int(cal.quarter[-1]):02d}"
    end = months.index(quarter_end)
    if end < 23:
        raise ValueError(f"the months must start 24 months before {quarter_end}")
    for salt in range(50):  # the first salt nearly always works; the loop keeps the guarantee
        rows = _try_series(cal, months, end, salt)
        window = [row["value"] for row in rows[end - 23:end + 1]]
        if arrow_002(window).arrow == cal.arrow:
            return rows
    raise ValueError(f"no series for {cal.indicator} gives the arrow {cal.arrow}")


def _try_series(cal: Calibration, months: list[str], end: int, salt: int) -> list[Row]:
    mult = _multipliers(cal, months, end, salt)
    if cal.unit == "count":
        level = cal.value / 3
        values = [max(0, round(level * m)) for m in mult]
        values[end] = round(cal.value) - values[end - 1] - values[end - 2]
        return [{"period": p, "value": float(v), "numerator": None, "denominator": None}
                for p, v in zip(months, values)]
    r = rng("den", cal.indicator, salt)
    dens = [round(cal.denominator * (1 + r.uniform(-0.03, 0.03))) for _ in months]
    dens[end] = 3 * cal.denominator - dens[end - 1] - dens[end - 2]
    nums = [round(cal.value / 100 * m * d) for m, d in zip(mult, dens)]
    nums[end] = round(cal.value / 100 * 3 * cal.denominator) - nums[end - 1] - nums[end - 2]
    return [{"period": p, "value": 100 * n / d, "numerator": float(n), "denominator": float(d)}
            for p, n, d in zip(months, nums, dens)]


def split(region_rows: list[Row], indicator: str, unit: str,
          places: Sequence[tuple[str, int]]) -> dict[str, list[Row]]:
    """Each municipality's rows; they add up to the region's rows exactly."""
    factors = {code: 1 + rng("place", indicator, code).uniform(-0.15, 0.15) for code, _ in places}
    out: dict[str, list[Row]] = {code: [] for code, _ in places}
    for row in region_rows:
        r = rng("month", indicator, row["period"])
        weights = [pop * factors[code] * (1 + r.uniform(-0.03, 0.03)) for code, pop in places]
        if unit == "count":
            for (code, _), v in zip(places, allocate(int(row["value"]), weights)):
                out[code].append({"period": row["period"], "value": float(v), "numerator": None, "denominator": None})
            continue
        dens = allocate(int(row["denominator"]), weights)
        rate_weights = [d * factors[code] for (code, _), d in zip(places, dens)]
        nums = allocate(int(row["numerator"]), rate_weights)
        for (code, _), n, d in zip(places, nums, dens):
            out[code].append({"period": row["period"], "value": 100 * n / d if d else 0.0,
                              "numerator": float(n), "denominator": float(d)})
    return out


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
    exactly ``anchor_value`` at ``anchor``, then growing at the same pace to ``last``."""
    before = months_between(start, anchor)
    r = rng("stock", indicator)
    steps = len(before) - 1
    increments = allocate(anchor_value, [1 + r.uniform(-0.5, 0.5) for _ in range(steps)])
    pace = anchor_value / max(1, steps)
    after = months_between(anchor, last)[1:]
    increments += [max(0, round(pace * (1 + r.uniform(-0.5, 0.5)))) for _ in after]
    stock, rows = 0, []
    for period, inc in zip([*before, *after], [0, *increments]):
        stock += inc
        rows.append({"period": period, "value": float(stock), "numerator": None, "denominator": None})
    return rows
