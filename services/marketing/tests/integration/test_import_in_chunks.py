"""Hardening #6: a long import commits a chunk at a time (other writers are not held behind
it), its record says how far it got, and its campaigns stay hidden until it is done; a file
that breaks half way, or an import whose process died, is undone."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from crm_platform.errors import InvalidArgument
from crm_platform.outbox.tables import outbox
from crm_platform.request_context import Identity, bound
from crm_platform.unit_of_work import UnitOfWork
from marketing.adapters.campaign_repository import CampaignRepository
from marketing.adapters.import_repository import ImportRepository, ImportRun
from marketing.adapters.tables import CampaignImportRow, CampaignRow
from marketing.domain.campaign import plan_campaign
from marketing.domain.commands import CampaignFilter, CreateCampaign
from marketing.service import imports
from marketing.service.campaigns import create_campaign, list_campaigns

MARKETER = Identity("u1", frozenset({"marketing"}))
Uow = Callable[[], UnitOfWork]


def lines(start: int, stop: int) -> bytes:
    return "".join(f"Row {n},email\n" for n in range(start, stop)).encode()


def the_import(session_factory) -> CampaignImportRow | None:
    with session_factory() as session:
        return session.scalars(select(CampaignImportRow)).one_or_none()


def count(session_factory, what) -> int:
    with session_factory() as session:
        return session.scalar(select(func.count()).select_from(what))


def listed(new_uow: Uow) -> int:
    with bound(MARKETER, ""):
        return list_campaigns(new_uow(), CampaignFilter()).total


def test_an_import_commits_in_chunks_hidden_until_done(
    new_uow: Uow, session_factory, tmp_path: Path
) -> None:
    fifo = tmp_path / "campaigns.csv"  # the file arrives as the import reads it
    os.mkfifo(fifo)
    outcome: dict = {}

    def run() -> None:
        with bound(MARKETER, ""):
            outcome["report"] = imports.import_campaigns(new_uow, fifo, "campaigns.csv")

    importer = threading.Thread(target=run)
    importer.start()
    with fifo.open("wb") as upload:
        upload.write(b"name,type\n" + lines(0, imports.CHUNK_SIZE + 500))
        upload.flush()
        record = _wait_until(lambda: _moved_on(session_factory))

        # One chunk committed and said so; the import waits for the rest of its file.
        assert (record.state, record.created) == ("running", imports.CHUNK_SIZE)
        assert record.rows_read >= imports.CHUNK_SIZE + 1
        assert count(session_factory, CampaignRow) == imports.CHUNK_SIZE
        assert listed(new_uow) == 0  # hidden: to its readers the import has not happened
        started = time.monotonic()
        with bound(MARKETER, ""):
            create_campaign(new_uow(), CreateCampaign("Saved meanwhile", "email"))
        assert time.monotonic() - started < 1.0  # the write lock is not held by the import
        assert listed(new_uow) == 1

        upload.write(lines(imports.CHUNK_SIZE + 500, 5000))
    importer.join(timeout=60)

    assert outcome["report"].created == 5000
    record = the_import(session_factory)
    assert (record.state, record.rows_read, record.created) == ("done", 5001, 5000)
    assert listed(new_uow) == 5001


def _moved_on(session_factory) -> CampaignImportRow | None:
    record = the_import(session_factory)
    return record if record is not None and record.created > 0 else None


def _wait_until(probe):
    for _ in range(200):
        found = probe()
        if found is not None:
            return found
        time.sleep(0.05)
    raise AssertionError("the import did not commit its first chunk")


def test_a_file_that_breaks_after_a_committed_chunk_undoes_the_import(
    new_uow: Uow, session_factory, tmp_path: Path
) -> None:
    path = tmp_path / "c.csv"
    path.write_bytes(b"name,type\n" + lines(0, imports.CHUNK_SIZE + 300) + b"\xff\xfe broken\n")

    with bound(MARKETER, ""), pytest.raises(InvalidArgument):
        imports.import_campaigns(new_uow, path, "c.csv")

    assert count(session_factory, CampaignRow) == 0
    assert the_import(session_factory).state == "failed"
    # The committed chunk's events went out with it; its deletions follow, as a batch delete's.
    assert count(session_factory, outbox) == 2 * imports.CHUNK_SIZE


def test_an_import_whose_process_died_is_undone_by_the_next(
    new_uow: Uow, session_factory, tmp_path: Path
) -> None:
    long_ago = datetime.now(UTC) - imports.STALE_AFTER - timedelta(minutes=1)
    dead = ImportRun("dead-import", "u1", "c.csv", long_ago, long_ago, rows_read=1001)
    with new_uow() as uow:
        ImportRepository(uow.session).add(dead)
        orphans = [plan_campaign(CreateCampaign(f"Orphan {n}", "email", owner_id="u1"),
                                 now=long_ago) for n in range(3)]  # fmt: skip
        CampaignRepository(uow.session).add_many(orphans, import_id=dead.id)
        uow.commit()
    assert listed(new_uow) == 0
    path = tmp_path / "c.csv"
    path.write_bytes(b"name,type\n" + lines(0, 2))

    with bound(MARKETER, ""):
        assert imports.import_campaigns(new_uow, path, "c.csv").created == 2

    assert count(session_factory, CampaignRow) == 2
    with session_factory() as session:
        assert session.get(CampaignImportRow, dead.id).state == "failed"
