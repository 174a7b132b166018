import pytest

from domain.trends import anhoj, arrow_002, longest_run_limit, min_crossings, runs_in_words

FLAT16 = [10.0] * 16


@pytest.mark.parametrize("values, arrow, above, below", [
    ([5.0] * 16 + [9.0] * 8, "up", 8, 0),
    ([5.0] * 16 + [9.0] * 7 + [1.0], "up", 7, 1),
    ([5.0] * 16 + [9.0] * 6 + [1.0] * 2, "flat", 6, 2),
    ([9.0] * 16 + [1.0] * 8, "down", 0, 8),
    ([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24], "up", 8, 0),
    ([5.0, 6.0] * 12, "flat", 4, 4),
    ([7.0] * 24, "flat", 0, 0),  # every point on the median: no arrow
    ([100.0] * 30 + [5.0] * 16 + [9.0] * 8, "up", 8, 0),  # only the last 24 months count
])
def test_arrow_002(values, arrow, above, below):
    result = arrow_002(values)
    assert (result.arrow, result.above, result.below) == (arrow, above, below)


def test_arrow_002_needs_24_months():
    assert arrow_002([1.0] * 23).arrow == "none"
    assert "kræver 24" in arrow_002([1.0] * 5).in_words()


def test_arrow_002_in_words():
    text = arrow_002([5.0] * 16 + [9.0] * 8).in_words()
    assert text == "8 af de seneste 8 måneder ligger over og 0 under medianen (5,0) for de seneste 24 måneder: " \
                   "en tydelig udvikling."


@pytest.mark.parametrize("n, run, crossings", [
    # Anhøj's published limits (qicharts2): n, longest run > limit, crossings < limit
    (10, 6, 2), (12, 7, 3), (14, 7, 4), (20, 7, 6), (24, 8, 8), (30, 8, 10), (40, 8, 14), (50, 9, 19), (100, 10, 41),
])
def test_anhoj_limits(n, run, crossings):
    assert longest_run_limit(n) == run
    assert min_crossings(n) == crossings


@pytest.mark.parametrize("values, signal, runs, crosses", [
    ([1, 9] * 12, False, False, False),  # alternating: 23 crossings, runs of 1
    ([1] * 12 + [9] * 12, True, True, True),  # a shift: run 12 > 8, 1 crossing < 8
    ([1, 1, 9, 9] * 6, False, False, False),  # runs of 2, 11 crossings
    # a run of 9 (> 8) amid 14 crossings (>= 8): the run alone signals
    ([1, 9, 1, 9, 1, 9, 1, 9, 9, 9, 9, 9, 9, 9, 9, 9, 1, 9, 1, 9, 1, 9, 1, 1], True, True, False),
])
def test_anhoj_signals(values, signal, runs, crosses):
    result = anhoj([float(v) for v in values], median=5.0)
    assert result is not None
    assert (result.signal, result.runs_signal, result.crossings_signal) == (signal, runs, crosses)


def test_anhoj_drops_points_on_the_median_and_marks_the_run():
    values = [5.0, 1.0, 1.0, 1.0, 5.0] + [9.0] * 10
    result = anhoj(values, median=5.0)
    assert result.useful == 13 and result.longest_run == 10
    assert result.run_points == tuple(range(5, 15))
    assert "for lang serie" in result.in_words()


def test_anhoj_too_short():
    assert anhoj([1.0]) is None


NAN = float("nan")


@pytest.mark.parametrize("values", [
    [NAN] * 8,
    [None] * 8,
])
def test_a_window_without_values_has_no_runs_and_says_so(values):
    from domain.trends import runs_in_words

    assert anhoj(values) is None
    assert runs_in_words(anhoj(values), values) == "Ingen data i perioden: der er ingen punkter at vurdere."
    assert arrow_002(values * 3).arrow == "none"
    assert arrow_002(values * 3).in_words() == "Ingen data i de seneste 24 måneder."


def test_missing_values_are_dropped_not_counted_below_the_median():
    # qicharts2 drops NA: 10 points alternating around 5 with gaps; NaN must not form a run below.
    values = [4.0, 6.0, NAN, NAN, NAN, NAN, NAN, NAN, 4.0, 6.0, 4.0, 6.0, 4.0, 6.0]
    result = anhoj(values, 5.0)
    assert result is not None
    assert result.useful == 8 and result.longest_run == 1 and result.crossings == 7
    assert not result.signal
    # Positions of signalling points still refer to the series as given.
    run = anhoj([NAN, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 9.0, 1.0], 5.0)
    assert run is not None and run.run_points == (1, 2, 3, 4, 5, 6, 7, 8)


@pytest.mark.parametrize(("useful", "verdict"), [
    (4, False), (9, False), (10, True), (11, True),
])
def test_no_verdict_below_ten_useful_points(useful, verdict):
    # A long run below the median: signals from ten useful points on, never below.
    values = [1.0] * (useful - 1) + [9.0]
    result = anhoj(values, 5.0)
    assert result is not None and result.useful == useful
    assert result.assessable is verdict
    assert result.signal is verdict
    assert bool(result.run_points) is verdict
    words = runs_in_words(result, values)
    if verdict:
        assert words.startswith("Ikke-tilfældig variation")
    else:
        assert words.startswith("For få punkter til en vurdering") and "tilfældig" not in words


def test_too_few_points_is_never_called_random_variation():
    values = [4.0, 6.0, 4.0, 6.0]  # four useful points, nicely crossing: still no verdict
    result = anhoj(values, 5.0)
    assert result is not None and not result.signal
    assert "Kun tilfældig variation" not in runs_in_words(result, values)


def test_the_002_rule_needs_24_months_with_values():
    values = [5.0] * 16 + [9.0] * 8
    assert arrow_002(values).arrow == "up"
    holed = values[:]
    holed[3] = NAN
    result = arrow_002(holed)
    assert result.arrow == "none" and result.months == 23
    assert "For få måneder med data (23)" in result.in_words()
