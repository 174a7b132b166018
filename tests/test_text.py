"""Text from files and links shows literally wherever Streamlit reads Markdown."""

from __future__ import annotations

import pytest

from tests.apptest import open_app
from tests.apptest import shown as as_read
from ui.text import plain


@pytest.mark.parametrize("text, shown", [
    ("Region Midtjylland", "Region Midtjylland"),
    ("**fed** og _kursiv_", r"\*\*fed\*\* og \_kursiv\_"),
    ("[klik](javascript:alert(1))", r"\[klik\]\(javascript&#58;alert\(1\)\)"),
    (":orange[rød] :material/home:", r"&#58;orange\[rød\] &#58;material/home&#58;"),
    ("# Overskrift", r"\# Overskrift"),
    ("1. kvt. 2025", "1&#46; kvt&#46; 2025"),
    ("$x^2$ <b> &amp;", r"\$x\^2\$ \<b\> \&amp;"),
    ("sti\\med\\skråstreg", r"sti\\med\\skråstreg"),
    ("https://example.org og navn@region.dk",
     "https&#58;\u2060//example&#46;org og navn\u2060&#64;region&#46;dk"),
    ("www.region.dk", "w\u2060ww&#46;region&#46;dk"),
])
def test_plain_escapes_what_markdown_would_act_on(text: str, shown: str) -> None:
    assert plain(text) == shown
    assert as_read(plain(text)) == text


def test_a_value_from_the_link_is_shown_as_written(app_db) -> None:
    hostile = "**fed**_x_:orange[y]"
    at = open_app({"region": "1082", "indsats": hostile}, page="pages/3_Indsatser.py")
    (note,) = [w.value for w in at.warning if "i linket findes ikke" in w.value]
    assert note.startswith("Indsatsen '" + plain(hostile) + "'")
    bad = open_app({"region": "**42**"})
    assert any(plain("Ukendt region '**42**'") in w.value for w in bad.warning)


def test_timeline_labels_keep_whole_words_and_say_when_there_is_more() -> None:
    from charts.timeline import _label

    title = "Indsats fra økonomaftalerne: Opstart af den telemedicinske hjemmemonitorering til borgere med KOL"
    lines = _label(title).split("<br>")
    assert len(lines) == 2 and lines[1].endswith(" …")
    assert all(word in title.split() for line in lines for word in line.removesuffix(" …").split())
    assert _label("Kort titel <b>") == "Kort titel &lt;b&gt;"
