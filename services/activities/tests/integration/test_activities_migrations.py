"""The activities service's Alembic history: up to head, matching the mapped tables, and back."""

from __future__ import annotations

from pathlib import Path

from activities import bootstrap
from activities.adapters.tables import Base
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect

from crm_platform import migrations
from crm_platform.outbox.tables import platform_metadata


def test_upgrade_matches_the_mapping_and_downgrade_removes_everything(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'activities.db'}"
    engine = create_engine(url)
    try:
        migrations.upgrade(bootstrap.MIGRATIONS, url)
        with engine.connect() as connection:
            tables = set(inspect(connection).get_table_names())
            drift = compare_metadata(
                MigrationContext.configure(connection), [Base.metadata, platform_metadata]
            )
        assert {"tasks", "task_notices", "activities", "outbox", "audit_log"} <= tables
        assert drift == []

        migrations.downgrade(bootstrap.MIGRATIONS, url)
        with engine.connect() as connection:
            assert set(inspect(connection).get_table_names()) == {"alembic_version"}
    finally:
        engine.dispose()
