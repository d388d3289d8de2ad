"""The notifications service's Alembic history: up to head, matching the tables, and back."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from notifications import bootstrap
from notifications.adapters.tables import metadata
from sqlalchemy import create_engine, inspect

from crm_platform import migrations
from crm_platform.outbox.tables import platform_metadata


def check_round_trip(url: str) -> None:
    engine = create_engine(url)
    try:
        migrations.upgrade(bootstrap.MIGRATIONS, url)
        with engine.connect() as connection:
            tables = set(inspect(connection).get_table_names())
            drift = compare_metadata(
                MigrationContext.configure(connection), [metadata, platform_metadata]
            )
        assert {"notifications", "mail_queue", "reminders", "users", "outbox"} <= tables
        assert drift == []
        migrations.downgrade(bootstrap.MIGRATIONS, url)
        with engine.connect() as connection:
            assert set(inspect(connection).get_table_names()) == {"alembic_version"}
    finally:
        engine.dispose()


def test_sqlite_upgrade_matches_the_tables_and_downgrade_removes_everything(tmp_path: Path):
    check_round_trip(f"sqlite:///{tmp_path / 'notifications.db'}")


def test_postgresql_upgrade_matches_the_tables(postgres_cluster):
    check_round_trip(postgres_cluster.create_database("notifications_migrations"))
