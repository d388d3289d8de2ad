"""The marketing gRPC API end to end: a real server on a real database."""

from __future__ import annotations

import grpc
import pytest
from openpyxl import load_workbook

from crm.marketing.v1 import marketing_pb2, marketing_pb2_grpc
from crm_platform.grpc_metadata import as_caller
from crm_platform.grpc_server.status_mapping import field_violations

CALLER = as_caller("u1", "marketing")


def test_create_then_get(stub: marketing_pb2_grpc.MarketingServiceStub) -> None:
    created = stub.CreateCampaign(
        marketing_pb2.CreateCampaignRequest(
            name="Spring expo",
            type="trade_show",
            start_date="2026-04-01",
            end_date="2026-04-03",
            budget="12500",
            currency="EUR",
            description="Hall 4",
        ),
        metadata=CALLER,
    )

    fetched = stub.GetCampaign(marketing_pb2.GetCampaignRequest(id=created.id), metadata=CALLER)

    assert fetched == created
    assert (fetched.owner_id, fetched.status) == ("u1", "planned")
    assert (fetched.start_date, fetched.end_date) == ("2026-04-01", "2026-04-03")
    assert (fetched.budget.amount, fetched.budget.currency) == ("12500.00", "EUR")
    assert not fetched.HasField("actual_cost")
    assert fetched.created_at.seconds > 0
    assert fetched.created_at == fetched.updated_at


def test_bad_input_is_invalid_argument_with_every_field(
    stub: marketing_pb2_grpc.MarketingServiceStub,
) -> None:
    request = marketing_pb2.CreateCampaignRequest(
        name="", type="billboard", start_date="2026-04-03", end_date="2026-04-01", budget="-5"
    )

    with pytest.raises(grpc.RpcError) as refused:
        stub.CreateCampaign(request, metadata=CALLER)

    assert refused.value.code() is grpc.StatusCode.INVALID_ARGUMENT
    assert {field for field, _ in field_violations(refused.value)} == {
        "name",
        "type",
        "end_date",
        "budget",
        "currency",
    }


def test_an_unknown_id_is_not_found(stub: marketing_pb2_grpc.MarketingServiceStub) -> None:
    with pytest.raises(grpc.RpcError) as missing:
        stub.GetCampaign(marketing_pb2.GetCampaignRequest(id="nope"), metadata=CALLER)

    assert missing.value.code() is grpc.StatusCode.NOT_FOUND


def create(stub, name: str, **fields) -> marketing_pb2.Campaign:
    request = marketing_pb2.CreateCampaignRequest(name=name, type="email", **fields)
    return stub.CreateCampaign(request, metadata=CALLER)


def test_update_list_and_delete(stub: marketing_pb2_grpc.MarketingServiceStub) -> None:
    expo = create(stub, "Expo", budget="10", currency="EUR")
    create(stub, "Mailing")

    updated = stub.UpdateCampaign(
        marketing_pb2.UpdateCampaignRequest(
            id=expo.id, update_mask=["status", "budget"], status="active", name="ignored"
        ),
        metadata=CALLER,
    )
    listed = stub.ListCampaigns(
        marketing_pb2.ListCampaignsRequest(
            filter=marketing_pb2.CampaignFilter(q="EXP", status="active"), page_size=10
        ),
        metadata=CALLER,
    )
    deleted = stub.DeleteCampaigns(
        marketing_pb2.DeleteCampaignsRequest(ids=[expo.id, "nope"]), metadata=CALLER
    )

    assert (updated.name, updated.status, updated.currency) == ("Expo", "active", "EUR")
    assert not updated.HasField("budget")  # named in the mask and sent empty: cleared
    assert ([c.id for c in listed.items], listed.total, listed.next_page_token) == (
        [expo.id],
        1,
        "",
    )
    assert deleted.deleted == 1
    with pytest.raises(grpc.RpcError) as gone:
        stub.DeleteCampaign(marketing_pb2.DeleteCampaignRequest(id=expo.id), metadata=CALLER)
    assert gone.value.code() is grpc.StatusCode.NOT_FOUND


