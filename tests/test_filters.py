import pytest

from domain.filters import Choices, Filters, period_label, place_label, resolve

CHOICES = Choices(
    regions={"1082": "Region Midtjylland", "1083": "Region Syddanmark"},
    clusters={"1082": {"vest": "Vestklyngen", "aarhus": "Aarhusklyngen"}, "1083": {"fyn": "Sundhedsklynge Fyn"}},
    quarters=["2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4", "2025-Q1"],
)


@pytest.mark.parametrize("params, expected, notes", [
    ({}, Filters("1082", None, "2024-Q1", "2025-Q1"), 0),
    ({"region": "1083"}, Filters("1083", None, "2024-Q1", "2025-Q1"), 0),
    ({"region": "1082", "klynge": "vest", "fra": "2024-Q2", "til": "2024-Q3"},
     Filters("1082", "vest", "2024-Q2", "2024-Q3"), 0),
    ({"region": "9999"}, Filters("1082", None, "2024-Q1", "2025-Q1"), 1),
    ({"region": "1083", "klynge": "vest"}, Filters("1083", None, "2024-Q1", "2025-Q1"), 1),
    ({"fra": "2030-Q1"}, Filters("1082", None, "2024-Q1", "2025-Q1"), 1),
    ({"fra": "abc", "til": "<script>"}, Filters("1082", None, "2024-Q1", "2025-Q1"), 2),
    ({"fra": "2024-Q4", "til": "2024-Q2"}, Filters("1082", None, "2024-Q2", "2024-Q4"), 1),
])
def test_resolve(params, expected, notes):
    filters, messages = resolve(params, CHOICES)
    assert filters == expected
    assert len(messages) == notes


@pytest.mark.parametrize("filters", [
    Filters("1082", None, "2024-Q1", "2025-Q1"), Filters("1082", "vest", "2024-Q2", "2024-Q2"),
    Filters("1083", "fyn", "2024-Q3", "2025-Q1"),
])
def test_params_round_trip(filters):
    assert resolve(filters.params(), CHOICES) == (filters, [])


def test_labels():
    f = Filters("1082", "vest", "2024-Q2", "2024-Q3")
    assert place_label(f, CHOICES) == "Vestklyngen, Region Midtjylland"
    assert period_label(f) == "2. kvt. 2024 – 3. kvt. 2024"
