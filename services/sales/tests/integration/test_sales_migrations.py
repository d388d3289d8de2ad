"""Sales' Alembic history: up to head, matching the mapped tables exactly, and back down."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, insert, inspect, text

from crm_platform import migrations
from crm_platform.database import make_engine, make_session_factory
from crm_platform.outbox.tables import platform_metadata
from crm_platform.unit_of_work import UnitOfWork
from sales import bootstrap
from sales.adapters.lead_repository import LeadRepository
from sales.adapters.tables import Base, LeadRow
from sales.adapters.text_search import is_search_index
from sales.domain.lead import Lead
from sales.domain.listing import Listing
from sales.domain.visibility import ListScope

TABLES = {"leads", "lead_campaigns", "customers", "contacts", "contact_campaigns", "deals",
          "deal_stage_history", "notes", "deal_stages", "dictionary_entries"}  # fmt: skip


def test_upgrade_matches_the_mapping_and_downgrade_removes_everything(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'sales.db'}"
    engine = create_engine(url)
    try:
        migrations.upgrade(bootstrap.MIGRATIONS, url)
        with engine.connect() as connection:
            tables = set(inspect(connection).get_table_names())
            # Migration 0005's search indexes (FTS5 tables, GIN indexes) are unmapped; the
            # default schema's name is None.
            context = MigrationContext.configure(
                connection,
                opts={"include_name": lambda name, *_: name is None or not is_search_index(name)},
            )
            drift = compare_metadata(context, [Base.metadata, platform_metadata])
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


def test_rows_there_before_the_search_index_are_found_through_it(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'sales.db'}"
    migrations.upgrade(bootstrap.MIGRATIONS, url, "0004")
    engine = make_engine(url)
    try:
        at = datetime(2026, 1, 1, tzinfo=UTC)
        with UnitOfWork(make_session_factory(engine), "sales") as uow:
            for i, company in enumerate(["上海华信贸易", "Müller GmbH"]):
                record = Lead(id=f"lead-{i}", full_name="Wang", company=company,
                              owner_id="rep-1", created_at=at, updated_at=at)  # fmt: skip
                # The rows of revision 0004, written without the repository (whose list
                # needs the index that is not there yet), and without 0009's version.
                values = LeadRepository(uow.session)._values(record)
                del values["version"]
                uow.session.execute(insert(LeadRow.__table__), [values])
            uow.commit()
        migrations.upgrade(bootstrap.MIGRATIONS, url)
        with UnitOfWork(make_session_factory(engine), "sales").read_only() as uow:
            found = {
                q: [r.id for r in LeadRepository(uow.session).list(
                    Listing(q=q), ListScope(), page_size=10, page_token="").items]
                for q in ("华信", "上海华信", "muller")
            }  # fmt: skip
            rowids = uow.session.scalars(
                text("SELECT rowid FROM leads_search WHERE leads_search MATCH '\"华信贸\"'")
            ).all()
        assert found == {"华信": ["lead-0"], "上海华信": ["lead-0"], "muller": ["lead-1"]}
        assert len(rowids) == 1
    finally:
        engine.dispose()
