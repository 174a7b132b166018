"""Figures as PNG or SVG through kaleido and Debian's Chromium, with one browser kept for
all images of a session and a time limit on every image: a missing or stuck renderer
gives a clear message, never a hang."""

from __future__ import annotations

import concurrent.futures
import shutil
import threading
from pathlib import Path

import plotly.graph_objects as go

import settings
from errors import DashboardError


class ImageExportError(DashboardError, RuntimeError):
    """No image could be made: ``ImageExportError(message, detail="")``, the message in Danish (and
    ``str(exc)``, which the pages show), the detail (the renderer's own error) for the log."""


_lock = threading.Lock()
_started = False
_pool = concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="kaleido")


def _chromium() -> bool:
    return Path(settings.get("chromium")).exists() or shutil.which("chromium") is not None


def _start() -> None:
    global _started
    with _lock:
        if not _started:
            import kaleido  # imported here: only image export needs it

            kaleido.start_sync_server(silence_warnings=True)
            _started = True


EDGE = 24  # pixels kept clear at every edge of an image: the page's own margins assume the page's padding


def for_image(fig: go.Figure, width: int, height: int) -> go.Figure:
    """A copy of ``fig`` laid out for a picture of ``width`` × ``height`` pixels: on a page the figure sits inside
    the page's padding, in a file its title and labels reach the edge. Every margin gets at least EDGE, the title
    is indented as far, and the axes widen their margins for their tick labels and titles (automargin)."""
    out = go.Figure(fig)  # the page's figure (often cached) is left as it is
    margin = out.layout.margin
    out.update_layout(width=width, height=height, margin={
        "l": max(margin.l or 0, EDGE), "r": max(margin.r or 0, EDGE), "b": max(margin.b or 0, EDGE),
        "t": max(margin.t or 0, EDGE), "autoexpand": True})
    if out.layout.title.text:
        out.update_layout(title_pad={"l": EDGE, "r": EDGE, "t": EDGE // 2})
    out.update_xaxes(automargin=True)
    out.update_yaxes(automargin=True)
    return out


def figure_image(fig: go.Figure, fmt: str = "png", width: int = 1280, height: int | None = None,
                 timeout: float = 45) -> bytes:
    """The figure as ``fmt`` (png or svg) bytes, or ImageExportError. ``height`` defaults to the figure's own
    (a timeline grows with its rows), else 720."""
    if not _chromium():
        raise ImageExportError(f"Billeder kræver Chromium ({settings.get('chromium')}). Installér Debian-pakken "
                               "chromium (make test gør det som root) og prøv igen.")

    tall = height or int(fig.layout.height or 720)
    picture = for_image(fig, width, tall)

    def render() -> bytes:
        _start()
        return bytes(picture.to_image(format=fmt, width=width, height=tall, scale=2 if fmt == "png" else 1))

    future = _pool.submit(render)
    try:
        return future.result(timeout=timeout)
    except concurrent.futures.TimeoutError:
        raise ImageExportError(f"Billedet blev ikke færdigt inden for {timeout:.0f} sekunder.") from None
    except Exception as exc:  # kaleido's own errors vary between versions
        raise ImageExportError(f"Billedet kunne ikke laves: {exc}") from None
