"""What the benchmark measures: each use case through the gateway, over gRPC, and in-process.

A scenario knows how to call one use case three ways against one running stack. Seeding (the
records a read needs) happens once, before any measurement.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

import grpc

from crm.common.v1 import money_pb2
from crm.marketing.v1 import marketing_pb2_grpc
from crm.sales.v1 import sales_pb2, sales_pb2_grpc
from crm_platform.database import make_engine, make_session_factory
from crm_platform.grpc_metadata import outgoing_metadata
from crm_platform.request_context import Identity, bound
from crm_platform.unit_of_work import UnitOfWork
from sales.adapters.marketing_client import MarketingCampaigns
from sales.service.deals import get_deal
from sales.service.dictionary import get_dictionary
from sales.service.leads import create_lead

BENCH_USER = Identity("bench-admin", frozenset({"admin"}))


@dataclass(frozen=True)
class Scenario:
    name: str
    method: str
    path: str
    body: dict | None
    grpc_call: Callable[[], object]
    in_process_call: Callable[[], object]

    @property
    def body_text(self) -> str | None:
        return json.dumps(self.body) if self.body is not None else None


class Wiring:
    """Channels and database sessions onto the running stack, made once."""

    def __init__(self, stack, var_dir) -> None:
        self.sales_channel = grpc.insecure_channel(f"127.0.0.1:{stack.ports['sales']}")
        self.sales = sales_pb2_grpc.SalesServiceStub(self.sales_channel)
        self.metadata = outgoing_metadata(BENCH_USER, "bench")
        self.sales_engine = make_engine(f"sqlite:///{var_dir / 'sales.db'}")
        self.sales_sessions = make_session_factory(self.sales_engine)
        self.marketing_channel = grpc.insecure_channel(f"127.0.0.1:{stack.ports['marketing']}")
        self.campaigns = MarketingCampaigns(
            marketing_pb2_grpc.MarketingServiceStub(self.marketing_channel), 2.0
        )

    def in_sales(self, use_case: Callable[[UnitOfWork], object]) -> Callable[[], object]:
        def call() -> object:
            with bound(BENCH_USER, "bench"):
                return use_case(UnitOfWork(self.sales_sessions, "sales"))

        return call

    def close(self) -> None:
        self.sales_channel.close()
        self.marketing_channel.close()
        self.sales_engine.dispose()

    def seed_deal(self) -> str:
        """One customer with one deal to read, created over gRPC like any client would."""
        customer = self.sales.CreateCustomer(
            sales_pb2.CreateCustomerRequest(
                customer=sales_pb2.CustomerInput(name="Bench Trading Co.")
            ),
            metadata=self.metadata,
            timeout=5,
        )
        deal = self.sales.CreateDeal(
            sales_pb2.CreateDealRequest(
                deal=sales_pb2.DealInput(
                    name="Bench deal",
                    customer_id=customer.id,
                    amount=money_pb2.Money(amount="12500.00", currency="CNY"),
                )
            ),
            metadata=self.metadata,
            timeout=5,
        )
        return deal.id


LEAD = {"full_name": "Bench Lead", "company": "Bench Co", "source": "trade_show"}


def all_scenarios(w: Wiring) -> list[Scenario]:
    deal_id = w.seed_deal()
    return [
        Scenario(
            "read dictionary",
            "GET",
            "/api/v1/dictionary",
            None,
            lambda: w.sales.GetDictionary(
                sales_pb2.GetDictionaryRequest(), metadata=w.metadata, timeout=5
            ),
            w.in_sales(get_dictionary),
        ),
        Scenario(
            "create lead",
            "POST",
            "/api/v1/leads",
            LEAD,
            lambda: w.sales.CreateLead(
                sales_pb2.CreateLeadRequest(lead=sales_pb2.LeadInput(**LEAD)),
                metadata=w.metadata,
                timeout=5,
            ),
            w.in_sales(lambda uow: create_lead(uow, w.campaigns, dict(LEAD))),
        ),
        Scenario(
            "read deal",
            "GET",
            f"/api/v1/deals/{deal_id}",
            None,
            lambda: w.sales.GetDeal(
                sales_pb2.GetRequest(id=deal_id), metadata=w.metadata, timeout=5
            ),
            w.in_sales(lambda uow: get_deal(uow, deal_id)),
        ),
    ]
