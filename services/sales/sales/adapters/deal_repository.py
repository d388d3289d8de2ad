"""Deals in their table, and the stage history each move appends."""

from __future__ import annotations

from dataclasses import asdict, fields

from sqlalchemy import Select, delete, select

from sales.adapters.listed import ListedRepository
from sales.adapters.tables import DealHistoryRow, DealRow
from sales.domain.deal import Deal
from sales.domain.listing import Listing
from sales.domain.stages import HistoryEntry

_HISTORY_FIELDS = [f.name for f in fields(HistoryEntry)]


class DealRepository(ListedRepository[Deal]):
    record_type = Deal
    row_type = DealRow
    audit_type = "deal"

    def _narrowed(self, query: Select, listing: Listing) -> Select:
        """Also the amount and expected-close ranges, both ends included."""
        query = super()._narrowed(query, listing)
        (low, high), (first, last) = listing.amount, listing.closing
        for column, bound, at_least in (
            (DealRow.amount, low, True),
            (DealRow.amount, high, False),
            (DealRow.expected_close_date, first, True),
            (DealRow.expected_close_date, last, False),
        ):
            if bound is not None:
                query = query.where(column >= bound if at_least else column <= bound)
        return query

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
