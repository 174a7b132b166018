"""The editor rule (domain.roles): e-mail list, group list, the group claim's shapes, unverified addresses."""

from __future__ import annotations

import pytest

from domain.roles import display_name, email_verified, groups_of, is_editor

EDITORS = ("editor@region.dk", " Chef@Region.dk ")
GROUPS = ("sundhed-redaktoer", "0A1B2C3D-0000-4000-8000-000000000001")


@pytest.mark.parametrize("claims, group_claim, expected", [
    ({"email": "editor@region.dk"}, "groups", True),
    ({"email": "  EDITOR@Region.DK "}, "groups", True),  # trimmed, any case
    ({"email": "chef@region.dk"}, "groups", True),  # the setting's own blanks and case do not matter
    ({"email": "reader@region.dk"}, "groups", False),
    ({"email": "editor@region.dk.evil.example"}, "groups", False),  # whole address, not a prefix
    ({"email": "xeditor@region.dk"}, "groups", False),
    ({}, "groups", False),
    ({"email": ""}, "groups", False),
    ({"email": None}, "groups", False),
    ({"email": ["editor@region.dk"]}, "groups", False),  # not a string: no address
    ({"email": "editor@region.dk", "email_verified": True}, "groups", True),
    ({"email": "editor@region.dk", "email_verified": False}, "groups", False),
    ({"email": "editor@region.dk", "email_verified": "false"}, "groups", False),
    ({"email": "editor@region.dk", "email_verified": "true"}, "groups", True),
    ({"email": "editor@region.dk", "email_verified": None}, "groups", False),
    ({"email": "editor@region.dk", "email_verified": 0}, "groups", False),
    ({"email": "reader@region.dk", "groups": ["sundhed-redaktoer"]}, "groups", True),
    ({"email": "reader@region.dk", "groups": ["andet", " Sundhed-Redaktoer "]}, "groups", True),
    ({"groups": "sundhed-redaktoer"}, "groups", True),  # a single string
    ({"groups": ["0a1b2c3d-0000-4000-8000-000000000001"]}, "groups", True),  # a GUID in lower case
    ({"groups": ["sundhed-laeser"]}, "groups", False),
    ({"groups": []}, "groups", False),
    ({"groups": None}, "groups", False),
    ({"groups": {"sundhed-redaktoer": True}}, "groups", False),  # not a list: no groups
    ({"groups": [""]}, "groups", False),
    ({"groups": ["sundhed-redaktoer-test"]}, "groups", False),  # whole names only
    ({"roles": ["sundhed-redaktoer"]}, "groups", False),  # another claim than the one set up
    ({"roles": ["sundhed-redaktoer"]}, "roles", True),
    ({"groups": ["sundhed-redaktoer"]}, "roles", False),
    # An unverified address still reads the groups: the group rule does not depend on the address.
    ({"email": "editor@region.dk", "email_verified": False, "groups": ["sundhed-redaktoer"]}, "groups", True),
])
def test_is_editor(claims, group_claim, expected):
    assert is_editor(claims, EDITORS, GROUPS, group_claim) is expected


@pytest.mark.parametrize("claims, editors, groups", [
    ({"email": "editor@region.dk", "groups": ["sundhed-redaktoer"]}, (), ()),  # nobody listed: nobody edits
    ({"email": ""}, ("",), ()),  # a blank entry matches nothing
    ({"email": " "}, (" ",), ()),
    ({"groups": [""]}, (), ("",)),
    ({"groups": " "}, (), (" ",)),
])
def test_empty_lists_and_blank_entries_make_no_editor(claims, editors, groups):
    assert not is_editor(claims, editors, groups, "groups")


@pytest.mark.parametrize("claims, expected", [
    ({}, True),
    ({"email_verified": True}, True),
    ({"email_verified": "TRUE"}, True),
    ({"email_verified": 1}, True),
    ({"email_verified": False}, False),
    ({"email_verified": "False"}, False),
    ({"email_verified": ""}, False),
    ({"email_verified": None}, False),
    ({"email_verified": 0}, False),
    ({"email_verified": 2}, False),
])
def test_email_verified(claims, expected):
    assert email_verified(claims) is expected


@pytest.mark.parametrize("value, expected", [
    (["a", " b ", "", 3, None], ("a", "b")),
    ("a", ("a",)),
    (" ", ()),
    (None, ()),
    (42, ()),
    (("a", "b"), ("a", "b")),
])
def test_groups_of(value, expected):
    assert groups_of({"groups": value}, "groups") == expected
    assert groups_of({"other": value}, "groups") == ()


@pytest.mark.parametrize("claims, expected", [
    ({"name": "Anne Redaktør", "email": "anne@region.dk"}, "Anne Redaktør"),
    ({"name": "  ", "email": "anne@region.dk"}, "anne@region.dk"),
    ({"email": "anne@region.dk"}, "anne@region.dk"),
    ({"preferred_username": "anne@region.onmicrosoft.com"}, "anne@region.onmicrosoft.com"),
    ({"name": ["x"]}, "ukendt bruger"),
    ({}, "ukendt bruger"),
])
def test_display_name(claims, expected):
    assert display_name(claims) == expected
