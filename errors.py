"""The dashboard's one error type: a Danish sentence for the page and the detail for the log.

Every error a user may meet derives from ``DashboardError`` (the loaders' errors, a missing
database, an image that could not be made), so a page shows ``exc.message`` and logs
``exc.detail`` without knowing which part of the app raised it.
"""

from __future__ import annotations

from collections.abc import Sequence


class DashboardError(Exception):
    """An error with two faces.

    ``message``: Danish, one sentence for the page; names the file and the line where they are known.
    ``detail``: English and technical, for the log (the cause, the path, the exception text).
    ``str(exc)``: the message; subclasses whose text a command line or a stored reason relies on keep
    that text (see each subclass).

    A subclass with its own constructor passes its arguments as ``args`` so that ``exc.args`` (and a
    pickled copy of the error) stays what its constructor was given."""

    def __init__(self, message: str, detail: str = "", *, args: Sequence[object] | None = None) -> None:
        super().__init__(*(args if args is not None else (message, detail) if detail else (message,)))
        self.message = message
        self.detail = detail or message

    def __str__(self) -> str:
        return self.message

    def __reduce__(self) -> tuple[object, ...]:
        # Rebuilt from the constructor's own arguments (OSError's reduce would pass errno and strerror).
        return type(self), tuple(self.args), self.__dict__.copy()
