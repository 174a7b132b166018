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


def figure_image(fig: go.Figure, fmt: str = "png", width: int = 1280, height: int = 720,
                 timeout: float = 45) -> bytes:
    """The figure as ``fmt`` (png or svg) bytes, or ImageExportError."""
    if not _chromium():
        raise ImageExportError(f"Billeder kræver Chromium ({settings.get('chromium')}). Installér Debian-pakken "
                               "chromium (make test gør det som root) og prøv igen.")

    def render() -> bytes:
        _start()
        return bytes(fig.to_image(format=fmt, width=width, height=height, scale=2 if fmt == "png" else 1))

    future = _pool.submit(render)
    try:
        return future.result(timeout=timeout)
    except concurrent.futures.TimeoutError:
        raise ImageExportError(f"Billedet blev ikke færdigt inden for {timeout:.0f} sekunder.") from None
    except Exception as exc:  # kaleido's own errors vary between versions
        raise ImageExportError(f"Billedet kunne ikke laves: {exc}") from None
