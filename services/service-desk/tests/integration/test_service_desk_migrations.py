"""The service desk's Alembic history: up to head, matching the mapped tables, and back down."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect

from crm_platform import migrations
from crm_platform.outbox.tables import platform_metadata
from service_desk import bootstrap
from service_desk.adapters.tables import Base


def test_upgrade_matches_the_mapping_and_downgrade_removes_everything(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'service-desk.db'}"
    engine = create_engine(url)
    try:
        migrations.upgrade(bootstrap.MIGRATIONS, url)
        with engine.connect() as connection:
            tables = set(inspect(connection).get_table_names())
            drift = compare_metadata(
                MigrationContext.configure(connection), [Base.metadata, platform_metadata]
            )
        assert {"follow_ups", "tickets", "ticket_comments", "ticket_history", "surveys"} <= tables
        assert {"outbox", "processed_events"} <= tables
        assert drift == []

        migrations.downgrade(bootstrap.MIGRATIONS, url)
        with engine.connect() as connection:
            assert set(inspect(connection).get_table_names()) == {"alembic_version"}
    finally:
        engine.dispose()
