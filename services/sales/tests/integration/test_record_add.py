"""A record's INSERT, links, audit entry and event, written as Core statements, on both databases:
what the session no longer holds must still be in the database, in the same transaction."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from crm_platform import migrations
from crm_platform.audit.tables import audit_log
from crm_platform.database import make_engine, make_session_factory
from crm_platform.outbox.tables import outbox
from crm_platform.request_context import Identity, bound
from crm_platform.unit_of_work import UnitOfWork
from sales import bootstrap
from sales.adapters.dictionary_repository import load_dictionary
from sales.adapters.lead_repository import LeadRepository
from sales.domain.lead import new_lead
from sales.service.events import LEAD_CREATED
from sales.service.leads import create_lead

ADMIN = Identity("admin-1", frozenset({"admin"}))


class KnownCampaigns:
    """Every campaign exists: marketing is not what these tests are about."""

    def check_exist(self, ids, field: str = "campaign_ids") -> None:
        pass


@pytest.fixture(params=["postgresql", "sqlite"])
def sessions(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[sessionmaker[Session]]:
    if request.param == "postgresql":
        yield request.getfixturevalue("session_factory")
        return
    url = f"sqlite:///{tmp_path / 'sales.db'}"
    migrations.upgrade(bootstrap.MIGRATIONS, url)
    engine = make_engine(url)
    yield make_session_factory(engine)
    engine.dispose()


def _lead(session: Session, **values):
    values = {"full_name": "Wang Fang", "owner_id": "admin-1", **values}
    return new_lead(values, load_dictionary(session), now=datetime.now(UTC))


def test_an_added_lead_is_read_back_in_its_transaction_with_its_campaigns(sessions) -> None:
    with sessions() as session:
        leads = LeadRepository(session)
        lead = _lead(session, campaign_ids=["c-2", "c-1"])
        leads.add(lead)
        # Links read back in campaign id order, as they always were.
        assert leads.get(lead.id) == dataclasses.replace(lead, campaign_ids=("c-1", "c-2"))
        session.commit()
    with sessions() as session:
        assert LeadRepository(session).get(lead.id).campaign_ids == ("c-1", "c-2")


def test_a_lead_without_campaigns_has_no_links(sessions) -> None:
    with sessions() as session:
        lead = _lead(session)
        LeadRepository(session).add(lead)
        session.commit()
    with sessions() as session:
        assert LeadRepository(session).get(lead.id).campaign_ids == ()


def test_creating_a_lead_writes_one_created_entry_and_one_event(sessions) -> None:
    with bound(ADMIN, "corr-1"):
        lead = create_lead(UnitOfWork(sessions, "sales"), KnownCampaigns(), {"full_name": "Li"})
    with sessions() as session:
        entries = session.execute(select(audit_log).where(audit_log.c.object_id == lead.id)).all()
        events = session.execute(select(outbox).where(outbox.c.key == lead.id)).all()
        # SQL NULL, not a JSON null: readers tell a creation by the missing old values.
        nulls = session.scalar(
            select(audit_log.c.id).where(
                audit_log.c.object_id == lead.id, audit_log.c.old_values.is_(None)
            )
        )
    assert [(e.action, e.actor_id, e.correlation_id) for e in entries] == [
        ("created", "admin-1", "corr-1")
    ]
    assert entries[0].new_values["full_name"] == "Li"
    assert nulls == entries[0].id
    assert [(e.topic, e.sent_at) for e in events] == [(LEAD_CREATED, None)]


def test_an_add_after_a_pending_object_keeps_call_order(sessions) -> None:
    """A row the session still holds unflushed is written before the added one."""
    with sessions() as session:
        first, second = _lead(session), _lead(session)
        repo = LeadRepository(session)
        session.add(repo.row_type(**repo._values(first)))
        repo.add(second)
        assert not session.new
        session.commit()
    with sessions() as session:
        repo = LeadRepository(session)
        assert repo.get(first.id) is not None and repo.get(second.id) is not None
