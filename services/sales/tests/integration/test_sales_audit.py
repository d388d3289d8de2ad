"""Sales' audit log through its gRPC server on real PostgreSQL: each change writes one entry in
its own transaction, with the caller, and only admins and managers read them back."""

from __future__ import annotations

import json

import grpc
import pytest
from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from crm.audit.v1 import audit_pb2, audit_pb2_grpc
from crm.common.v1 import money_pb2
from crm.sales.v1 import sales_pb2 as pb
from crm.sales.v1 import sales_pb2_grpc
from crm_platform import migrations
from crm_platform.audit.recording import record_created
from crm_platform.audit.tables import audit_log
from crm_platform.database import make_engine
from crm_platform.grpc_metadata import as_caller
from crm_platform.grpc_server.server import start_server
from sales import bootstrap
from sales.settings import SalesSettings

REP = as_caller("rep-1", "sales")
MANAGER = as_caller("boss", "manager")


@pytest.fixture
def stubs(database_url, session_factory, marketing_address):
    settings = SalesSettings(
        database_url=database_url,
        grpc_address="127.0.0.1:0",
        MARKETING_GRPC_ADDRESS=marketing_address,
        marketing_deadline_seconds=1.0,
    )
    server = start_server(
        "127.0.0.1:0", bootstrap.grpc_bindings(settings, session_factory), workers=2
    )
    channel = grpc.insecure_channel(f"127.0.0.1:{server.port}")
    try:
        yield sales_pb2_grpc.SalesServiceStub(channel), audit_pb2_grpc.AuditLogStub(channel)
    finally:
        channel.close()
        server.stop(grace=0)


def trail(audit, object_type, object_id, metadata=MANAGER):
    reply = audit.ListAuditEntries(
        audit_pb2.ListAuditEntriesRequest(object_type=object_type, object_id=object_id),
        metadata=metadata,
        timeout=10,
    )
    return list(reply.entries)


def entries_in(session_factory) -> int:
    with session_factory() as session:
        return session.scalar(select(func.count()).select_from(audit_log))


def new_deal(sales) -> pb.Deal:
    customer = sales.CreateCustomer(
        pb.CreateCustomerRequest(customer=pb.CustomerInput(name="Müller Bau GmbH")),
        metadata=REP,
        timeout=10,
    )
    deal = pb.DealInput(
        name="Cranes",
        customer_id=customer.id,
        amount=money_pb2.Money(amount="1000.00", currency="EUR"),
    )
    return sales.CreateDeal(pb.CreateDealRequest(deal=deal), metadata=REP, timeout=10)


def test_a_deal_change_writes_one_entry_with_the_caller_and_the_changed_fields_only(stubs):
    sales, audit = stubs
    deal = new_deal(sales)
    (created,) = trail(audit, "deal", deal.id)
    assert (created.action, created.actor_id, list(created.actor_roles)) == (
        "created",
        "rep-1",
        ["sales"],
    )
    assert created.old_values_json == ""
    assert json.loads(created.new_values_json)["name"] == "Cranes"

    sales.UpdateDeal(
        pb.UpdateDealRequest(
            id=deal.id, deal=pb.DealInput(name="Tower cranes"), update_mask=["name"]
        ),
        metadata=REP,
        timeout=10,
    )
    updated, _ = trail(audit, "deal", deal.id)
    assert (updated.action, updated.actor_id) == ("updated", "rep-1")
    old, new = json.loads(updated.old_values_json), json.loads(updated.new_values_json)
    assert old.pop("name") == "Cranes" and new.pop("name") == "Tower cranes"
    assert set(old) == set(new) <= {"updated_at"}  # nothing else that did not change

    sales.MoveDeal(pb.MoveDealRequest(id=deal.id, stage="needs_analysis"), metadata=REP)
    moved = trail(audit, "deal", deal.id)[0]
    assert moved.action == "moved"
    assert json.loads(moved.old_values_json)["stage"] == "qualification"
    assert json.loads(moved.new_values_json)["stage"] == "needs_analysis"

    sales.DeleteDeal(pb.GetRequest(id=deal.id), metadata=REP, timeout=10)
    deleted = trail(audit, "deal", deal.id)[0]
    assert deleted.action == "deleted" and deleted.new_values_json == ""
    assert json.loads(deleted.old_values_json)["name"] == "Tower cranes"
    assert "search" not in json.loads(deleted.old_values_json)  # derived columns stay out


