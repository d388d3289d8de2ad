"""The throwaway PostgreSQL cluster: a real server, real databases, nothing left behind."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError

from crm_platform.local.postgres_cluster import PostgresCluster


@pytest.fixture(scope="module")
def cluster() -> Iterator[PostgresCluster]:
    with PostgresCluster() as pg:
        yield pg


@pytest.fixture(scope="module")
def engines(cluster: PostgresCluster) -> Iterator[dict[str, Engine]]:
    made = {name: create_engine(cluster.create_database(name)) for name in ("first", "second")}
    yield made
    for engine in made.values():
        engine.dispose()


def test_url_points_at_the_local_port(cluster: PostgresCluster) -> None:
    assert cluster.url("sales") == f"postgresql+psycopg://postgres@127.0.0.1:{cluster.port}/sales"


def test_each_database_answers(engines: dict[str, Engine]) -> None:
    for name, engine in engines.items():
        with engine.connect() as conn:
            assert conn.execute(text("select 1")).scalar_one() == 1
            assert conn.execute(text("select current_database()")).scalar_one() == name


def test_databases_are_separate(engines: dict[str, Engine]) -> None:
    for name, engine in engines.items():
        with engine.begin() as conn:
            conn.execute(text("create table thing (name text not null)"))
            conn.execute(text("insert into thing (name) values (:name)"), {"name": name})

    for name, engine in engines.items():
        with engine.connect() as conn:
            rows = conn.execute(text("select name from thing")).scalars().all()
        assert rows == [name]


def test_stop_removes_the_directory() -> None:
    pg = PostgresCluster()
    pg.start()
    root = pg.root
    assert (root / "data" / "postmaster.pid").exists()
    url = pg.create_database("short_lived")
    pg.stop()
    assert not root.exists()
    engine = create_engine(url, connect_args={"connect_timeout": 2})
    with pytest.raises(OperationalError):
        engine.connect()
    engine.dispose()
