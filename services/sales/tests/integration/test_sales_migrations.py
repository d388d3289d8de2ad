"""Sales' Alembic history: up to head, matching the mapped tables exactly, and back down."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect

from crm_platform import migrations
from crm_platform.outbox.tables import platform_metadata
from sales import bootstrap
from sales.adapters.tables import Base

TABLES = {"leads", "lead_campaigns", "customers", "contacts", "contact_campaigns", "deals",
          "deal_stage_history", "notes", "deal_stages", "dictionary_entries"}  # fmt: skip


def test_upgrade_matches_the_mapping_and_downgrade_removes_everything(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'sales.db'}"
    engine = create_engine(url)
    try:
        migrations.upgrade(bootstrap.MIGRATIONS, url)
        with engine.connect() as connection:
            tables = set(inspect(connection).get_table_names())
            drift = compare_metadata(
                MigrationContext.configure(connection), [Base.metadata, platform_metadata]
            )
        assert tables >= TABLES
        assert drift == []

        migrations.downgrade(bootstrap.MIGRATIONS, url, "0001")
        with engine.connect() as connection:
            assert set(inspect(connection).get_table_names()) & TABLES == {
                "deal_stages",
                "dictionary_entries",
            }
        migrations.downgrade(bootstrap.MIGRATIONS, url)
        with engine.connect() as connection:
            assert set(inspect(connection).get_table_names()) == {"alembic_version"}
    finally:
        engine.dispose()
