"""Issue 16 on the sales gRPC API (real PostgreSQL): lists sorted by the column asked for,
both ways, stable across page boundaries; their filters; and a stale update refused."""

from __future__ import annotations

import grpc
import pytest

from crm.common.v1 import money_pb2
from crm.sales.v1 import sales_pb2 as pb
from crm_platform.grpc_metadata import as_caller
from crm_platform.grpc_server.status_mapping import field_violations

REP = as_caller("rep-1", "sales")
MANAGER = as_caller("boss", "manager")


def every_page(call, request_type, **fields) -> tuple[list, int]:
    """All items of a list, page by page (3 a page), and the total each page said."""
    items, token, totals = [], "", set()
    while True:
        page = call(request_type(page_size=3, page_token=token, **fields), metadata=MANAGER)
        items += list(page.items)
        totals.add(page.total)
        token = page.next_page_token
        if not token:
            break
    [total] = totals
    return items, total


def new_deal(stub, customer_id: str, name: str, amount: str, close: str = "", **fields) -> pb.Deal:
    deal = pb.DealInput(
        name=name,
        customer_id=customer_id,
        amount=money_pb2.Money(amount=amount, currency="CNY"),
        expected_close_date=close,
        **fields,
    )
    return stub.CreateDeal(pb.CreateDealRequest(deal=deal), metadata=REP, timeout=10)


@pytest.fixture
def customer_id(stub) -> str:
    request = pb.CreateCustomerRequest(customer=pb.CustomerInput(name="Kilns Ltd"))
    return stub.CreateCustomer(request, metadata=REP, timeout=10).id


def test_leads_sorted_by_name_both_ways_across_pages_with_ties(stub):
    # Ties on the name: the id orders them, so no lead repeats or goes missing between pages.
    names = ["Wu", "An", "Li", "An", "Zhao", "Li", "Bo"]
    for name in names:
        stub.CreateLead(pb.CreateLeadRequest(lead=pb.LeadInput(full_name=name)), metadata=REP)
    up, total = every_page(stub.ListLeads, pb.ListLeadsRequest, sort="full_name")
    down, _ = every_page(stub.ListLeads, pb.ListLeadsRequest, sort="-full_name")
    assert total == len(names) == len(up) == len({lead.id for lead in up})
    assert [lead.full_name for lead in up] == sorted(names)
    assert [(lead.full_name, lead.id) for lead in down] == sorted(
        ((lead.full_name, lead.id) for lead in up), reverse=True
    )


def test_leads_newest_and_oldest_first(stub):
    ids = [
        stub.CreateLead(pb.CreateLeadRequest(lead=pb.LeadInput(full_name=f"L{i}")), metadata=REP).id
        for i in range(7)
    ]
    newest, _ = every_page(stub.ListLeads, pb.ListLeadsRequest)  # the default: -created_at
    oldest, _ = every_page(stub.ListLeads, pb.ListLeadsRequest, sort="created_at")
    assert [lead.id for lead in oldest] == ids
    assert [lead.id for lead in newest] == ids[::-1]


def test_deals_by_amount_and_expected_close_with_empty_dates_last(stub, customer_id):
    new_deal(stub, customer_id, "a", "300.00", "2027-03-01")
    new_deal(stub, customer_id, "b", "100.00")
    new_deal(stub, customer_id, "c", "200.00", "2027-01-15")
    new_deal(stub, customer_id, "d", "100.00", "2027-02-01")
    by_amount, _ = every_page(stub.ListDeals, pb.ListDealsRequest, sort="-amount")
    by_close, _ = every_page(stub.ListDeals, pb.ListDealsRequest, sort="expected_close")
    by_close_down, _ = every_page(stub.ListDeals, pb.ListDealsRequest, sort="-expected_close")
    assert [d.amount.amount for d in by_amount] == ["300.00", "200.00", "100.00", "100.00"]
    assert [d.name for d in by_close] == ["c", "d", "a", "b"]
    assert [d.name for d in by_close_down] == ["b", "a", "d", "c"]


