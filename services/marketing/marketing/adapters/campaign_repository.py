"""Stores and loads campaigns in marketing's tables."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import asdict, fields

from sqlalchemy import ColumnElement, Select, delete, func, insert, select, update
from sqlalchemy.orm import Session

from crm_platform.audit.recording import (
    current_values,
    record_created,
    record_deleted,
    record_many_created,
    record_updated,
)
from crm_platform.paging import Page
from crm_platform.sorting import day_key, moment_key, sorted_page, text_key, within
from crm_platform.versions import next_version
from marketing.adapters.import_repository import DONE
from marketing.adapters.tables import CampaignImportRow, CampaignNoteRow, CampaignRow
from marketing.domain.campaign import EDITABLE, Campaign
from marketing.domain.listing import CampaignCriteria

_FIELDS = tuple(f.name for f in fields(Campaign))
# Newest first; the id breaks ties between campaigns created together (an import).
_ORDER = (CampaignRow.created_at, CampaignRow.id)
_STREAM_BATCH = 500
_SORT_KEYS = {
    "created_at": moment_key("created_at", CampaignRow.created_at),
    "updated_at": moment_key("updated_at", CampaignRow.updated_at),
    "name": text_key("name", CampaignRow.name),
    "start_date": day_key("start_date", CampaignRow.start_date),
}


class CampaignRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, campaign: Campaign) -> None:
        self._session.add(CampaignRow(**asdict(campaign)))
        record_created(self._session, "campaign", campaign.id, campaign)

    def add_many(self, campaigns: list[Campaign], import_id: str | None = None) -> None:
        """One multi-row insert, and nothing kept in the session: an import may be large.
        Into the table rather than the mapped class: the ORM's bulk path costs as much again
        per row as the insert itself, for nothing an insert of plain values needs."""
        if campaigns:
            rows = [
                {"import_id": import_id, **{name: getattr(c, name) for name in _FIELDS}}
                for c in campaigns
            ]
            self._session.execute(insert(CampaignRow.__table__), rows)
            record_many_created(self._session, "campaign", ((c.id, c) for c in campaigns))

    def get(self, campaign_id: str, *, for_update: bool = False) -> Campaign | None:
        query = select(CampaignRow).where(CampaignRow.id == campaign_id, visible())
        if for_update:
            # Two concurrent edits must not each validate against the state before the other.
            query = query.with_for_update()
        row = self._session.scalars(query).one_or_none()
        return _campaign(row) if row is not None else None

    def update(self, campaign: Campaign) -> None:
        """Writes what a caller may change (the lead counts belong to the consumer), at the
        next version, which `campaign` then carries; the audit log does not list it."""
        campaign.version = next_version(campaign)
        values = {name: getattr(campaign, name) for name in (*EDITABLE, "updated_at", "version")}
        before = current_values(self._session, CampaignRow.__table__, campaign.id, values)
        before["version"] = campaign.version
        self._session.execute(
            update(CampaignRow).where(CampaignRow.id == campaign.id).values(**values)
        )
        record_updated(self._session, "campaign", campaign.id, before, values)

    def delete(self, campaign_ids: Iterable[str]) -> list[str]:
        """Deletes those that exist (with their notes); returns their ids."""
        ids = list(dict.fromkeys(campaign_ids))
        found = list(self._session.scalars(select(CampaignRow.id).where(CampaignRow.id.in_(ids))))
        if found:
            self._log_deletions(found)
            self._session.execute(delete(CampaignRow).where(CampaignRow.id.in_(found)))
        return found

    def _log_deletions(self, campaign_ids: list[str]) -> None:
        """Each campaign and each of its notes (gone with it by cascade) as deleted."""
        for table, object_type, key in (
            (CampaignRow.__table__, "campaign", CampaignRow.__table__.c.id),
            (CampaignNoteRow.__table__, "campaign_note", CampaignNoteRow.__table__.c.campaign_id),
        ):
            for row in self._session.execute(select(table).where(key.in_(campaign_ids))):
                record_deleted(self._session, object_type, row.id, dict(row._mapping))

    def count_leads(self, campaign_ids: Iterable[str], *, converted: bool = False) -> None:
        """Adds one lead (or one conversion) to each campaign; unknown ids change nothing."""
        column = CampaignRow.converted if converted else CampaignRow.leads
        self._session.execute(
            update(CampaignRow)
            .where(CampaignRow.id.in_(set(campaign_ids)))
            .values({column: column + 1})
        )

    def page(self, criteria: CampaignCriteria, *, size: int, token: str) -> Page:
        order = criteria.order
        page = sorted_page(
            self._session,
            matching(criteria),
            _SORT_KEYS[order.key],
            CampaignRow.id,
            descending=order.descending,
            requested_size=size,
            token=token,
        )
        return Page([_campaign(row) for row in page.items], page.next_page_token, page.total)

    def count(self, query: Select) -> int:
        return self._session.scalar(select(func.count()).select_from(query.subquery())) or 0

    def stream(self, query: Select) -> Iterator[Campaign]:
        """Every campaign `query` selects, read a batch at a time so memory stays flat."""
        ordered = query.order_by(*(column.desc() for column in _ORDER))
        result = self._session.execute(ordered.execution_options(yield_per=_STREAM_BATCH))
        for row in result.scalars():
            yield _campaign(row)


def visible() -> ColumnElement[bool]:
    """Not written by an import that is still running or failed: an import is all or nothing
    to its readers, though it commits a chunk at a time."""
    unfinished = select(CampaignImportRow.id).where(
        CampaignImportRow.id == CampaignRow.import_id, CampaignImportRow.state != DONE
    )
    return CampaignRow.import_id.is_(None) | ~unfinished.exists()


def matching(criteria: CampaignCriteria) -> Select:
    query = select(CampaignRow).where(visible())
    if criteria.q:
        query = query.where(CampaignRow.name.icontains(criteria.q, autoescape=True))
    if criteria.owner_id:
        query = query.where(CampaignRow.owner_id == criteria.owner_id)
    if criteria.status:
        query = query.where(CampaignRow.status == criteria.status)
    if criteria.start_after:
        query = query.where(CampaignRow.start_date >= criteria.start_after)
    if criteria.start_before:
        query = query.where(CampaignRow.start_date <= criteria.start_before)
    return within(query, CampaignRow.created_at, criteria.created)


def with_ids(campaign_ids: Iterable[str]) -> Select:
    return select(CampaignRow).where(CampaignRow.id.in_(list(campaign_ids)), visible())


def of_import(import_id: str) -> Select:
    """Every campaign an import wrote, hidden or not (to undo it)."""
    return select(CampaignRow).where(CampaignRow.import_id == import_id)


def _campaign(row: CampaignRow) -> Campaign:
    return Campaign(**{name: getattr(row, name) for name in _FIELDS})
