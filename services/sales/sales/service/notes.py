"""Use cases on the notes of leads, customers, contacts and deals."""

from __future__ import annotations

from typing import Any

from crm_platform.errors import NotFound
from crm_platform.paging import Page
from crm_platform.request_context import current_identity
from crm_platform.unit_of_work import UnitOfWork
from sales.adapters.contact_repository import ContactRepository
from sales.adapters.customer_repository import CustomerRepository
from sales.adapters.deal_repository import DealRepository
from sales.adapters.lead_repository import LeadRepository
from sales.adapters.note_repository import NoteRepository
from sales.domain.note import Note, check_author, check_subject, edit_note, new_note
from sales.service.access import fetch, now
from sales.service.events import NOTE_ADDED, NoteSubject, note_added

_REPOSITORIES = {
    "lead": LeadRepository,
    "customer": CustomerRepository,
    "contact": ContactRepository,
    "deal": DealRepository,
}


def _subject(uow: UnitOfWork, subject: str, subject_id: str, *, change: bool) -> Any:
    """Reading notes needs the record visible; writing them needs it changeable."""
    check_subject(subject)
    record = fetch(_REPOSITORIES[subject](uow.session), subject, subject_id, change=change)
    if change and subject == "lead":
        record.ensure_editable()
    return record


def _note(uow: UnitOfWork, subject: str, subject_id: str, note_id: str) -> Note:
    note = NoteRepository(uow.session).get(note_id)
    if note is None or (note.subject, note.subject_id) != (subject, subject_id):
        raise NotFound(f"note {note_id} not found on {subject} {subject_id}")
    return note


def add_note(uow: UnitOfWork, subject: str, subject_id: str, body: str) -> Note:
    with uow:
        record = _subject(uow, subject, subject_id, change=True)
        note = new_note(subject, subject_id, body, author_id=current_identity().user_id, now=now())
        NoteRepository(uow.session).add(note)
        if subject != "lead":  # a lead's notes reach a timeline when its conversion copies them
            uow.publish(NOTE_ADDED, note.id, note_added(note, NoteSubject.of(record)))
        uow.commit()
    return note


def list_notes(
    uow: UnitOfWork, subject: str, subject_id: str, *, page_size: int, page_token: str
) -> Page:
    with uow.read_only():
        _subject(uow, subject, subject_id, change=False)
        return NoteRepository(uow.session).list(
            subject, subject_id, page_size=page_size, page_token=page_token
        )


def update_note(uow: UnitOfWork, subject: str, subject_id: str, note_id: str, body: str) -> Note:
    with uow:
        _subject(uow, subject, subject_id, change=True)
        note = edit_note(
            _note(uow, subject, subject_id, note_id), body, identity=current_identity(), now=now()
        )
        NoteRepository(uow.session).save(note)
        uow.commit()
    return note


def delete_note(uow: UnitOfWork, subject: str, subject_id: str, note_id: str) -> None:
    with uow:
        _subject(uow, subject, subject_id, change=True)
        check_author(_note(uow, subject, subject_id, note_id), current_identity())
        NoteRepository(uow.session).remove(note_id)
        uow.commit()