def test_deal_filters_amount_close_stage_owner_and_created_days(stub, customer_id):
    new_deal(stub, customer_id, "small", "50.00", "2027-01-10")
    new_deal(stub, customer_id, "mid", "500.00", "2027-02-10", source="trade_show")
    new_deal(stub, customer_id, "big", "5000.00", "2027-03-10")

    def names(**fields) -> list[str]:
        items, total = every_page(stub.ListDeals, pb.ListDealsRequest, sort="name", **fields)
        assert total == len(items)
        return [d.name for d in items]

    assert names(amount_min="50.00", amount_max="500.00") == ["mid", "small"]
    assert names(expected_close_from="2027-02-01", expected_close_to="2027-03-10") == [
        "big",
        "mid",
    ]
    assert names(source="trade_show") == ["mid"]
    assert names(owner_id="rep-1", stage="qualification") == ["big", "mid", "small"]
    assert names(owner_id="rep-2") == []
    assert names(created_from="2000-01-01", created_to="2999-12-31") == ["big", "mid", "small"]
    assert names(created_to="2000-01-01") == []


def test_bad_list_parameters_are_named(stub):
    with pytest.raises(grpc.RpcError) as refused:
        stub.ListDeals(
            pb.ListDealsRequest(
                sort="-probability", amount_min="ten", created_from="2027-02-30",
                expected_close_from="2027-03-01", expected_close_to="2027-02-01",
            ),
            metadata=MANAGER,
        )  # fmt: skip
    assert refused.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert {field for field, _ in field_violations(refused.value)} == {
        "sort", "amount_min", "created_from", "expected_close_to"}  # fmt: skip


def test_a_token_of_another_sort_is_refused(stub):
    for i in range(3):
        stub.CreateLead(pb.CreateLeadRequest(lead=pb.LeadInput(full_name=f"L{i}")), metadata=REP)
    page = stub.ListLeads(pb.ListLeadsRequest(page_size=1, sort="full_name"), metadata=REP)
    with pytest.raises(grpc.RpcError) as refused:
        stub.ListLeads(
            pb.ListLeadsRequest(page_size=1, sort="company", page_token=page.next_page_token),
            metadata=REP,
        )
    assert [field for field, _ in field_violations(refused.value)] == ["page_token"]


def test_versions_count_changes_and_a_stale_update_is_refused_unwritten(stub, customer_id):
    deal = new_deal(stub, customer_id, "Kiln order", "1000.00")
    assert deal.version == 1

    def update(name: str, expected: int) -> pb.Deal:
        request = pb.UpdateDealRequest(
            id=deal.id, deal=pb.DealInput(name=name), update_mask=["name"],
            expected_version=expected,
        )  # fmt: skip
        return stub.UpdateDeal(request, metadata=REP, timeout=10)

    first = update("First's name", 1)
    assert first.version == 2
    with pytest.raises(grpc.RpcError) as refused:
        update("Second's name", 1)  # read at 1, before the first save
    assert refused.value.code() == grpc.StatusCode.FAILED_PRECONDITION
    assert "version 2" in refused.value.details()
    now = stub.GetDeal(pb.GetRequest(id=deal.id), metadata=REP)
    assert (now.name, now.version) == ("First's name", 2)
    assert update("Unchecked", 0).version == 3  # no version sent: no check, as before
    moved = stub.MoveDeal(pb.MoveDealRequest(id=deal.id, stage="proposal"), metadata=REP)
    assert moved.version == 4  # a move is a change too


@pytest.mark.parametrize("kind", ["Lead", "Customer", "Contact"])
def test_every_record_kind_refuses_a_stale_update(stub, customer_id, kind):
    field, value = ("name", "Kilns") if kind == "Customer" else ("full_name", "Xu")
    extra = {"customer_id": customer_id} if kind == "Contact" else {}
    inputs = getattr(pb, f"{kind}Input")
    create = getattr(stub, f"Create{kind}")
    record = create(
        getattr(pb, f"Create{kind}Request")(**{kind.lower(): inputs(**{field: value}, **extra)}),
        metadata=REP,
    )
    request = getattr(pb, f"Update{kind}Request")(
        id=record.id,
        update_mask=[field],
        expected_version=record.version + 1,
        **{kind.lower(): inputs(**{field: "Changed"})},
    )
    with pytest.raises(grpc.RpcError) as refused:
        getattr(stub, f"Update{kind}")(request, metadata=REP)
    assert refused.value.code() == grpc.StatusCode.FAILED_PRECONDITION
