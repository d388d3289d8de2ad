"""Marketing's Alembic history: up to head, matching the mapped tables, and back down."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect

from crm_platform import migrations
from crm_platform.outbox.tables import platform_metadata
from marketing import bootstrap
from marketing.adapters.tables import Base


def test_upgrade_matches_the_mapping_and_downgrade_removes_everything(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'marketing.db'}"
    engine = create_engine(url)
    try:
        migrations.upgrade(bootstrap.MIGRATIONS, url)
        with engine.connect() as connection:
            tables = set(inspect(connection).get_table_names())
            indexes = {i["name"] for i in inspect(connection).get_indexes("campaigns")}
            drift = compare_metadata(
                MigrationContext.configure(connection), [Base.metadata, platform_metadata]
            )
        assert {"campaigns", "outbox", "processed_events"} <= tables
        # 0006's sort indexes too; SQLite does not reflect the one on an expression (start).
        assert indexes == {
            f"ix_campaigns_{c}" for c in ("owner_id", "status", "start_date", "name", "import_id")
        } | {f"ix_campaigns_{c}_id" for c in ("created_at", "updated_at", "name")}
        assert drift == []

        migrations.downgrade(bootstrap.MIGRATIONS, url)
        with engine.connect() as connection:
            assert set(inspect(connection).get_table_names()) == {"alembic_version"}
    finally:
        engine.dispose()
