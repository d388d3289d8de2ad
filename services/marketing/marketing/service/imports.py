"""Importing campaigns from a spreadsheet: good rows are kept, bad ones reported and skipped.

An import commits a chunk of rows at a time, so that it never holds the write lock for its
whole run (a 200,000-row import held SQLite's for 30 s, and other users' saves timed out).
Its own record (`campaign_imports`) says how far it got; the campaigns it wrote carry its id
and stay hidden from every read until the record says done, so to its readers an import is
still all or nothing. Each chunk publishes its campaigns' events with them (an event is never
lost, nor sent for a row that was not committed). A file that turns out not to read half way
through undoes the import: its campaigns are deleted a chunk at a time, with the deletion
events and audit entries a batch delete writes, and the record says failed. An import whose
process died stays hidden, and the next import undoes it.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from crm_platform.errors import InvalidArgument
from crm_platform.outbox.bulk import publish_many
from crm_platform.request_context import current_identity
from crm_platform.unit_of_work import UnitOfWork
from marketing.adapters.campaign_repository import CampaignRepository, of_import
from marketing.adapters.import_repository import DONE, FAILED, ImportRepository, ImportRun
from marketing.adapters.spreadsheets import file_format, read_rows
from marketing.domain import access
from marketing.domain.campaign import Campaign, plan_campaign
from marketing.domain.import_rows import ImportReport, header_columns, row_command
from marketing.service.events import CAMPAIGN_CHANGED, campaign_changed

BATCH_SIZE = 500  # rows per INSERT
CHUNK_SIZE = 2000  # campaigns per transaction: a fraction of a second of the write lock
# A running import moves on every chunk; one that has not for this long has died.
STALE_AFTER = timedelta(minutes=10)

NewUow = Callable[[], UnitOfWork]


def import_campaigns(new_uow: NewUow, path: Path, filename: str) -> ImportReport:
    caller = current_identity()
    access.require_creator(caller)
    file_format(filename)
    rows = read_rows(path, filename)
    header = next(rows, None)
    if header is None:
        raise InvalidArgument.field("file", "is empty")
    columns = header_columns(header)
    undo_stale_imports(new_uow)
    now = datetime.now(UTC)
    run = ImportRun(str(uuid.uuid4()), caller.user_id, filename[:255], now, now)
    with new_uow() as uow:
        ImportRepository(uow.session).add(run)
        uow.commit()
    report, chunk = ImportReport(), []
    try:
        for number, cells in enumerate(rows, start=2):
            try:
                command = row_command(columns, cells, default_owner=caller.user_id)
                if command is not None:
                    chunk.append(plan_campaign(command, now=now))
            except InvalidArgument as refused:
                report.reject(number, refused.violations)
            run.rows_read = number
            if len(chunk) >= CHUNK_SIZE:
                _commit_chunk(new_uow, run, chunk, report)
        run.state = DONE
        _commit_chunk(new_uow, run, chunk, report)
    except BaseException:
        _undo(new_uow, run.id)
        raise
    return report


def _commit_chunk(new_uow: NewUow, run: ImportRun, chunk: list[Campaign], report: ImportReport):
    """The chunk's campaigns and events, and the record moved on, in one transaction."""
    with new_uow() as uow:
        campaigns = CampaignRepository(uow.session)
        for start in range(0, len(chunk), BATCH_SIZE):
            batch = chunk[start : start + BATCH_SIZE]
            campaigns.add_many(batch, import_id=run.id)
            publish_many(uow, CAMPAIGN_CHANGED, ((c.id, campaign_changed(c)) for c in batch))
        run.created = report.created + len(chunk)
        run.rejected = report.rejected_count
        run.updated_at = datetime.now(UTC)
        ImportRepository(uow.session).save(run)
        uow.commit()
    report.created = run.created
    chunk.clear()


def _undo(new_uow: NewUow, import_id: str) -> None:
    """Deletes what the import wrote, a chunk per transaction, then marks it failed."""
    while True:
        with new_uow() as uow:
            campaigns = CampaignRepository(uow.session)
            doomed = list(campaigns.stream(of_import(import_id).limit(CHUNK_SIZE)))
            campaigns.delete(c.id for c in doomed)
            publish_many(
                uow, CAMPAIGN_CHANGED, ((c.id, campaign_changed(c, deleted=True)) for c in doomed)
            )
            imports = ImportRepository(uow.session)
            if not doomed:
                run = imports.get(import_id)
                if run is not None:
                    run.state, run.updated_at = FAILED, datetime.now(UTC)
                    imports.save(run)
            uow.commit()
        if not doomed:
            return


def undo_stale_imports(new_uow: NewUow) -> None:
    with new_uow() as uow:
        stale = ImportRepository(uow.session).stale(datetime.now(UTC) - STALE_AFTER)
    for import_id in stale:
        _undo(new_uow, import_id)
