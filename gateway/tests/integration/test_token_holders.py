"""The per-request token lookup on the real databases: only a live token finds its holder."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from functools import partial

import pytest

from crm_platform.database import make_engine, make_session_factory
from gateway.adapters.schema import upgrade_to_head
from gateway.adapters.token_holders import TokenHolders
from gateway.adapters.unit_of_work import GatewayUnitOfWork
from gateway.domain.account import Account

NOW = datetime(2026, 5, 1, 12, 0, tzinfo=UTC)
REP = Account(
    id="u-1",
    username="rep",
    display_name="Rep",
    email=None,
    roles=frozenset({"sales", "manager"}),
    password_hash="x",
    allowed_ips=("10.0.0.0/8",),
    created_at=NOW,
    updated_at=NOW,
)


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request, tmp_path):
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'gateway.db'}"
    else:
        cluster = request.getfixturevalue("postgres_cluster")
        url = cluster.create_database(f"gateway_tokens_{tmp_path.name[-12:].lower()}")
    engine = make_engine(url)
    upgrade_to_head(engine)
    yield engine
    engine.dispose()


def test_a_live_token_finds_its_holder_and_no_other_does(engine):
    uow = partial(GatewayUnitOfWork, make_session_factory(engine), "gateway")
    with uow() as work:
        work.users.save(REP)
        work.tokens.add("live", REP.id, NOW, NOW + timedelta(hours=1))
        work.tokens.add("expired", REP.id, NOW - timedelta(hours=2), NOW)
        work.tokens.add("revoked", REP.id, NOW, NOW + timedelta(hours=1))
        work.tokens.revoke("revoked", NOW)
        work.commit()
    holders = TokenHolders(engine)

    assert holders.find("live", NOW) == REP
    assert holders.find("live", NOW + timedelta(hours=1)) is None
    assert holders.find("expired", NOW) is None
    assert holders.find("revoked", NOW) is None
    assert holders.find("unknown", NOW) is None


def test_a_revocation_is_seen_by_the_next_lookup(engine):
    uow = partial(GatewayUnitOfWork, make_session_factory(engine), "gateway")
    with uow() as work:
        work.users.save(REP)
        work.tokens.add("t", REP.id, NOW, NOW + timedelta(hours=1))
        work.commit()
    holders = TokenHolders(engine)
    assert holders.find("t", NOW) == REP
    with uow() as work:
        work.tokens.revoke("t", NOW)
        work.commit()
    assert holders.find("t", NOW) is None
