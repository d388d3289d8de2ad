"""Every service's Alembic migrations run from empty to head and back, on SQLite and PostgreSQL."""

from __future__ import annotations

import importlib
import uuid

import pytest
from sqlalchemy import create_engine, inspect

from crm_platform import migrations

# (the package whose bootstrap knows the migrations, a table its first migration creates)
SERVICES = [
    ("marketing.bootstrap", "campaigns"),
    ("sales.bootstrap", "deal_stages"),
    ("service_desk.bootstrap", "follow_ups"),
    ("reporting.bootstrap", "topic_progress"),
    ("gateway.adapters.schema", "users"),
]


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_database(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'empty.db'}"
    cluster = request.getfixturevalue("postgres_cluster")
    return cluster.create_database(f"m_{uuid.uuid4().hex[:10]}")


@pytest.mark.parametrize(("module", "table"), SERVICES, ids=[m.split(".")[0] for m, _ in SERVICES])
def test_upgrade_from_empty_then_downgrade(module, table, empty_database):
    script_location = importlib.import_module(module).MIGRATIONS
    migrations.upgrade(script_location, empty_database)
    engine = create_engine(empty_database)
    try:
        tables = set(inspect(engine).get_table_names())
        assert table in tables
        assert "alembic_version" in tables
        if not module.startswith("gateway."):
            assert {"outbox", "processed_events"} <= tables
        migrations.upgrade(script_location, empty_database)  # a second run changes nothing
        migrations.downgrade(script_location, empty_database)
        assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    finally:
        engine.dispose()
