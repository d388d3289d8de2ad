"""An event written by one service reaches another through the running relays and broker."""

from __future__ import annotations

import uuid

import grpc
from tenacity import retry, stop_after_delay, wait_fixed

from crm.marketing.v1 import marketing_pb2, marketing_pb2_grpc
from crm.reporting.v1 import reporting_pb2, reporting_pb2_grpc
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
