"""Exporting campaigns to an .xlsx file: the ids asked for, or everything the filter matches."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from crm_platform.errors import InvalidArgument
from crm_platform.request_context import current_identity
from crm_platform.unit_of_work import UnitOfWork
from marketing.adapters.campaign_repository import CampaignRepository, matching, with_ids
from marketing.adapters.spreadsheets import write_xlsx
from marketing.domain import access
from marketing.domain.commands import CampaignFilter
from marketing.domain.export_cells import COLUMNS, export_row
from marketing.domain.listing import criteria_of

MAX_IDS = 1000


def export_campaigns(
    uow: UnitOfWork, path: Path, *, ids: Sequence[str] = (), given: CampaignFilter
) -> None:
    """Writes the workbook to `path`; a caller who may not read campaigns gets only a header."""
    caller = current_identity()
    access.require_caller(caller)
    if len(ids) > MAX_IDS:
        raise InvalidArgument.field("ids", f"at most {MAX_IDS} at once")
    query = with_ids(ids) if ids else matching(criteria_of(given))
    with uow.read_only():
        campaigns = CampaignRepository(uow.session).stream(query) if access.may_read(caller) else ()
        write_xlsx(path, "campaigns", COLUMNS, (export_row(c) for c in campaigns))
