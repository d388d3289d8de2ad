"""Who may see and change campaigns, checked without any I/O."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from crm_platform.errors import NotFound, PermissionDenied, Unauthenticated
from crm_platform.request_context import ANONYMOUS, Identity
from marketing.domain import access
from marketing.domain.note import require_may_change, write_note


def caller(*roles: str, user_id: str = "u1") -> Identity:
    return Identity(user_id, frozenset(roles))


@pytest.mark.parametrize("role", ["admin", "manager", "marketing"])
def test_marketing_managers_and_admins_manage(role: str) -> None:
    access.require_manager(caller(role), "campaign c1")
    access.require_creator(caller(role))


def test_sales_reads_but_does_not_change() -> None:
    access.require_reader(caller("sales"), "campaign c1")
    with pytest.raises(PermissionDenied):
        access.require_manager(caller("sales"), "campaign c1")
    with pytest.raises(PermissionDenied):
        access.require_creator(caller("sales"))


@pytest.mark.parametrize("roles", [("service",), ()])
def test_anyone_else_is_told_it_does_not_exist(roles: tuple[str, ...]) -> None:
    assert not access.may_read(caller(*roles))
    with pytest.raises(NotFound):
        access.require_reader(caller(*roles), "campaign c1")
    with pytest.raises(NotFound):
        access.require_manager(caller(*roles), "campaign c1")


def test_an_anonymous_caller_is_unauthenticated() -> None:
    for check in (access.require_caller, access.require_creator):
        with pytest.raises(Unauthenticated):
            check(ANONYMOUS)
    with pytest.raises(Unauthenticated):
        access.require_reader(ANONYMOUS, "campaign c1")


def test_a_note_is_changed_by_its_author_or_a_moderator() -> None:
    note = write_note("c1", "Booth 12", author_id="u1", now=datetime.now(UTC))

    require_may_change(note, caller("marketing", user_id="u1"))
    require_may_change(note, caller("manager", user_id="u2"))
    with pytest.raises(PermissionDenied):
        require_may_change(note, caller("marketing", user_id="u2"))
