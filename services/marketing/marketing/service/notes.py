"""Use cases on a campaign's notes: whoever may see the campaign reads them, whoever manages
it writes them; only the author (or a manager or admin) edits or deletes one.

The caller comes in as an argument from the entrypoint, and the repositories from the unit of
work (`uow.campaigns`, `uow.notes`), so the rules run in unit tests on a FakeUnitOfWork.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from crm_platform.errors import NotFound
from crm_platform.paging import Page
from crm_platform.request_context import Identity
from marketing.domain import access
from marketing.domain.commands import AddNote, EditNote
from marketing.domain.note import Note, edit_note, require_may_change, write_note


def add_note(uow: Any, caller: Identity, command: AddNote) -> Note:
    access.require_manager(caller, f"campaign {command.campaign_id}")
    note = write_note(
        command.campaign_id, command.body, author_id=caller.user_id, now=datetime.now(UTC)
    )
    with uow:
        _require_campaign(uow, command.campaign_id)
        uow.notes.add(note)
        uow.commit()
    return note


def list_notes(
    uow: Any, caller: Identity, campaign_id: str, *, page_size: int = 0, page_token: str = ""
) -> Page:
    access.require_reader(caller, f"campaign {campaign_id}")
    with uow.read_only():
        _require_campaign(uow, campaign_id)
        return uow.notes.page(campaign_id, size=page_size, token=page_token)


def update_note(uow: Any, caller: Identity, command: EditNote) -> Note:
    access.require_manager(caller, f"campaign {command.campaign_id}")
    with uow:
        note = _existing(uow, command.campaign_id, command.note_id)
        edited = edit_note(note, command.body, editor=caller, now=datetime.now(UTC))
        uow.notes.update(edited)
        uow.commit()
    return edited


def delete_note(uow: Any, caller: Identity, campaign_id: str, note_id: str) -> None:
    access.require_manager(caller, f"campaign {campaign_id}")
    with uow:
        require_may_change(_existing(uow, campaign_id, note_id), caller)
        uow.notes.delete(note_id)
        uow.commit()


def _require_campaign(uow: Any, campaign_id: str) -> None:
    if uow.campaigns.get(campaign_id) is None:
        raise NotFound(f"campaign {campaign_id} not found")


def _existing(uow: Any, campaign_id: str, note_id: str) -> Note:
    note = uow.notes.get(campaign_id, note_id)
    if note is None:
        raise NotFound(f"note {note_id} of campaign {campaign_id} not found")
    return note
