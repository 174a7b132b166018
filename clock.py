"""The one place that reads the clock. Each entry point (the app's page setup, the command lines, the
benchmarks) calls it once per run and passes the day down; nothing below an entry point reads it.

The setting ``today`` (SUNDHED_TODAY, an ISO date) fixes the day, for a rehearsal of a meeting as of a date
or a demonstration that must not age; the time of day is still the real one."""

from __future__ import annotations

import datetime as dt

import settings


def now() -> dt.datetime:
    """The moment, to the second (on the fixed day, when the setting names one)."""
    moment = dt.datetime.now().replace(microsecond=0)
    fixed = settings.get("today")
    if fixed:
        moment = dt.datetime.combine(dt.date.fromisoformat(fixed), moment.time())
    return moment


def today() -> dt.date:
    return now().date()
