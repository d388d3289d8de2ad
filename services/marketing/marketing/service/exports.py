"""Exporting campaigns as an .xlsx workbook streamed as it is written: the ids asked for, or
everything the filter matches, up to MAX_EXPORT_ROWS at once.

The checks (who may export, the filter, the cap) run when `export_campaigns` is called, so a
refusal comes before the first byte; the rows are then read and written as the chunks are
taken, in flat memory, and stop when the taker stops (the generator is closed).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

from sqlalchemy import Select

from crm_platform.errors import InvalidArgument
from crm_platform.request_context import current_identity
from crm_platform.unit_of_work import UnitOfWork
from marketing.adapters.campaign_repository import CampaignRepository, matching, with_ids
from marketing.adapters.xlsx_stream import xlsx_chunks
from marketing.domain import access
from marketing.domain.commands import CampaignFilter
from marketing.domain.export_cells import COLUMNS, export_row
from marketing.domain.listing import criteria_of

MAX_IDS = 1000
# A synchronous export answers one HTTP request: about 2 s of writing and 2 MB of workbook.
# More is refused, pointing at the filters.
MAX_EXPORT_ROWS = 20_000


def export_campaigns(
    new_uow: Callable[[], UnitOfWork], *, ids: Sequence[str] = (), given: CampaignFilter
) -> Iterator[bytes]:
    """The workbook's chunks; a caller who may not read campaigns gets only a header."""
    caller = current_identity()
    access.require_caller(caller)
    if len(ids) > MAX_IDS:
        raise InvalidArgument.field("ids", f"at most {MAX_IDS} at once")
    query = with_ids(ids) if ids else matching(criteria_of(given))
    if not access.may_read(caller):
        return _workbook(new_uow, None)
    if not ids:
        with new_uow().read_only() as uow:
            matched = CampaignRepository(uow.session).count(query)
        if matched > MAX_EXPORT_ROWS:
            raise InvalidArgument.field(
                "filter",
                f"matches {matched:,} campaigns; an export takes at most {MAX_EXPORT_ROWS:,}: "
                "narrow it with q, owner_id, status, start_after or start_before, or pick ids",
            )
    return _workbook(new_uow, query)


def _workbook(new_uow: Callable[[], UnitOfWork], query: Select | None) -> Iterator[bytes]:
    with new_uow().read_only() as uow:
        campaigns = CampaignRepository(uow.session).stream(query) if query is not None else ()
        yield from xlsx_chunks("campaigns", COLUMNS, (export_row(c) for c in campaigns))
