"""Use cases on a campaign's notes: whoever may see the campaign reads them, whoever manages
it writes them; only the author (or a manager or admin) edits or deletes one."""

from __future__ import annotations

from datetime import UTC, datetime

from crm_platform.errors import NotFound
from crm_platform.paging import Page
from crm_platform.request_context import current_identity
from crm_platform.unit_of_work import UnitOfWork
from marketing.adapters.campaign_repository import CampaignRepository
from marketing.adapters.note_repository import NoteRepository
from marketing.domain import access
from marketing.domain.commands import AddNote, EditNote
from marketing.domain.note import Note, edit_note, require_may_change, write_note


def add_note(uow: UnitOfWork, command: AddNote) -> Note:
    caller = current_identity()
    access.require_manager(caller, f"campaign {command.campaign_id}")
    note = write_note(
        command.campaign_id, command.body, author_id=caller.user_id, now=datetime.now(UTC)
    )
    with uow:
        _require_campaign(uow, command.campaign_id)
        NoteRepository(uow.session).add(note)
        uow.commit()
    return note


def list_notes(
    uow: UnitOfWork, campaign_id: str, *, page_size: int = 0, page_token: str = ""
) -> Page:
    access.require_reader(current_identity(), f"campaign {campaign_id}")
    with uow.read_only():
        _require_campaign(uow, campaign_id)
        return NoteRepository(uow.session).page(campaign_id, size=page_size, token=page_token)


def update_note(uow: UnitOfWork, command: EditNote) -> Note:
    caller = current_identity()
    access.require_manager(caller, f"campaign {command.campaign_id}")
    with uow:
        notes = NoteRepository(uow.session)
        note = _existing(notes, command.campaign_id, command.note_id)
        edited = edit_note(note, command.body, editor=caller, now=datetime.now(UTC))
        notes.update(edited)
        uow.commit()
    return edited


def delete_note(uow: UnitOfWork, campaign_id: str, note_id: str) -> None:
    caller = current_identity()
    access.require_manager(caller, f"campaign {campaign_id}")
    with uow:
        notes = NoteRepository(uow.session)
        require_may_change(_existing(notes, campaign_id, note_id), caller)
        notes.delete(note_id)
        uow.commit()


def _require_campaign(uow: UnitOfWork, campaign_id: str) -> None:
    if CampaignRepository(uow.session).get(campaign_id) is None:
        raise NotFound(f"campaign {campaign_id} not found")


def _existing(notes: NoteRepository, campaign_id: str, note_id: str) -> Note:
    note = notes.get(campaign_id, note_id)
    if note is None:
        raise NotFound(f"note {note_id} of campaign {campaign_id} not found")
    return note
