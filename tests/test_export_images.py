import plotly.graph_objects as go
import pytest

import charts.export
from charts.export import ImageExportError, figure_image


def test_png_and_svg_from_debians_chromium():
    fig = go.Figure(go.Bar(x=["a", "b"], y=[1, 2]))
    assert figure_image(fig, "png", 320, 180).startswith(b"\x89PNG")
    assert b"<svg" in figure_image(fig, "svg", 320, 180)[:200]


def test_missing_chromium_gives_a_clear_message_not_a_hang(monkeypatch):
    monkeypatch.setenv("SUNDHED_CHROMIUM", "/nowhere/chromium")
    monkeypatch.setattr(charts.export.shutil, "which", lambda name: None)
    with pytest.raises(ImageExportError, match="Billeder kræver Chromium"):
        figure_image(go.Figure(), "png")


def test_a_stuck_renderer_hits_the_time_limit(monkeypatch):
    import time

    monkeypatch.setattr(charts.export, "_start", lambda: time.sleep(3))
    with pytest.raises(ImageExportError, match="ikke færdigt inden for 1 sekunder"):
        figure_image(go.Figure(), "png", timeout=1)
