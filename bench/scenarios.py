"""What the benchmark measures: each use case through the gateway, over gRPC, and in-process.

A scenario knows how to call one use case three ways against one running stack. The records
a scenario reads or changes come from the seeded world (seed/world.py); the ones a request
can use only once (a lead to convert) or must move back and forth (a deal) come from pools
reserved for it, a separate pool per path so that no two paths touch the same record.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

import grpc
from pools import Alternating, Pool, write_ids

from crm.common.v1 import money_pb2
from crm.marketing.v1 import marketing_pb2_grpc
from crm.sales.v1 import sales_pb2, sales_pb2_grpc
from crm_platform.database import make_engine, make_session_factory
from crm_platform.grpc_metadata import outgoing_metadata
from crm_platform.request_context import Identity, bound
from crm_platform.unit_of_work import UnitOfWork
from sales.adapters.lead_repository import LeadFilters
from sales.adapters.marketing_client import MarketingCampaigns
from sales.service.conversion import convert_lead
from sales.service.deal_moves import move_deal
from sales.service.deals import get_deal, list_deals
from sales.service.dictionary import get_dictionary
from sales.service.leads import create_lead, list_leads

BENCH_USER = Identity("bench-admin", frozenset({"admin"}))
PAGE_SIZE = 50
# A word of many seeded company names: `q` has to look through every lead's folded text.
SEARCH = "华信"
MOVE_STAGES = ("needs_analysis", "value_proposition")  # the pools' deals start at the first
LEAD = {"full_name": "Bench Lead 测试", "company": "Bench Co", "source": "trade_show"}
# Leads the single-caller REST pass may convert (about 20/s for a few seconds).
SOLO_IDS = 300
# Deals of their own for the single-caller REST moves: wrk starts its pass over a file's ids
# again at the first stage, which the loaded pass may have left its deals in (a 422).
SOLO_MOVES = 100
CONVERT_DEAL = {"name": "Bench conversion", "amount": "50000.00", "currency": "CNY"}


@dataclass(frozen=True)
class RestRequest:
    """What wrk sends: one fixed request, or one per pooled id (`{id}` in the path)."""

    method: str
    path: str
    body: dict | None = None
    ids_file: Path | None = None
    alternate_body: dict | None = None  # sent on every second pass over the ids
    once: bool = False  # each id once (the run stops when they are used up)
    # Pooled ids for the single-caller pass, apart from the loaded pass's.
    solo_ids_file: Path | None = None

    @property
    def body_text(self) -> str | None:
        return json.dumps(self.body, ensure_ascii=False) if self.body is not None else None


@dataclass(frozen=True)
class Scenario:
    name: str
    rest: RestRequest
    grpc_call: Callable[[], object]
    in_process_call: Callable[[], object]

    # The attributes the first version of run.py read: kept for its callers.
    @property
    def method(self) -> str:
        return self.rest.method

    @property
    def path(self) -> str:
        return self.rest.path

    @property
    def body_text(self) -> str | None:
        return self.rest.body_text


class Wiring:
    """Channels and database sessions onto the running stack, made once."""

    def __init__(self, stack, var_dir) -> None:
        self.var_dir = Path(var_dir)
        self.sales_channel = grpc.insecure_channel(f"127.0.0.1:{stack.ports['sales']}")
        self.sales = sales_pb2_grpc.SalesServiceStub(self.sales_channel)
        self.metadata = outgoing_metadata(BENCH_USER, "bench")
        self.sales_engine = make_engine(f"sqlite:///{self.var_dir / 'sales.db'}")
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

    def grpc(self, method: str, request_of: Callable[[], object]) -> Callable[[], object]:
        rpc = getattr(self.sales, method)
        return lambda: rpc(request_of(), metadata=self.metadata, timeout=10)

    def close(self) -> None:
        self.sales_channel.close()
        self.marketing_channel.close()
        self.sales_engine.dispose()


def all_scenarios(w: Wiring, world=None) -> list[Scenario]:
    """Every scenario; without a seeded `world`, the first version's three on a deal of its
    own (kept so that a run without seeding still works)."""
    if world is None:
        return [
            dictionary_scenario(w),
            create_lead_scenario(w),
            read_deal_scenario(w, seed_deal(w)),
        ]
    return [
        read_deal_scenario(w, world.read_deal_id),
        list_deals_scenario(w, world.filter_owner, world.filter_stage),
        search_leads_scenario(w),
        create_lead_scenario(w),
        convert_lead_scenario(w, world.convert_pools),
        move_deal_scenario(w, world.move_pools),
    ]


def dictionary_scenario(w: Wiring) -> Scenario:
    return Scenario(
        "read dictionary",
        RestRequest("GET", "/api/v1/dictionary"),
        w.grpc("GetDictionary", sales_pb2.GetDictionaryRequest),
        w.in_sales(get_dictionary),
    )


def read_deal_scenario(w: Wiring, deal_id: str) -> Scenario:
    return Scenario(
        "read deal",
        RestRequest("GET", f"/api/v1/deals/{deal_id}"),
        w.grpc("GetDeal", lambda: sales_pb2.GetRequest(id=deal_id)),
        w.in_sales(lambda uow: get_deal(uow, deal_id)),
    )


def list_deals_scenario(w: Wiring, owner_id: str, stage: str) -> Scenario:
    query = urlencode({"stage": stage, "owner_id": owner_id, "page_size": PAGE_SIZE})
    return Scenario(
        "list deals (stage, owner)",
        RestRequest("GET", f"/api/v1/deals?{query}"),
        w.grpc(
            "ListDeals",
            lambda: sales_pb2.ListDealsRequest(owner_id=owner_id, stage=stage, page_size=PAGE_SIZE),
        ),
        w.in_sales(
            lambda uow: list_deals(uow, "", owner_id, "", stage, page_size=PAGE_SIZE, page_token="")
        ),
    )


def search_leads_scenario(w: Wiring) -> Scenario:
    query = urlencode({"q": SEARCH, "page_size": PAGE_SIZE})
    return Scenario(
        "q search leads",
        RestRequest("GET", f"/api/v1/leads?{query}"),
        w.grpc("ListLeads", lambda: sales_pb2.ListLeadsRequest(q=SEARCH, page_size=PAGE_SIZE)),
        w.in_sales(
            lambda uow: list_leads(uow, LeadFilters(q=SEARCH), page_size=PAGE_SIZE, page_token="")
        ),
    )


def create_lead_scenario(w: Wiring) -> Scenario:
    return Scenario(
        "create lead",
        RestRequest("POST", "/api/v1/leads", LEAD),
        w.grpc("CreateLead", lambda: sales_pb2.CreateLeadRequest(lead=sales_pb2.LeadInput(**LEAD))),
        w.in_sales(lambda uow: create_lead(uow, w.campaigns, dict(LEAD))),
    )


def convert_lead_scenario(w: Wiring, pools: list[list[str]]) -> Scenario:
    rest_ids, grpc_pool, local_pool = pools[0], Pool(pools[1]), Pool(pools[2])
    deal_input = sales_pb2.DealInput(
        name=CONVERT_DEAL["name"],
        amount=money_pb2.Money(amount=CONVERT_DEAL["amount"], currency=CONVERT_DEAL["currency"]),
    )
    return Scenario(
        "convert lead with deal",
        RestRequest(
            "POST",
            "/api/v1/leads/{id}:convert",
            {"create_deal": True, "deal": CONVERT_DEAL},
            ids_file=write_ids(w.var_dir / "bench-convert-ids.txt", rest_ids[:-SOLO_IDS]),
            once=True,
            solo_ids_file=write_ids(w.var_dir / "bench-convert-solo.txt", rest_ids[-SOLO_IDS:]),
        ),
        w.grpc(
            "ConvertLead",
            lambda: sales_pb2.ConvertLeadRequest(
                lead_id=grpc_pool.take(), create_deal=True, deal=deal_input
            ),
        ),
        w.in_sales(
            lambda uow: convert_lead(uow, w.campaigns, local_pool.take(), dict(CONVERT_DEAL))
        ),
    )


def move_deal_scenario(w: Wiring, pools: list[list[str]]) -> Scenario:
    grpc_moves, local_moves = Alternating(pools[1], MOVE_STAGES), Alternating(pools[2], MOVE_STAGES)

    def grpc_request() -> sales_pb2.MoveDealRequest:
        deal_id, stage = grpc_moves.take()
        return sales_pb2.MoveDealRequest(id=deal_id, stage=stage)

    def in_process(uow: UnitOfWork) -> object:
        deal_id, stage = local_moves.take()
        return move_deal(uow, deal_id, stage)

    return Scenario(
        "move deal",
        RestRequest(
            "POST",
            "/api/v1/deals/{id}:move",
            {"stage": MOVE_STAGES[1]},
            ids_file=write_ids(w.var_dir / "bench-move-ids.txt", pools[0][:-SOLO_MOVES]),
            alternate_body={"stage": MOVE_STAGES[0]},
            solo_ids_file=write_ids(w.var_dir / "bench-move-solo.txt", pools[0][-SOLO_MOVES:]),
        ),
        w.grpc("MoveDeal", grpc_request),
        w.in_sales(in_process),
    )


def seed_deal(w: Wiring) -> str:
    """One customer with one deal to read, created over gRPC like any client would."""
    customer = w.sales.CreateCustomer(
        sales_pb2.CreateCustomerRequest(customer=sales_pb2.CustomerInput(name="Bench Trading Co.")),
        metadata=w.metadata,
        timeout=5,
    )
    deal = w.sales.CreateDeal(
        sales_pb2.CreateDealRequest(
            deal=sales_pb2.DealInput(
                name="Bench deal",
                customer_id=customer.id,
                amount=money_pb2.Money(amount="12500.00", currency="CNY"),
            )
        ),
        metadata=w.metadata,
        timeout=5,
    )
    return deal.id
