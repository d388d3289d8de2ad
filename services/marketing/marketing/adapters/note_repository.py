"""Stores and loads campaign notes."""

from __future__ import annotations

from dataclasses import asdict, fields

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from crm_platform.audit.recording import (
    current_values,
    record_created,
    record_deleted,
    record_updated,
)
from crm_platform.paging import Page, keyset_page
from marketing.adapters.tables import CampaignNoteRow
from marketing.domain.note import Note

_FIELDS = tuple(f.name for f in fields(Note))


class NoteRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, note: Note) -> None:
        self._session.add(CampaignNoteRow(**asdict(note)))
        record_created(self._session, "campaign_note", note.id, note)

    def get(self, campaign_id: str, note_id: str) -> Note | None:
        row = self._session.get(CampaignNoteRow, note_id)
        # A note is only reached through its own campaign.
        if row is None or row.campaign_id != campaign_id:
            return None
        return _note(row)

    def update(self, note: Note) -> None:
        values = {"body": note.body, "updated_at": note.updated_at, "edited": note.edited}
        before = current_values(self._session, CampaignNoteRow.__table__, note.id, values)
        self._session.execute(
            update(CampaignNoteRow).where(CampaignNoteRow.id == note.id).values(**values)
        )
        record_updated(self._session, "campaign_note", note.id, before, values)

    def delete(self, note_id: str) -> None:
        before = current_values(self._session, CampaignNoteRow.__table__, note_id)
        if before is not None:
            record_deleted(self._session, "campaign_note", note_id, before)
        self._session.execute(delete(CampaignNoteRow).where(CampaignNoteRow.id == note_id))

    def page(self, campaign_id: str, *, size: int, token: str) -> Page:
        page = keyset_page(
            self._session,
            select(CampaignNoteRow).where(CampaignNoteRow.campaign_id == campaign_id),
            (CampaignNoteRow.created_at, CampaignNoteRow.id),
            requested_size=size,
            token=token,
        )
        return Page([_note(row) for row in page.items], page.next_page_token, page.total)


def _note(row: CampaignNoteRow) -> Note:
    return Note(**{name: getattr(row, name) for name in _FIELDS})
