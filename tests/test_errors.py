"""One error type: a Danish sentence for the page, the detail for the log, str() for the command line."""

from __future__ import annotations

import pickle

import pytest

from charts.export import ImageExportError
from errors import DashboardError
from loaders.errors import BadNumber, LoaderError, RowRejected, UnknownGeography, UnknownIndicator, UnreadableFile
from store.queries import MissingDatabase, connect


def test_a_dashboard_error_has_a_message_and_a_detail():
    exc = DashboardError("Tallene kunne ikke hentes.", "sqlite3.OperationalError: database is locked")
    assert (exc.message, exc.detail, str(exc)) == (
        "Tallene kunne ikke hentes.", "sqlite3.OperationalError: database is locked", "Tallene kunne ikke hentes.")
    assert DashboardError("Noget gik galt.").detail == "Noget gik galt."


@pytest.mark.parametrize("problem, message", [
    ("line 7: the disk went away", "Filen extract.csv (linje 7) kunne ikke læses."),
    ("sheet 'Data' line 12: column 'KØN' changes from 'I alt' to 'Mænd'",
     "Filen extract.csv (ark 'Data', linje 12) kunne ikke læses."),
    ("sheet 'Data': no value read from 3 row(s)", "Filen extract.csv (ark 'Data') kunne ikke læses."),
    ("this is a binary file, not a text document or CSV table", "Filen extract.csv kunne ikke læses."),
])
def test_an_unreadable_file_names_file_and_line_in_danish(problem, message):
    exc = UnreadableFile("/data/sources/extract.csv", problem)
    assert isinstance(exc, DashboardError) and isinstance(exc, LoaderError)
    assert exc.message == message
    assert exc.detail == exc.problem == problem  # the build stores the problem in sources.message
    assert str(exc) == f"/data/sources/extract.csv: {problem}"  # the command line's one line
    assert exc.path == "/data/sources/extract.csv"


def test_a_line_is_known_when_the_problem_names_one():
    assert UnreadableFile("a.csv", "line 7: x").line == 7
    assert UnreadableFile("a.csv", "sheet 'S' line 3: x").sheet == "S"
    assert UnreadableFile("a.csv", "no such file").line is None


@pytest.mark.parametrize("cls", [RowRejected, UnknownGeography, UnknownIndicator, BadNumber])
def test_a_rejected_row_keeps_its_english_reason_as_str(cls):
    exc = cls("unknown geography 'Mars'")
    assert str(exc) == exc.detail == exc.problem == "unknown geography 'Mars'"  # stored as the row's reason
    assert exc.message and exc.message.endswith(".") and exc.message != exc.detail
    assert isinstance(exc, DashboardError)


def test_a_missing_database_is_still_file_not_found(tmp_path):
    path = tmp_path / "nope.db"
    with pytest.raises(MissingDatabase) as caught:
        connect(path)
    exc = caught.value
    assert isinstance(exc, FileNotFoundError) and isinstance(exc, DashboardError)
    assert str(exc) == str(path) == exc.filename  # `no database at {exc}` in the slides command
    assert "python -m loaders build" in exc.message and exc.detail == f"no database at {path}"


def test_an_image_error_says_why_in_danish():
    exc = ImageExportError("Billedet blev ikke færdigt inden for 45 sekunder.", "kaleido: TimeoutError")
    assert isinstance(exc, DashboardError) and isinstance(exc, RuntimeError)
    assert str(exc) == exc.message == "Billedet blev ikke færdigt inden for 45 sekunder."  # what the page shows
    assert exc.detail == "kaleido: TimeoutError"
    assert ImageExportError("Billeder kræver Chromium.").detail == "Billeder kræver Chromium."


@pytest.mark.parametrize("exc", [
    UnreadableFile("a.csv", "line 2: x"), UnknownGeography("unknown geography 'Mars'"), MissingDatabase("/x.db"),
    ImageExportError("Billedet kunne ikke laves.", "RuntimeError: boom"), DashboardError("Fejl.", "detail"),
])
def test_a_copy_keeps_everything(exc):
    copy = pickle.loads(pickle.dumps(exc))
    assert type(copy) is type(exc)
    assert (copy.message, copy.detail, str(copy), copy.args) == (exc.message, exc.detail, str(exc), exc.args)
