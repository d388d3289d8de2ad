"""The note use cases on a FakeUnitOfWork: access, authorship and what is committed, no I/O."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from crm_platform.errors import InvalidArgument, NotFound, PermissionDenied, Unauthenticated
from crm_platform.fake_unit_of_work import FakeUnitOfWork
from crm_platform.paging import Page
from crm_platform.request_context import ANONYMOUS, Identity
from marketing.domain.commands import AddNote, EditNote
from marketing.domain.note import Note
from marketing.service import notes

CAMPAIGN = "campaign-1"
AUTHOR = Identity("u-author", frozenset({"marketing"}))
COLLEAGUE = Identity("u-colleague", frozenset({"marketing"}))
MANAGER = Identity("u-manager", frozenset({"manager"}))
REP = Identity("u-rep", frozenset({"sales"}))
AGENT = Identity("u-agent", frozenset({"service"}))


@dataclass
class FakeCampaigns:
    ids: set[str] = field(default_factory=lambda: {CAMPAIGN})

    def get(self, campaign_id: str, *, for_update: bool = False) -> object | None:
        return object() if campaign_id in self.ids else None


@dataclass
class FakeNotes:
    by_id: dict[str, Note] = field(default_factory=dict)

    def add(self, note: Note) -> None:
        self.by_id[note.id] = note

    def get(self, campaign_id: str, note_id: str) -> Note | None:
        note = self.by_id.get(note_id)
        return note if note and note.campaign_id == campaign_id else None

    def update(self, note: Note) -> None:
        self.by_id[note.id] = note

    def delete(self, note_id: str) -> None:
        del self.by_id[note_id]

    def page(self, campaign_id: str, *, size: int, token: str) -> Page:
        items = [n for n in self.by_id.values() if n.campaign_id == campaign_id]
        return Page(items, "", len(items))


@pytest.fixture
def uow() -> FakeUnitOfWork:
    return FakeUnitOfWork(campaigns=FakeCampaigns(), notes=FakeNotes())


def written(uow: FakeUnitOfWork, caller: Identity = AUTHOR, body: str = "Booth 12") -> Note:
    return notes.add_note(uow, caller, AddNote(CAMPAIGN, body))


def test_a_manager_of_campaigns_adds_a_note_and_it_is_committed(uow):
    note = written(uow, body="  Booth 12  ")
    assert (note.body, note.author_id, note.edited) == ("Booth 12", AUTHOR.user_id, False)
    assert uow.commits == 1
    with uow:
        assert uow.notes.get(CAMPAIGN, note.id) == note


def test_an_empty_body_is_refused_by_field_and_nothing_is_committed(uow):
    with pytest.raises(InvalidArgument) as refused:
        written(uow, body="   ")
    assert [v.field for v in refused.value.violations] == ["body"]
    assert uow.commits == 0


@pytest.mark.parametrize(
    ("caller", "error"), [(REP, PermissionDenied), (AGENT, NotFound), (ANONYMOUS, Unauthenticated)]
)
def test_who_may_not_manage_campaigns_cannot_add(uow, caller, error):
    with pytest.raises(error):
        written(uow, caller)
    assert uow.commits == 0


def test_a_note_on_a_missing_campaign_is_not_found(uow):
    with pytest.raises(NotFound):
        notes.add_note(uow, AUTHOR, AddNote("no-such-campaign", "x"))
    assert uow.commits == 0


def test_a_sales_rep_reads_the_notes_but_a_service_agent_is_told_there_are_none(uow):
    note = written(uow)
    assert notes.list_notes(uow, REP, CAMPAIGN).items == [note]
    with pytest.raises(NotFound):
        notes.list_notes(uow, AGENT, CAMPAIGN)


def test_only_the_author_or_a_manager_edits_and_an_edit_is_marked(uow):
    note = written(uow)
    with pytest.raises(PermissionDenied):
        notes.update_note(uow, COLLEAGUE, EditNote(CAMPAIGN, note.id, "changed"))
    edited = notes.update_note(uow, MANAGER, EditNote(CAMPAIGN, note.id, "changed"))
    assert (edited.body, edited.edited) == ("changed", True)
    assert uow.commits == 2


def test_a_note_is_reached_only_through_its_own_campaign(uow):
    note = written(uow)
    uow._repositories["campaigns"].ids.add("campaign-2")
    with pytest.raises(NotFound):
        notes.delete_note(uow, AUTHOR, "campaign-2", note.id)
    notes.delete_note(uow, AUTHOR, CAMPAIGN, note.id)
    assert notes.list_notes(uow, AUTHOR, CAMPAIGN).total == 0
