"""Who sees and changes what: another rep's record is not found, never forbidden."""

import pytest

from crm_platform.errors import NotFound, PermissionDenied, Unauthenticated
from crm_platform.request_context import ANONYMOUS, Identity
from sales.domain import visibility as vis


def who(role, user="u1"):
    return Identity(user, frozenset({role}))


REP, OTHER_REP = who("sales"), who("sales", "u2")


def test_a_rep_sees_and_changes_only_own_records():
    for kind in vis.KINDS:
        vis.check_change(REP, kind, "x", "u1")
        with pytest.raises(NotFound):
            vis.check_read(OTHER_REP, kind, "x", "u1")


@pytest.mark.parametrize("role", ["manager", "admin"])
def test_managers_and_admins_see_and_change_everything(role):
    for kind in vis.KINDS:
        vis.check_change(who(role, "m"), kind, "x", "u1")
    vis.check_owner(who(role, "m"), "u7")


def test_only_managers_reassign():
    vis.check_owner(REP, "u1")
    with pytest.raises(PermissionDenied):
        vis.check_owner(REP, "u2")


def test_marketing_reads_campaign_linked_leads_only():
    marketer = who("marketing", "m1")
    vis.check_read(marketer, "lead", "x", "u1", campaign_linked=True)
    with pytest.raises(NotFound):
        vis.check_read(marketer, "lead", "x", "u1")
    with pytest.raises(PermissionDenied):
        vis.check_change(marketer, "lead", "x", "u1", campaign_linked=True)
    assert vis.list_scope(marketer, "lead") == vis.ListScope(campaign_linked_only=True)
    assert vis.list_scope(marketer, "deal").nothing


def test_service_reads_customers_and_contacts_but_not_deals():
    desk = who("service", "s1")
    vis.check_read(desk, "customer", "x", "u1")
    vis.check_read(desk, "contact", "x", "u1")
    with pytest.raises(PermissionDenied):
        vis.check_change(desk, "customer", "x", "u1")
    with pytest.raises(NotFound):
        vis.check_read(desk, "deal", "x", "u1")
    with pytest.raises(PermissionDenied):
        vis.check_create(desk, "customer")


def test_list_scope():
    assert vis.list_scope(REP, "deal") == vis.ListScope(owner_id="u1")
    assert vis.list_scope(who("manager"), "lead") == vis.ListScope()


def test_anonymous_callers_are_refused():
    with pytest.raises(Unauthenticated):
        vis.check_read(ANONYMOUS, "lead", "x", "u1")
    with pytest.raises(Unauthenticated):
        vis.list_scope(ANONYMOUS, "lead")
