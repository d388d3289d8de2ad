"""Alembic environment for the gateway's own database (SQLite or PostgreSQL).

`crm-gateway migrate` hands over an open connection; run by hand, the URL comes from
GATEWAY_DATABASE_URL (through the settings) unless the ini file sets one.
"""

from __future__ import annotations

from alembic import context

from crm_platform.database import make_engine
from gateway.adapters.tables import Base
from gateway.settings import GatewaySettings

config = context.config
target_metadata = Base.metadata


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        # SQLite cannot ALTER most things; batch mode rebuilds tables instead.
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    url = config.get_main_option("sqlalchemy.url") or GatewaySettings().database_url
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            _run(connection)
    finally:
        engine.dispose()


if context.is_offline_mode():
    raise SystemExit("offline (SQL script) migrations are not supported; run against a database")
run_migrations_online()
