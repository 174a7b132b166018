"""Helpers for AppTest: run the app like a user does, read what it shows."""

from __future__ import annotations

import json
import re
from typing import Any

from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT

PAGES = [
    "pages/1_Indikatorer.py", "pages/2_Telemedicin.py", "pages/3_Indsatser.py", "pages/4_Tidslinje.py",
    "pages/5_Beslutninger.py", "pages/6_Eksport.py", "pages/7_Datakilder.py", "pages/8_Indlaes_data.py",
    "pages/9_Siden_sidste_moede.py",
]


def open_app(params: dict[str, str] | None = None, page: str | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    if params:
        at.query_params = dict(params)
    at.run()
    if page:
        at.switch_page(page).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def shown(markdown: str) -> str:
    """What Markdown shows for its backslash escapes (ui.text.plain): the characters themselves."""
    unescaped = re.sub(r"\\([\\`*_{}\[\]()#+\-.!|<>~$:&^=])", r"\1", markdown)
    return re.sub(r"&#(\d+);", lambda m: chr(int(m[1])), unescaped).replace("\u2060", "")  # the joiner is invisible


def texts(at: AppTest) -> str:
    """Everything the page says in text elements, joined, as a reader sees it (escapes resolved)."""
    parts: list[str] = []
    for kind in ("title", "caption", "markdown", "info", "warning", "error", "success", "subheader", "text"):
        parts += [shown(str(e.value)) for e in at.get(kind)]
    parts += [shown(str(e.label)) for e in at.expander]
    parts += [f"{shown(m.label)}={m.value}" for m in at.metric]
    return "\n".join(parts)


def figures(at: AppTest) -> list[dict[str, Any]]:
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


def filter_values(at: AppTest) -> list[Any]:
    return [w.value for w in at.sidebar.selectbox]


def values(trace: dict[str, Any], key: str = "y") -> list[Any]:
    """A trace's data array; Plotly 6 writes numeric arrays as base64 ``bdata``."""
    import base64

    import numpy as np

    data = trace.get(key, [])
    if isinstance(data, dict) and "bdata" in data:
        return np.frombuffer(base64.b64decode(data["bdata"]), dtype=data["dtype"]).tolist()
    return list(data)