def test_notes(stub: marketing_pb2_grpc.MarketingServiceStub) -> None:
    expo = create(stub, "Expo")
    note = stub.AddCampaignNote(
        marketing_pb2.AddCampaignNoteRequest(campaign_id=expo.id, body="Booth 12"), metadata=CALLER
    )
    edited = stub.UpdateCampaignNote(
        marketing_pb2.UpdateCampaignNoteRequest(campaign_id=expo.id, note_id=note.id, body="14"),
        metadata=CALLER,
    )
    listed = stub.ListCampaignNotes(
        marketing_pb2.ListCampaignNotesRequest(campaign_id=expo.id), metadata=CALLER
    )

    assert (note.author_id, note.edited, edited.edited, edited.body) == ("u1", False, True, "14")
    assert list(listed.items) == [edited] and listed.total == 1
    stub.DeleteCampaignNote(
        marketing_pb2.DeleteCampaignNoteRequest(campaign_id=expo.id, note_id=note.id),
        metadata=CALLER,
    )


def test_import_then_export_in_chunks(
    stub: marketing_pb2_grpc.MarketingServiceStub, tmp_path
) -> None:
    csv = (
        b"name,type,budget,currency\n"
        + b"".join(f"Row {i},email,{i},EUR\n".encode() for i in range(3000))
        + b",email,,\n"
    )  # row 3002: no name
    chunks = [csv[i : i + 10_000] for i in range(0, len(csv), 10_000)]
    requests = [marketing_pb2.ImportCampaignsChunk(filename="c.csv", data=chunks[0])] + [
        marketing_pb2.ImportCampaignsChunk(data=chunk) for chunk in chunks[1:]
    ]

    report = stub.ImportCampaigns(iter(requests), metadata=CALLER)
    exported = b"".join(
        chunk.data
        for chunk in stub.ExportCampaigns(
            marketing_pb2.ExportCampaignsRequest(filter=marketing_pb2.CampaignFilter(q="row 29")),
            metadata=CALLER,
        )
    )

    assert (report.created, report.rejected_count) == (3000, 1)
    assert report.rejected[0].row == 3002
    assert [(e.field, e.message) for e in report.rejected[0].errors] == [("name", "is required")]
    (tmp_path / "out.xlsx").write_bytes(exported)
    workbook = load_workbook(tmp_path / "out.xlsx", read_only=True)
    names = {row[1] for row in workbook.active.iter_rows(min_row=2, values_only=True)}
    workbook.close()
    assert names == {f"Row {i}" for i in range(3000) if str(i).startswith("29")}


def test_a_bad_export_filter_is_invalid_argument(
    stub: marketing_pb2_grpc.MarketingServiceStub,
) -> None:
    request = marketing_pb2.ExportCampaignsRequest(
        filter=marketing_pb2.CampaignFilter(status="paused")
    )
    with pytest.raises(grpc.RpcError) as refused:
        list(stub.ExportCampaigns(request, metadata=CALLER))
    assert refused.value.code() is grpc.StatusCode.INVALID_ARGUMENT
    assert [f for f, _ in field_violations(refused.value)] == ["status"]


def test_who_may_see_a_campaign(stub: marketing_pb2_grpc.MarketingServiceStub) -> None:
    expo = create(stub, "Expo")
    get = marketing_pb2.GetCampaignRequest(id=expo.id)

    as_sales = as_caller("s1", "sales")
    assert stub.GetCampaign(get, metadata=as_sales).id == expo.id
    for metadata, code in [
        (as_caller("d1", "service"), grpc.StatusCode.NOT_FOUND),
        ((), grpc.StatusCode.UNAUTHENTICATED),
    ]:
        with pytest.raises(grpc.RpcError) as refused:
            stub.GetCampaign(get, metadata=metadata)
        assert refused.value.code() is code
    with pytest.raises(grpc.RpcError) as refused:
        stub.UpdateCampaign(
            marketing_pb2.UpdateCampaignRequest(id=expo.id, update_mask=["name"], name="x"),
            metadata=as_sales,
        )
    assert refused.value.code() is grpc.StatusCode.PERMISSION_DENIED
