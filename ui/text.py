"""Text from files and links is data: before it goes into a Streamlit element that reads Markdown
(markdown, caption, info/warning/error, subheader, metric and expander labels), every character
Markdown, Streamlit's colour and icon directives (``:orange[…]``, ``:material/…:``) or LaTeX (``$``)
would act on is escaped, so it shows exactly as written. ``:``, ``.`` and ``@`` become character
references; bare addresses (``https://…``, ``www.…``, e-mail) get an invisible word joiner, since Streamlit
makes links of them whatever their escapes."""

from __future__ import annotations

import re

_ACTIVE = re.compile(r"([\\`*_{}\[\]()#+\-!|<>~$&^=])")
_REFERENCES = {":": "&#58;", ".": "&#46;", "@": "&#64;"}
_JOINER = "\u2060"  # WORD JOINER: invisible, and no link-maker reads across it


def plain(text: object) -> str:
    """``text`` as literal Markdown: ``**fed**`` shows as **fed** with its asterisks, never bold."""
    # Streamlit makes links of bare addresses (https://…, www.…, a@b) whatever their escapes: break them.
    text = re.sub(r"(?i)(?<=:)(?=//)|(?<=w)(?=ww\.)|(?=@)", _JOINER, str(text))
    escaped = _ACTIVE.sub(r"\\\1", text)
    return re.sub(r"[:.@]", lambda m: _REFERENCES[m[0]], escaped)
