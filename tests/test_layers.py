"""The layering holds: pages → ui → views → domain/store, nothing upward, and no Streamlit below ui/."""

from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path

import pytest

from tests.conftest import ROOT

# package → packages it must never import
FORBIDDEN = {
    "domain": {"streamlit", "ui", "pages", "views", "store", "slides", "charts", "loaders"},
    "store": {"streamlit", "ui", "pages", "views", "slides", "charts"},
    "loaders": {"streamlit", "ui", "pages", "views", "slides", "charts"},
    "views": {"streamlit", "ui", "pages", "slides", "charts"},
    "charts": {"streamlit", "ui", "pages", "views", "store", "slides"},
    "slides": {"streamlit", "ui", "pages", "store.build", "loaders"},
}


def imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_no_layer_imports_upward(package: str) -> None:
    wrong = []
    for path in sorted((ROOT / package).rglob("*.py")):
        for name in imports(path):
            if any(name == bad or name.startswith(bad + ".") for bad in FORBIDDEN[package]):
                wrong.append(f"{path.relative_to(ROOT)} imports {name}")
    assert not wrong


def test_pages_hold_no_sql_and_no_clock() -> None:
    scripts = [ROOT / "dashboard.py", *sorted((ROOT / "pages").glob("*.py"))]
    for path in scripts:
        text = path.read_text(encoding="utf-8")
        assert "SELECT" not in text and "date.today" not in text and "datetime.now" not in text, path.name
        assert not {"store", "store.queries", "sqlite3"} & imports(path), path.name
        assert len(text.splitlines()) <= 105, f"{path.name} is {len(text.splitlines())} lines"


def test_the_clock_is_read_in_one_place() -> None:
    # clock.py reads it; the app (ui/page.py), the command lines and the benchmarks call it once a run and pass
    # the day down; nothing else reads it.
    readers = sorted(p.relative_to(ROOT).as_posix()
                     for p in [*ROOT.glob("*.py"), *(ROOT / "pages").glob("*.py"),
                               *(q for folder in ("ui", "views", "slides", "domain", "store", "loaders", "charts",
                                                  "deploy", "bench") for q in (ROOT / folder).glob("*.py"))]
                     if any(call in p.read_text(encoding="utf-8")
                            for call in ("date.today()", "datetime.now()", "datetime.today()", "datetime.utcnow()")))
    assert readers == ["clock.py"]
    callers = sorted(p.relative_to(ROOT).as_posix()
                     for p in ROOT.glob("*/*.py") if p.parent.name != "tests"
                     and any(call in p.read_text(encoding="utf-8") for call in ("clock.now()", "clock.today()")))
    assert callers == ["bench/brief_bench.py", "bench/build_bench.py", "bench/deck_bench.py", "bench/import_bench.py",
                       "bench/national_bench.py", "loaders/__main__.py", "slides/__main__.py", "ui/page.py"]


def test_a_fixed_day_replaces_the_clocks(monkeypatch: pytest.MonkeyPatch) -> None:
    import clock

    monkeypatch.setenv("SUNDHED_TODAY", "2025-10-03")
    assert clock.today() == dt.date(2025, 10, 3) and clock.now().date() == dt.date(2025, 10, 3)
    monkeypatch.delenv("SUNDHED_TODAY")
    assert abs((clock.now() - dt.datetime.now()).total_seconds()) < 5


def test_no_html_is_let_through_unescaped() -> None:
    # Text from files and links reaches the page layer: nothing there may switch Markdown's HTML guard off.
    offenders = sorted(p.relative_to(ROOT).as_posix()
                       for p in [ROOT / "dashboard.py", *(ROOT / "pages").glob("*.py"), *(ROOT / "ui").glob("*.py")]
                       if "unsafe_allow_html" in p.read_text(encoding="utf-8").replace("no unsafe_allow_html", ""))
    assert offenders == []
