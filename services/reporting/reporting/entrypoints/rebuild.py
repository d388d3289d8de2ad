"""`crm-reporting rebuild`: new read models from every topic's first event, then swapped in.

1. Refuse while the live consumer group has members: stop `crm-reporting consume` first
   (`serve` keeps answering from the old read models meanwhile).
2. Read each topic's end offset now: the replay stops there.
3. Migrate a fresh database and replay into it. SQLite: a new file beside the live one.
   PostgreSQL (or any URL): REPORTING_REBUILD_DATABASE_URL, which must be empty.
4. Set the live group's offsets to those end offsets (the broker refuses if a consumer has
   joined meanwhile, and nothing is swapped), so that the consumer goes on from there.
5. SQLite: rename the new file over the live one (atomic); `serve` notices and reopens.
   PostgreSQL: point REPORTING_DATABASE_URL at the new database, restart serve and consume.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from crm_platform import migrations
from crm_platform.database import make_engine, make_session_factory
from crm_platform.outbox.tables import processed_events
from crm_platform.topics import EVENT_TOPICS
from reporting.adapters.kafka_offsets import KafkaOffsets
from reporting.bootstrap import MIGRATIONS
from reporting.entrypoints.replay import replay
from reporting.settings import CONSUMER_GROUP, ReportingSettings

log = logging.getLogger(__name__)


def rebuild_target(settings: ReportingSettings) -> tuple[str, tuple[Path, Path] | None]:
    """The URL to build into, and (new file, live file) when the swap is a rename."""
    if settings.rebuild_database_url:
        return settings.rebuild_database_url, None
    live = make_url(settings.database_url)
    if live.get_backend_name() != "sqlite" or not live.database:
        raise SystemExit("set REPORTING_REBUILD_DATABASE_URL to an empty database to rebuild into")
    live_path = Path(live.database)
    new_path = live_path.with_name(live_path.name + ".rebuild")
    for leftover in (new_path, *(Path(f"{new_path}{s}") for s in ("-wal", "-shm"))):
        leftover.unlink(missing_ok=True)  # an earlier rebuild that did not finish
    return str(live.set(database=str(new_path))), (new_path, live_path)


def rebuild(settings: ReportingSettings) -> int:
    target_url, rename = rebuild_target(settings)
    offsets = KafkaOffsets(settings.kafka_bootstrap_servers, "reporting-rebuild")
    try:
        if not offsets.group_is_empty(CONSUMER_GROUP):
            raise SystemExit(f"consumer group {CONSUMER_GROUP!r} is running: stop it first")
        end = offsets.end_offsets(t.name for t in EVENT_TOPICS)
        migrations.upgrade(MIGRATIONS, target_url)
        engine = make_engine(target_url)
        try:
            with engine.connect() as connection:
                if connection.scalar(select(func.count()).select_from(processed_events)):
                    raise SystemExit(f"{target_url} is not empty: rebuild into a fresh database")
            read = replay(settings.kafka_bootstrap_servers, end, make_session_factory(engine))
        finally:
            engine.dispose()  # the last connection closing folds SQLite's WAL into the file
        offsets.commit(CONSUMER_GROUP, end)
    finally:
        offsets.close()
    if rename is not None:
        swap_sqlite(*rename)
    log.info("rebuilt reporting from %d records into %s", read, target_url)
    return read


def swap_sqlite(new_path: Path, live_path: Path) -> None:
    # Old WAL frames must not be replayed onto the new file: fold them in and empty the log.
    # (sqlite3 directly: outside any transaction, which a checkpoint needs.)
    if live_path.exists():
        connection = sqlite3.connect(live_path, isolation_level=None, timeout=30)
        try:
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            connection.close()
    os.replace(new_path, live_path)
