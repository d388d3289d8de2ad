"""Use cases on surveys: staff list them; the customer answers one with its token."""

from __future__ import annotations

from datetime import UTC, datetime

from crm_platform.paging import Page
from crm_platform.request_context import current_identity
from crm_platform.unit_of_work import UnitOfWork
from service_desk.adapters.follow_up_repository import FollowUpRepository
from service_desk.adapters.survey_repository import SurveyRepository
from service_desk.adapters.ticket_repository import TicketRepository
from service_desk.domain import access
from service_desk.domain.commands import AnswerSurvey
from service_desk.domain.survey import Survey, answer
from service_desk.service.events import SURVEY_ANSWERED, survey_answered


def list_surveys(
    uow: UnitOfWork,
    *,
    ticket_id: str = "",
    follow_up_id: str = "",
    page_size: int = 0,
    page_token: str = "",
) -> Page:
    caller = current_identity()
    access.require_caller(caller)
    if not access.is_desk(caller):
        return Page([], None, 0)
    with uow.read_only():
        return SurveyRepository(uow.session).page(
            ticket_id=ticket_id, follow_up_id=follow_up_id, size=page_size, token=page_token
        )


def answer_survey(uow: UnitOfWork, command: AnswerSurvey) -> None:
    """No caller identity needed: holding the token is the permission."""
    with uow:
        surveys = SurveyRepository(uow.session)
        # Tokens are ASCII; anything longer than one cannot match and is not worth a query.
        found = surveys.by_token(command.token) if 0 < len(command.token) <= 64 else None
        answered = answer(found, command.score, command.comment, now=datetime.now(UTC))
        surveys.save_answer(answered)
        subject = _asked_about(uow, answered)
        uow.publish(SURVEY_ANSWERED, answered.id, survey_answered(answered, subject))
        uow.commit()


def _asked_about(uow: UnitOfWork, survey: Survey) -> str:
    """The subject line of what the survey asks about, for the event (its readers show it)."""
    if survey.ticket_id:
        ticket = TicketRepository(uow.session).get(survey.ticket_id)
        return ticket.subject if ticket else ""
    follow_up = FollowUpRepository(uow.session).get(survey.follow_up_id or "")
    return follow_up.subject if follow_up else ""
