"""Indlæs data: editors upload documents and extracts, see what was read and what it would change, then
Indlæs (a new version) or Fortryd. Everyone else is refused, also at this page's address."""

from __future__ import annotations

from ui import auth, importer
from ui.page import header, setup

ctx = setup("Indlæs data")
auth.require_editor(ctx.user)
header(ctx, "Indlæs data", "intet ændres, før du trykker Indlæs; hver indlæsning er en version, der kan rulles tilbage")
importer.import_page(ctx)
