"""Stores and finds satisfaction surveys."""

from __future__ import annotations

from dataclasses import asdict, fields

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from crm_platform.audit.recording import current_values, record_created, record_updated
from crm_platform.paging import Page, keyset_page
from service_desk.adapters.tables import SurveyRow
from service_desk.domain.survey import Survey

_FIELDS = tuple(f.name for f in fields(Survey))


class SurveyRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, survey: Survey) -> None:
        self._session.add(SurveyRow(**asdict(survey)))
        record_created(self._session, "survey", survey.id, survey)

    def by_token(self, token: str) -> Survey | None:
        # Locked: two answers racing each other must not both find it unanswered.
        query = select(SurveyRow).where(SurveyRow.token == token).with_for_update()
        row = self._session.scalars(query).one_or_none()
        return _survey(row) if row is not None else None

    def save_answer(self, survey: Survey) -> None:
        values = {
            "score": survey.score,
            "comment": survey.comment,
            "answered_at": survey.answered_at,
        }
        before = current_values(self._session, SurveyRow.__table__, survey.id, values)
        self._session.execute(update(SurveyRow).where(SurveyRow.id == survey.id).values(**values))
        record_updated(self._session, "survey", survey.id, before, values, "answered")

    def page(self, *, ticket_id: str, follow_up_id: str, size: int, token: str) -> Page:
        query = select(SurveyRow)
        if ticket_id:
            query = query.where(SurveyRow.ticket_id == ticket_id)
        if follow_up_id:
            query = query.where(SurveyRow.follow_up_id == follow_up_id)
        order = (SurveyRow.created_at, SurveyRow.id)
        page = keyset_page(
            self._session, query, order, requested_size=size, token=token, descending=True
        )
        return Page([_survey(r) for r in page.items], page.next_page_token, page.total)


def _survey(row: SurveyRow) -> Survey:
    return Survey(**{name: getattr(row, name) for name in _FIELDS})