def test_a_change_rolled_back_writes_nothing(stubs, session_factory):
    sales, audit = stubs
    deal = new_deal(sales)
    before = entries_in(session_factory)
    # The new name is saved (and its entry written) before the unknown stage is refused.
    bad = pb.UpdateDealRequest(
        id=deal.id,
        deal=pb.DealInput(name="Renamed", stage="no_such_stage"),
        update_mask=["name", "stage"],
    )
    with pytest.raises(grpc.RpcError) as refused:
        sales.UpdateDeal(bad, metadata=REP, timeout=10)
    assert refused.value.code() is grpc.StatusCode.INVALID_ARGUMENT
    assert entries_in(session_factory) == before
    assert [e.action for e in trail(audit, "deal", deal.id)] == ["created"]


@pytest.fixture(params=["sqlite", "postgresql"])
def migrated_url(request, tmp_path):
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'sales.db'}"
        migrations.upgrade(bootstrap.MIGRATIONS, url)
        return url
    return request.getfixturevalue("database_url")


def test_the_database_refuses_to_change_or_remove_entries(migrated_url):
    engine = make_engine(migrated_url)
    try:
        with engine.begin() as connection:
            session = Session(bind=connection)
            record_created(session, "deal", "d-1", {"name": "Cranes"})
            session.flush()
        for statement in (
            update(audit_log).values(actor_id="someone-else"),
            delete(audit_log),
        ):
            with pytest.raises(DBAPIError, match="append-only"), engine.begin() as connection:
                connection.execute(statement)
        with engine.connect() as connection:
            assert connection.execute(select(audit_log.c.actor_id)).scalars().all() == ["anonymous"]
    finally:
        engine.dispose()


def test_a_conversion_is_logged_as_such(stubs):
    sales, audit = stubs
    lead = sales.CreateLead(
        pb.CreateLeadRequest(lead=pb.LeadInput(full_name="Zoë", company="Ärger AG")),
        metadata=REP,
        timeout=10,
    )
    converted = sales.ConvertLead(pb.ConvertLeadRequest(lead_id=lead.id), metadata=REP)
    latest = trail(audit, "lead", lead.id)[0]
    assert latest.action == "converted"
    assert json.loads(latest.new_values_json)["customer_id"] == converted.customer_id
    assert [e.action for e in trail(audit, "customer", converted.customer_id)] == ["created"]


def test_only_admins_and_managers_read_and_types_are_checked(stubs):
    sales, audit = stubs
    deal = new_deal(sales)
    with pytest.raises(grpc.RpcError) as rep:
        trail(audit, "deal", deal.id, metadata=REP)
    assert rep.value.code() is grpc.StatusCode.PERMISSION_DENIED
    with pytest.raises(grpc.RpcError) as unknown:
        trail(audit, "ticket", deal.id)
    assert unknown.value.code() is grpc.StatusCode.INVALID_ARGUMENT
    assert len(trail(audit, "deal", deal.id, metadata=as_caller("root", "admin"))) == 1


def test_pages_follow_each_other_newest_first(stubs):
    sales, audit = stubs
    for _ in range(3):
        new_deal(sales)
    seen, token = [], ""
    while True:
        reply = audit.ListAuditEntries(
            audit_pb2.ListAuditEntriesRequest(object_type="deal", page_size=2, page_token=token),
            metadata=MANAGER,
            timeout=10,
        )
        seen += [e.id for e in reply.entries]
        assert reply.total == 3
        if not reply.next_page_token:
            break
        token = reply.next_page_token
    assert seen == sorted(seen, reverse=True) and len(seen) == 3
