"""Notes in their table, by the record they are on."""

from __future__ import annotations

from sqlalchemy import delete, select

from crm_platform.audit.recording import record_deleted
from crm_platform.paging import Page
from sales.adapters.records import RecordRepository
from sales.adapters.tables import NoteRow
from sales.domain.note import Note


class NoteRepository(RecordRepository[Note]):
    record_type = Note
    row_type = NoteRow
    audit_type = "note"

    def _values(self, note: Note):
        return {name: getattr(note, name) for name in self._fields}

    def on(self, subject: str, subject_id: str) -> list[Note]:
        query = (
            select(NoteRow)
            .where(NoteRow.subject == subject, NoteRow.subject_id == subject_id)
            .order_by(NoteRow.created_at, NoteRow.id)
        )
        return self._records(list(self.session.scalars(query)))

    def list(self, subject: str, subject_id: str, *, page_size: int, page_token: str) -> Page:
        query = select(NoteRow).where(NoteRow.subject == subject, NoteRow.subject_id == subject_id)
        return self.page(query, page_size=page_size, page_token=page_token)

    def remove_all(self, subject: str, subject_id: str) -> None:
        # Each note goes into the audit log as deleted, as if removed one by one.
        for note in self.on(subject, subject_id):
            record_deleted(self.session, self.audit_type, note.id, note)
        self.session.execute(
            delete(NoteRow).where(NoteRow.subject == subject, NoteRow.subject_id == subject_id)
        )
