"""Deals in their table, and the stage history each move appends."""

from __future__ import annotations

from dataclasses import asdict, fields

from sqlalchemy import delete, select

from crm_platform.paging import Page
from sales.adapters.records import RecordRepository
from sales.adapters.tables import DealHistoryRow, DealRow
from sales.domain.deal import Deal
from sales.domain.stages import HistoryEntry
from sales.domain.visibility import ListScope

_HISTORY_FIELDS = [f.name for f in fields(HistoryEntry)]


class DealRepository(RecordRepository[Deal]):
    record_type = Deal
    row_type = DealRow
    audit_type = "deal"

    def list(
        self,
        q: str,
        owner_id: str,
        customer_id: str,
        stage: str,
        scope: ListScope,
        *,
        page_size: int,
        page_token: str,
    ) -> Page:
        query = self.scoped(select(DealRow), scope, q)
        for column, value in (
            (DealRow.owner_id, owner_id),
            (DealRow.customer_id, customer_id),
            (DealRow.stage, stage),
        ):
            if value:
                query = query.where(column == value)
        return self.page(query, page_size=page_size, page_token=page_token)

    def record_history(self, entry: HistoryEntry) -> None:
        self.session.add(DealHistoryRow(**asdict(entry)))

    def history(self, deal_id: str) -> list[HistoryEntry]:
        rows = self.session.scalars(
            select(DealHistoryRow)
            .where(DealHistoryRow.deal_id == deal_id)
            .order_by(DealHistoryRow.id)
        )
        return [HistoryEntry(**{name: getattr(r, name) for name in _HISTORY_FIELDS}) for r in rows]

    def _delete_links(self, deal_id: str) -> None:
        self.session.execute(delete(DealHistoryRow).where(DealHistoryRow.deal_id == deal_id))
