"""Text from documents, the reference and the URL is data in a figure too. Plotly.js reads a subset of HTML
in every text it draws (titles, legend names, annotations, hover text, tick labels): ``<a href>``, ``<b>``,
``<br>``, ``<span style>``… ``literal`` makes such text show as written: ``&``, ``<`` and ``>`` become
the character references Plotly turns back into the characters (``&amp;``, ``&lt;``, ``&gt;``). The
figures' own markup (``<br>`` between wrapped lines, ``<b>`` and ``<extra>`` in hover templates) is added
around escaped text, never escaped itself."""

from __future__ import annotations

_REFERENCES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})


def literal(text: object) -> str:
    """``text`` as Plotly shows it literally: ``<b>x</b>`` shows with its brackets, never bold."""
    return str(text).translate(_REFERENCES)
