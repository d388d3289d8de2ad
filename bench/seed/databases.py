"""Each service's database file under the stack's data directory, migrated to head by the
service's own Alembic scripts before any row is written (run-stack migrates again: a no-op)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from crm_platform import migrations
from crm_platform.database import make_engine, make_session_factory
from crm_platform.unit_of_work import UnitOfWork
from gateway.adapters.schema import upgrade_to_head
from marketing.bootstrap import MIGRATIONS as MARKETING
from reporting.bootstrap import MIGRATIONS as REPORTING
from sales.bootstrap import MIGRATIONS as SALES
from service_desk.bootstrap import MIGRATIONS as SERVICE_DESK

# The file names scripts/run-stack gives each service under CRM_VAR_DIR.
FILES = {
    "marketing": "marketing.db",
    "sales": "sales.db",
    "service-desk": "service-desk.db",
    "reporting": "reporting.db",
    "gateway": "gateway.db",
}
_SCRIPTS = {
    "marketing": MARKETING,
    "sales": SALES,
    "service-desk": SERVICE_DESK,
    "reporting": REPORTING,
}


def url(var_dir: Path, service: str) -> str:
    return f"sqlite:///{var_dir / FILES[service]}"


def migrate_all(var_dir: Path) -> None:
    for service, scripts in _SCRIPTS.items():
        migrations.upgrade(scripts, url(var_dir, service))
    engine = make_engine(url(var_dir, "gateway"))
    try:
        upgrade_to_head(engine)
    finally:
        engine.dispose()


@contextmanager
def sessions(var_dir: Path, service: str) -> Iterator[sessionmaker[Session]]:
    engine = make_engine(url(var_dir, service))
    try:
        yield make_session_factory(engine)
    finally:
        engine.dispose()  # the last connection closing folds the WAL into the file


@contextmanager
def unit_of_work(var_dir: Path, service: str) -> Iterator[UnitOfWork]:
    """One open unit of work (one transaction) for a whole bulk load, committed at the end."""
    with sessions(var_dir, service) as factory:
        uow = UnitOfWork(factory, service)
        with uow:
            yield uow
            uow.commit()
