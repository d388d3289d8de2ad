"""The sales gRPC API on real PostgreSQL, checking campaigns with the real marketing server."""

from __future__ import annotations

import grpc
import pytest
from google.protobuf.timestamp_pb2 import Timestamp
from sqlalchemy import func, select

from crm.common.v1 import money_pb2
from crm.sales.v1 import sales_pb2 as pb
from crm_platform.grpc_metadata import as_caller
from crm_platform.grpc_server.status_mapping import field_violations
from crm_platform.outbox.tables import outbox
from sales.adapters.tables import LeadRow

REP = as_caller("rep-1", "sales")
OTHER_REP = as_caller("rep-2", "sales")
MANAGER = as_caller("boss", "manager")


def refused(call, request, metadata=REP) -> grpc.RpcError:
    with pytest.raises(grpc.RpcError) as error:
        call(request, metadata=metadata, timeout=10)
    return error.value


def new_lead(stub, metadata=REP, **fields) -> pb.Lead:
    lead = pb.LeadInput(full_name="Zoë Ärger", company="Müller Bau GmbH", source="trade_show")
    for name, value in fields.items():
        if name == "campaign_ids":
            lead.campaign_ids.extend(value)
        else:
            setattr(lead, name, value)
    return stub.CreateLead(pb.CreateLeadRequest(lead=lead), metadata=metadata, timeout=10)


def test_lead_crud_with_an_update_mask(stub):
    lead = new_lead(stub, email="zoe@example.com")
    assert (lead.owner_id, lead.state) == ("rep-1", "not_contacted")

    when = Timestamp(seconds=1_800_000_000)
    changed = stub.UpdateLead(
        pb.UpdateLeadRequest(
            id=lead.id,
            lead=pb.LeadInput(state="contacted", email="", next_contact_at=when, company="x"),
            update_mask=["state", "email", "next_contact_at"],
        ),
        metadata=REP,
    )
    assert (changed.state, changed.email, changed.company) == ("contacted", "", "Müller Bau GmbH")
    assert changed.next_contact_at == when
    assert stub.GetLead(pb.GetRequest(id=lead.id), metadata=REP) == changed

    stub.DeleteLead(pb.GetRequest(id=lead.id), metadata=REP)
    assert refused(stub.GetLead, pb.GetRequest(id=lead.id)).code() is grpc.StatusCode.NOT_FOUND


def test_bad_fields_are_reported_together(stub):
    error = refused(
        stub.CreateLead,
        pb.CreateLeadRequest(lead=pb.LeadInput(full_name="", source="fax", email="nope")),
    )
    assert error.code() is grpc.StatusCode.INVALID_ARGUMENT
    assert {field for field, _ in field_violations(error)} == {"full_name", "source", "email"}


def test_another_reps_lead_is_not_found_but_a_manager_sees_and_reassigns_it(stub):
    lead = new_lead(stub)
    for call, request in [
        (stub.GetLead, pb.GetRequest(id=lead.id)),
        (stub.DeleteLead, pb.GetRequest(id=lead.id)),
        (stub.AddNote, pb.AddNoteRequest(subject="lead", subject_id=lead.id, body="hi")),
    ]:
        assert refused(call, request, OTHER_REP).code() is grpc.StatusCode.NOT_FOUND
    assert stub.ListLeads(pb.ListLeadsRequest(), metadata=OTHER_REP).total == 0

    moved = stub.UpdateLead(
        pb.UpdateLeadRequest(
            id=lead.id, lead=pb.LeadInput(owner_id="rep-2"), update_mask=["owner_id"]
        ),
        metadata=MANAGER,
    )
    assert moved.owner_id == "rep-2"
    assert stub.GetLead(pb.GetRequest(id=lead.id), metadata=OTHER_REP).id == lead.id


