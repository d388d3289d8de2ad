"""An event written by one service reaches another through the running relays and broker."""

from __future__ import annotations

import uuid

import grpc
from tenacity import retry, stop_after_delay, wait_fixed

from crm.marketing.v1 import marketing_pb2, marketing_pb2_grpc
from crm.reporting.v1 import reporting_pb2, reporting_pb2_grpc
from crm.sales.v1 import sales_pb2, sales_pb2_grpc
from crm_platform.grpc_metadata import as_caller

IDENTITY = as_caller("e2e-marketer", "marketing")


def test_campaign_created_over_grpc_reaches_reporting(stack):
    with grpc.insecure_channel(f"127.0.0.1:{stack.ports['marketing']}") as marketing_channel:
        campaign = marketing_pb2_grpc.MarketingServiceStub(marketing_channel).CreateCampaign(
            marketing_pb2.CreateCampaignRequest(
                name=f"Canton Fair {uuid.uuid4().hex[:6]}",
                type="trade_show",
                status="planned",
                budget="50000.00",
                currency="CNY",
            ),
            metadata=IDENTITY,
            timeout=5,
        )
    assert campaign.owner_id == "e2e-marketer"

    with grpc.insecure_channel(f"127.0.0.1:{stack.ports['reporting']}") as reporting_channel:
        reporting = reporting_pb2_grpc.ReportingServiceStub(reporting_channel)

        @retry(stop=stop_after_delay(60), wait=wait_fixed(0.2), reraise=True)
        def applied() -> reporting_pb2.Status:
            status = reporting.GetStatus(reporting_pb2.GetStatusRequest(), timeout=5)
            counts = {t.topic: t.events_applied for t in status.topics}
            assert counts.get("marketing.campaign-changed", 0) >= 1
            return status

        status = applied()
    assert status.HasField("as_of")


def test_a_customer_contact_and_note_made_in_sales_reach_its_timeline(stack):
    """The timeline's own topics (customer-changed, contact-added, note-added) flow from sales'
    outbox through the running relay and broker into reporting's read model."""
    rep = as_caller(f"e2e-rep-{uuid.uuid4().hex[:6]}", "sales")
    with grpc.insecure_channel(f"127.0.0.1:{stack.ports['sales']}") as sales_channel:
        sales = sales_pb2_grpc.SalesServiceStub(sales_channel)
        customer = sales.CreateCustomer(sales_pb2.CreateCustomerRequest(
            customer=sales_pb2.CustomerInput(name=f"Foshan Tiles {uuid.uuid4().hex[:6]}")),
            metadata=rep, timeout=5)  # fmt: skip
        contact = sales.CreateContact(sales_pb2.CreateContactRequest(
            contact=sales_pb2.ContactInput(customer_id=customer.id, full_name="He Li")),
            metadata=rep, timeout=5)  # fmt: skip
        note = sales_pb2.AddNoteRequest(subject="contact", subject_id=contact.id,
                                        body="Wants samples")  # fmt: skip
        sales.AddNote(note, metadata=rep, timeout=5)

    with grpc.insecure_channel(f"127.0.0.1:{stack.ports['reporting']}") as reporting_channel:
        reporting = reporting_pb2_grpc.ReportingServiceStub(reporting_channel)
        request = reporting_pb2.CustomerTimelineRequest(customer_id=customer.id)

        @retry(stop=stop_after_delay(60), wait=wait_fixed(0.2), reraise=True)
        def shown() -> reporting_pb2.CustomerTimeline:
            timeline = reporting.GetCustomerTimeline(request, metadata=rep, timeout=5)
            assert [e.kind for e in timeline.entries] == ["note", "contact"]
            return timeline

        timeline = shown()
    assert timeline.customer.name == customer.name and timeline.counts["contacts"] == 1
    assert timeline.entries[0].detail == "Wants samples"
    assert timeline.entries[0].title == timeline.entries[1].title == "He Li"
