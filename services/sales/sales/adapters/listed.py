"""The lists of leads, customers, contacts and deals: the caller's scope and search, the
filters of the request (domain/listing.py) and its order, a keyset page at a time."""

from __future__ import annotations

from typing import Any, TypeVar

from sqlalchemy import Select, select

from crm_platform.paging import Page
from crm_platform.sorting import (
    SortKey,
    day_key,
    decimal_key,
    moment_key,
    sorted_page,
    text_key,
    within,
)
from sales.adapters.records import RecordRepository
from sales.domain.listing import Listing
from sales.domain.visibility import ListScope

R = TypeVar("R")


class ListedRepository(RecordRepository[R]):
    def list(self, listing: Listing, scope: ListScope, *, page_size: int, page_token: str) -> Page:
        query = self._narrowed(self.scoped(select(self.row_type), scope, listing.q), listing)
        order = listing.order
        page = sorted_page(
            self.session,
            query,
            self._sort_key(order.key),
            self.row_type.id,
            descending=order.descending,
            requested_size=page_size,
            token=page_token,
        )
        return Page(self._records(page.items), page.next_page_token, page.total)

    def _narrowed(self, query: Select, listing: Listing) -> Select:
        """`query` with the listing's filters; a kind with more (a lead's campaign, a deal's
        amount) adds its own."""
        row = self.row_type
        for name, value in listing.equal.items():
            query = query.where(getattr(row, name) == value)
        return within(query, row.created_at, listing.created)

    def _sort_key(self, name: str) -> SortKey:
        row: Any = self.row_type
        if name in ("created_at", "updated_at"):
            return moment_key(name, getattr(row, name))
        if name == "amount":
            return decimal_key(name, row.amount)
        if name == "expected_close":
            return day_key(name, row.expected_close_date)
        return text_key(name, getattr(row, name))
