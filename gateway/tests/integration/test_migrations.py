from sqlalchemy import inspect

from crm_platform.database import make_engine
from gateway.adapters.schema import downgrade_to_base, upgrade_to_head


def check_round_trip(engine):
    upgrade_to_head(engine)
    tables = set(inspect(engine).get_table_names())
    assert {"users", "access_tokens", "alembic_version"} <= tables
    columns = {c["name"] for c in inspect(engine).get_columns("users")}
    assert {"username", "roles", "allowed_ips", "locked_until", "failed_logins"} <= columns

    downgrade_to_base(engine)
    assert not {"users", "access_tokens"} & set(inspect(engine).get_table_names())
    upgrade_to_head(engine)
    upgrade_to_head(engine)  # a second run has nothing to do


def test_sqlite_upgrades_from_empty_and_back(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'fresh.db'}")
    try:
        check_round_trip(engine)
    finally:
        engine.dispose()


def test_postgresql_upgrades_from_empty_and_back(postgres_cluster):
    engine = make_engine(postgres_cluster.create_database("gateway_migrations"))
    try:
        check_round_trip(engine)
    finally:
        engine.dispose()
