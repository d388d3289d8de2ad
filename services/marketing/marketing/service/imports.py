"""Importing campaigns from a spreadsheet: good rows are kept, bad ones reported and skipped.

The whole import is one transaction, inserted in batches: a file that turns out not to read
half way through leaves nothing behind, and memory holds one batch, never the file.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from crm_platform.errors import InvalidArgument
from crm_platform.outbox.bulk import publish_many
from crm_platform.request_context import current_identity
from crm_platform.unit_of_work import UnitOfWork
from marketing.adapters.campaign_repository import CampaignRepository
from marketing.adapters.spreadsheets import file_format, read_rows
from marketing.domain import access
from marketing.domain.campaign import Campaign, plan_campaign
from marketing.domain.import_rows import ImportReport, header_columns, row_command
from marketing.service.events import CAMPAIGN_CHANGED, campaign_changed

BATCH_SIZE = 500


def import_campaigns(uow: UnitOfWork, path: Path, filename: str) -> ImportReport:
    caller = current_identity()
    access.require_creator(caller)
    file_format(filename)
    rows = read_rows(path, filename)
    header = next(rows, None)
    if header is None:
        raise InvalidArgument.field("file", "is empty")
    columns = header_columns(header)
    report, batch, now = ImportReport(), [], datetime.now(UTC)
    with uow:
        for number, cells in enumerate(rows, start=2):
            try:
                command = row_command(columns, cells, default_owner=caller.user_id)
                if command is not None:
                    batch.append(plan_campaign(command, now=now))
            except InvalidArgument as refused:
                report.reject(number, refused.violations)
            if len(batch) >= BATCH_SIZE:
                report.created += _insert(uow, batch)
        report.created += _insert(uow, batch)
        uow.commit()
    return report


def _insert(uow: UnitOfWork, batch: list[Campaign]) -> int:
    """Writes the batch and its events, then empties it; returns how many it wrote."""
    CampaignRepository(uow.session).add_many(batch)
    publish_many(uow, CAMPAIGN_CHANGED, ((c.id, campaign_changed(c)) for c in batch))
    written = len(batch)
    batch.clear()
    return written