def test_a_rep_may_not_give_a_lead_away(stub):
    error = refused(
        stub.CreateLead, pb.CreateLeadRequest(lead=pb.LeadInput(full_name="A", owner_id="rep-2"))
    )
    assert error.code() is grpc.StatusCode.PERMISSION_DENIED


def test_anonymous_calls_are_unauthenticated(stub):
    error = refused(stub.ListLeads, pb.ListLeadsRequest(), metadata=())
    assert error.code() is grpc.StatusCode.UNAUTHENTICATED


def test_campaigns_are_checked_with_marketing(stub, campaign_id):
    error = refused(
        stub.CreateLead,
        pb.CreateLeadRequest(lead=pb.LeadInput(full_name="A", campaign_ids=["no-such-campaign"])),
    )
    assert error.code() is grpc.StatusCode.INVALID_ARGUMENT
    assert field_violations(error) == [("campaign_ids", "unknown campaign: no-such-campaign")]

    lead = new_lead(stub, campaign_ids=[campaign_id])
    assert list(lead.campaign_ids) == [campaign_id]
    link = pb.CampaignLinkRequest(lead_id=lead.id, campaign_id=campaign_id)
    assert list(stub.UnbindCampaign(link, metadata=REP).campaign_ids) == []
    assert list(stub.BindCampaign(link, metadata=REP).campaign_ids) == [campaign_id]
    listed = stub.ListLeads(pb.ListLeadsRequest(campaign_id=campaign_id), metadata=REP)
    assert [item.id for item in listed.items] == [lead.id]


def test_marketing_down_is_unavailable_and_writes_nothing(stub_without_marketing, session_factory):
    error = refused(
        stub_without_marketing.CreateLead,
        pb.CreateLeadRequest(lead=pb.LeadInput(full_name="A", campaign_ids=["c-1"])),
    )
    assert error.code() is grpc.StatusCode.UNAVAILABLE
    with session_factory() as session:
        assert session.scalar(select(func.count()).select_from(LeadRow)) == 0
        assert session.scalar(select(func.count()).select_from(outbox)) == 0


def test_conversion_then_a_deal_moved_to_won(stub):
    lead = new_lead(stub, email="zoe@example.com")
    stub.AddNote(
        pb.AddNoteRequest(subject="lead", subject_id=lead.id, body="Met at the fair"), metadata=REP
    )
    deal_input = pb.DealInput(
        name="Cranes", amount=money_pb2.Money(amount="12500.50", currency="EUR")
    )
    converted = stub.ConvertLead(
        pb.ConvertLeadRequest(lead_id=lead.id, create_deal=True, deal=deal_input), metadata=REP
    )
    again = refused(stub.ConvertLead, pb.ConvertLeadRequest(lead_id=lead.id))
    assert again.code() is grpc.StatusCode.ALREADY_EXISTS
    edit = pb.UpdateLeadRequest(id=lead.id, lead=pb.LeadInput(state="lost"), update_mask=["state"])
    assert refused(stub.UpdateLead, edit).code() is grpc.StatusCode.ALREADY_EXISTS

    lead = stub.GetLead(pb.GetRequest(id=lead.id), metadata=REP)
    assert (lead.state, lead.deal_id, lead.customer_id) == (
        "converted",
        converted.deal_id,
        converted.customer_id,
    )
    contact = stub.GetContact(pb.GetRequest(id=converted.contact_id), metadata=REP)
    assert (contact.customer_id, contact.email) == (converted.customer_id, "zoe@example.com")
    for subject, subject_id in [("customer", converted.customer_id), ("contact", contact.id)]:
        notes = stub.ListNotes(
            pb.ListNotesRequest(subject=subject, subject_id=subject_id), metadata=REP
        )
        assert [n.body for n in notes.items] == ["Met at the fair"]

    deal_id = converted.deal_id
    for stage in [
        "needs_analysis",
        "value_proposition",
        "decision_makers",
        "proposal",
        "negotiation",
        "closed_won",
    ]:
        moved = stub.MoveDeal(pb.MoveDealRequest(id=deal_id, stage=stage), metadata=REP)
    assert (moved.stage, moved.probability, moved.amount.amount) == ("closed_won", 100, "12500.50")
    assert moved.HasField("closed_at")
    late = refused(stub.MoveDeal, pb.MoveDealRequest(id=deal_id, stage="negotiation"))
    assert late.code() is grpc.StatusCode.FAILED_PRECONDITION
    history = stub.ListDealHistory(pb.GetRequest(id=deal_id), metadata=REP).items
    assert [h.stage for h in history][::6] == ["qualification", "closed_won"]
    assert len(history) == 7 and {h.changed_by for h in history} == {"rep-1"}

    deals = stub.ListDeals(pb.ListDealsRequest(customer_id=converted.customer_id), metadata=REP)
    assert [d.id for d in deals.items] == [deal_id]


