"""Who sees and works which follow-ups and tickets."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from crm_platform.errors import NotFound, PermissionDenied, Unauthenticated
from crm_platform.request_context import ANONYMOUS, Identity
from service_desk.domain import access
from service_desk.domain.commands import ScheduleFollowUp
from service_desk.domain.follow_up import schedule

NOW = datetime(2026, 3, 1, tzinfo=UTC)
FOLLOW_UP = schedule(
    ScheduleFollowUp(customer_id="c1", subject="Visit", due_at=NOW, owner_id="agent-1"),
    now=NOW,
    deal_owner_id="rep-1",
)


def who(user_id: str, *roles: str) -> Identity:
    return Identity(user_id, frozenset(roles))


@pytest.mark.parametrize("role", ["service", "manager", "admin"])
def test_desk_roles_see_and_work_everything(role: str) -> None:
    caller = who("x", role)
    access.check_follow_up(caller, FOLLOW_UP, change=True)
    access.require_desk(caller, "ticket t1")
    assert access.follow_up_scope(caller) is None


def test_a_rep_sees_the_follow_ups_of_their_deals_but_works_only_their_own() -> None:
    rep = who("rep-1", "sales")
    access.check_follow_up(rep, FOLLOW_UP)
    with pytest.raises(PermissionDenied):
        access.check_follow_up(rep, FOLLOW_UP, change=True)
    assert access.follow_up_scope(rep) == "rep-1"


def test_another_rep_and_other_roles_are_told_nothing_exists() -> None:
    for caller in (who("rep-2", "sales"), who("m1", "marketing")):
        with pytest.raises(NotFound):
            access.check_follow_up(caller, FOLLOW_UP)
        with pytest.raises(NotFound):
            access.require_desk(caller, "ticket t1")
    assert access.follow_up_scope(who("m1", "marketing")) == ""


def test_creating_without_a_desk_role_is_refused_plainly() -> None:
    with pytest.raises(PermissionDenied):
        access.require_desk_to_create(who("rep-1", "sales"), "tickets")


def test_anonymous_callers_are_unauthenticated() -> None:
    with pytest.raises(Unauthenticated):
        access.check_follow_up(ANONYMOUS, FOLLOW_UP)
    with pytest.raises(Unauthenticated):
        access.follow_up_scope(ANONYMOUS)
