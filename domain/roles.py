"""Who may do what once signed in: editors import data and roll back, everyone else reads.

The rule reads the identity provider's claims (``st.user``) and the short lists in the settings
(``SUNDHED_EDITORS``, ``SUNDHED_EDITOR_GROUPS``, ``SUNDHED_GROUP_CLAIM``); it never trusts an address
the provider itself says is unverified.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

_TRUE = ("true", "1", "yes")  # some providers (Cognito) send email_verified as a string


def _key(value: str) -> str:
    return value.strip().casefold()


def email_verified(claims: Mapping[str, Any]) -> bool:
    """Whether the e-mail claim may be trusted: a missing ``email_verified`` counts as verified (Entra ID sends
    no such claim, and its addresses are the tenant's own); one that is present must say yes (true, "true",
    1), anything else (false, "false", null, garbage) says no."""
    if "email_verified" not in claims:
        return True
    value = claims["email_verified"]
    if isinstance(value, str):
        return _key(value) in _TRUE
    return value is True or (type(value) is int and value == 1)


def groups_of(claims: Mapping[str, Any], group_claim: str) -> tuple[str, ...]:
    """The user's groups from ``group_claim``: a list, a single string, or missing (no groups)."""
    value = claims.get(group_claim)
    if isinstance(value, str):
        items: Iterable[Any] = [value]
    elif isinstance(value, list | tuple | set | frozenset):
        items = value
    else:
        return ()
    return tuple(item.strip() for item in items if isinstance(item, str) and item.strip())


def is_editor(claims: Mapping[str, Any], editors: tuple[str, ...], groups: tuple[str, ...],
              group_claim: str = "groups") -> bool:
    """True when the verified e-mail is one of ``editors`` or a group in ``group_claim`` is one of ``groups``.

    E-mail addresses and group names are compared trimmed and without regard to case (Entra ID group ids
    are GUIDs that may be written in either case); blank entries never match.
    """
    email = claims.get("email")
    listed = {_key(e) for e in editors if _key(e)}
    if isinstance(email, str) and _key(email) in listed and email_verified(claims):
        return True
    wanted = {_key(g) for g in groups if _key(g)}
    return any(_key(g) in wanted for g in groups_of(claims, group_claim))


def display_name(claims: Mapping[str, Any]) -> str:
    """The name to show: the ``name`` claim, else the e-mail, else the user name, else a placeholder."""
    for key in ("name", "email", "preferred_username"):
        value = claims.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return "ukendt bruger"
