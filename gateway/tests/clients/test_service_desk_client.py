"""ServiceDeskClient and AuditClient against the real service desk: follow-ups, tickets and
their transitions, comments, history, surveys and the anonymous answer, and the refusals as
the gateway's domain errors."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from crm_platform.errors import AlreadyExists, InvalidArgument, NotFound
from gateway.models.audit import AuditQuery
from gateway.models.desk_common import PageQuery
from gateway.models.follow_ups import FollowUpQuery
from gateway.models.surveys import SurveyQuery
from gateway.models.tickets import TicketQuery

pytestmark = pytest.mark.usefixtures("admin")
PAST = datetime(2020, 1, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def desk(clients):
    return clients.service_desk


@pytest.fixture
def customer_id(clients) -> str:
    return clients.sales.customers.create({"name": "Suzhou Looms"}).id


@pytest.fixture
def ticket(desk, customer_id):
    return desk.open_ticket({"customer_id": customer_id, "subject": "Jams", "category": "repair"})


def test_a_follow_up_is_scheduled_changed_listed_and_completed(desk, customer_id):
    scheduled = desk.schedule_follow_up(
        {"customer_id": customer_id, "subject": "Check the looms", "due_at": PAST}
    )
    assert scheduled.state == "scheduled" and scheduled.overdue and scheduled.due_at == PAST
    assert scheduled.contact_id is None and scheduled.completed_at is None
    assert desk.get_follow_up(scheduled.id) == scheduled

    changed = desk.update_follow_up(scheduled.id, {"subject": "Visit", "priority": "high"})
    assert (changed.subject, changed.priority) == ("Visit", "high")
    listing = desk.list_follow_ups(FollowUpQuery(customer_id=customer_id, overdue=True))
    assert [f.id for f in listing.items] == [scheduled.id] and listing.total == 1

    done = desk.complete_follow_up(scheduled.id, "Running smoothly")
    assert done.state == "done" and done.completed_at is not None
    surveys = desk.list_surveys(SurveyQuery(follow_up_id=scheduled.id)).items
    assert len(surveys) == 1 and surveys[0].state == "open" and surveys[0].score is None


def test_a_cancelled_follow_up_cannot_be_completed(desk, customer_id):
    scheduled = desk.schedule_follow_up(
        {"customer_id": customer_id, "subject": "Call", "due_at": PAST}
    )
    assert desk.cancel_follow_up(scheduled.id).state == "cancelled"
    with pytest.raises((AlreadyExists, InvalidArgument)):
        desk.complete_follow_up(scheduled.id, "Too late")


def test_a_ticket_moves_gets_comments_and_keeps_its_history(desk, ticket):
    assert ticket.state == "new" and ticket.assignee_id is None and ticket.resolved_at is None
    taken = desk.update_ticket(ticket.id, {"assignee_id": "agent-1", "priority": "urgent"})
    assert (taken.assignee_id, taken.priority) == ("agent-1", "urgent")
    cleared = desk.update_ticket(ticket.id, {"assignee_id": None})
    assert cleared.assignee_id is None

    for action in ("accept", "start"):
        desk.transition_ticket(ticket.id, action)
    resolved = desk.transition_ticket(ticket.id, "resolve", "New shuttle")
    assert resolved.state == "resolved" and resolved.resolved_at is not None

    comment = desk.add_comment(ticket.id, "Called back")
    comments = desk.list_comments(ticket.id, PageQuery(page_size=10))
    assert comments.items == [comment] and comments.total == 1
    history = desk.ticket_history(ticket.id).items
    assert [entry.action for entry in history][:4] == ["opened", "updated", "updated", "accept"]
    assert history[0].from_state is None and history[-1].actor_id

    listing = desk.list_tickets(TicketQuery(state="resolved", customer_id=ticket.customer_id))
    assert [t.id for t in listing.items] == [ticket.id]


def test_an_illegal_transition_names_the_allowed_actions(desk, ticket):
    with pytest.raises(AlreadyExists, match="allowed actions: accept"):
        desk.transition_ticket(ticket.id, "close")


def test_a_resolution_is_required_to_resolve(desk, ticket):
    for action in ("accept", "start"):
        desk.transition_ticket(ticket.id, action)
    with pytest.raises(InvalidArgument) as refused:
        desk.transition_ticket(ticket.id, "resolve")
    assert "resolution" in {v.field for v in refused.value.violations}


def test_an_unknown_customer_is_a_field_violation(desk):
    with pytest.raises(InvalidArgument) as refused:
        desk.open_ticket({"customer_id": "nobody", "subject": "Jams", "category": "repair"})
    assert [v.field for v in refused.value.violations] == ["customer_id"]


def test_an_unknown_ticket_is_not_found(desk):
    with pytest.raises(NotFound):
        desk.get_ticket("no-such-ticket")


def test_the_customer_answers_a_survey_once_without_an_account(desk, ticket, as_user):
    for action in ("accept", "start"):
        desk.transition_ticket(ticket.id, action)
    desk.transition_ticket(ticket.id, "resolve", "Fixed")
    survey = desk.list_surveys(SurveyQuery(ticket_id=ticket.id)).items[0]

    with as_user():  # no roles: as anonymous as the public page's caller
        desk.answer_survey(survey.token, 5, "Quick")
        with pytest.raises(AlreadyExists):
            desk.answer_survey(survey.token, 4)
        with pytest.raises(NotFound):
            desk.answer_survey("not-a-token", 4)
    answered = desk.list_surveys(SurveyQuery(ticket_id=ticket.id)).items[0]
    assert (answered.state, answered.score, answered.comment) == ("answered", 5, "Quick")


def test_the_audit_log_of_a_type_comes_from_the_service_that_owns_it(clients, ticket):
    trail = clients.audit.list_entries(AuditQuery(object_type="ticket", object_id=ticket.id))
    assert trail.total >= 1 and {e.object_id for e in trail.items} == {ticket.id}
    created = trail.items[-1]
    assert created.action == "created" and created.old_values is None
    assert created.new_values["subject"] == "Jams"