def test_a_second_lead_of_the_same_company_joins_its_customer(stub):
    first = stub.ConvertLead(pb.ConvertLeadRequest(lead_id=new_lead(stub).id), metadata=REP)
    second_lead = new_lead(stub, full_name="Bo", company="  MULLER bau ")
    second = stub.ConvertLead(pb.ConvertLeadRequest(lead_id=second_lead.id), metadata=REP)
    assert second.customer_id == first.customer_id and second.contact_id != first.contact_id
    contacts = stub.ListContacts(
        pb.ListContactsRequest(customer_id=first.customer_id), metadata=REP
    )
    assert contacts.total == 2


def test_q_search_ignores_case_and_accents(stub):
    stub.ConvertLead(pb.ConvertLeadRequest(lead_id=new_lead(stub).id), metadata=REP)
    for q in ["muller", "MÜLLER bau", "müll"]:
        found = stub.ListCustomers(pb.ListCustomersRequest(q=q), metadata=REP)
        assert [c.name for c in found.items] == ["Müller Bau GmbH"], q
    assert stub.ListCustomers(pb.ListCustomersRequest(q="schmidt"), metadata=REP).total == 0
    assert stub.ListLeads(pb.ListLeadsRequest(q="zoe arger"), metadata=REP).total == 1


def test_lists_page_with_tokens(stub):
    ids = {new_lead(stub, full_name=f"Lead {i}").id for i in range(5)}
    seen, token = [], ""
    while True:
        page = stub.ListLeads(pb.ListLeadsRequest(page_size=2, page_token=token), metadata=REP)
        assert page.total == 5
        seen += [lead.id for lead in page.items]
        token = page.next_page_token
        if not token:
            break
    assert sorted(seen) == sorted(ids)


def test_conversion_never_joins_a_customer_the_caller_cannot_see(stub):
    """Issue 24 #14: rep-2's lead of rep-1's customer's company gets a customer of its own,
    which rep-2 can read; rep-1's customer gains no contact. A manager's conversion, who sees
    every customer, still joins the oldest match."""
    mine = stub.ConvertLead(pb.ConvertLeadRequest(lead_id=new_lead(stub).id), metadata=REP)
    theirs_lead = new_lead(stub, metadata=OTHER_REP, full_name="Eve")
    theirs = stub.ConvertLead(pb.ConvertLeadRequest(lead_id=theirs_lead.id), metadata=OTHER_REP)
    assert theirs.customer_id != mine.customer_id
    customer = stub.GetCustomer(pb.GetRequest(id=theirs.customer_id), metadata=OTHER_REP)
    assert customer.owner_id == "rep-2"
    contacts = stub.ListContacts(pb.ListContactsRequest(customer_id=mine.customer_id), metadata=REP)
    assert contacts.total == 1
    by_manager = stub.ConvertLead(
        pb.ConvertLeadRequest(lead_id=new_lead(stub, metadata=MANAGER, full_name="Max").id),
        metadata=MANAGER,
    )
    assert by_manager.customer_id == mine.customer_id
