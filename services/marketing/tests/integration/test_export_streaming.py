"""Hardening #8: an export streams its workbook as it is written, in flat memory, stops when
its caller goes away, and a synchronous export is capped with a refusal naming the filters."""

from __future__ import annotations

import logging
import time
import tracemalloc
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import grpc
import pytest
from openpyxl import load_workbook

from crm.marketing.v1 import marketing_pb2, marketing_pb2_grpc
from crm_platform.errors import InvalidArgument
from crm_platform.grpc_metadata import as_caller
from crm_platform.grpc_server.status_mapping import field_violations
from crm_platform.request_context import Identity, bound
from crm_platform.unit_of_work import UnitOfWork
from marketing.adapters.campaign_repository import CampaignRepository
from marketing.domain.campaign import plan_campaign
from marketing.domain.commands import CampaignFilter, CreateCampaign
from marketing.service import exports

MARKETER = Identity("u1", frozenset({"marketing"}))
CALLER = as_caller("u1", "marketing")


def seed(new_uow: Callable[[], UnitOfWork], count: int, name: str = "Campaign") -> None:
    """`count` campaigns written straight to the table: an import's path, minus the file."""
    now = datetime.now(UTC)
    with new_uow() as uow:
        for start in range(0, count, 1000):
            commands = (
                CreateCampaign(f"{name} {n}", "email", owner_id="u1", description="text " * 30)
                for n in range(start, min(count, start + 1000))
            )
            CampaignRepository(uow.session).add_many([plan_campaign(c, now=now) for c in commands])
        uow.commit()


def export_peak(new_uow, path: Path, given: CampaignFilter) -> tuple[int, list[int]]:
    """Peak memory growth while the export is written to `path`, and its chunks' sizes."""
    sizes = []
    with bound(MARKETER, ""), path.open("wb") as workbook:
        tracemalloc.start()
        try:
            for chunk in exports.export_campaigns(new_uow, given=given):
                sizes.append(len(chunk))
                workbook.write(chunk)
            _current, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    return peak, sizes


def test_the_largest_export_allowed_is_written_in_flat_memory(new_uow, tmp_path: Path) -> None:
    seed(new_uow, exports.MAX_EXPORT_ROWS)
    # "Campaign 1" and "Campaign 1xxxx" match: 11,112 rows, a little more than half.
    half_peak, _ = export_peak(new_uow, tmp_path / "half.xlsx", CampaignFilter(q="Campaign 1"))
    peak, sizes = export_peak(new_uow, tmp_path / "out.xlsx", CampaignFilter())

    # Memory holds a chunk and a batch of rows, never the workbook (nor its sheet, unzipped):
    # twice the rows, the same peak.
    size = sum(sizes)
    assert size > 1024 * 1024 and len(sizes) > 10
    assert peak < half_peak + 256 * 1024, f"{peak / 1e6:.2f} MB, half {half_peak / 1e6:.2f} MB"
    assert peak < 3 * 1024 * 1024
    sheet = load_workbook(tmp_path / "out.xlsx", read_only=True)["campaigns"]
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == exports.MAX_EXPORT_ROWS + 1 and rows[1][1].startswith("Campaign ")


def test_an_export_over_the_cap_is_refused_before_any_byte_naming_the_filters(new_uow) -> None:
    seed(new_uow, exports.MAX_EXPORT_ROWS + 1)
    with bound(MARKETER, ""), pytest.raises(InvalidArgument) as refused:
        exports.export_campaigns(new_uow, given=CampaignFilter())

    [violation] = refused.value.violations
    assert violation.field == "filter"
    assert "matches 20,001 campaigns; an export takes at most 20,000" in violation.message
    with bound(MARKETER, ""):  # narrowed, the same export goes
        narrowed = exports.export_campaigns(new_uow, given=CampaignFilter(q="Campaign 1999"))
        assert next(narrowed).startswith(b"PK")
        narrowed.close()


def test_an_export_stops_when_its_caller_cancels(
    new_uow, stub: marketing_pb2_grpc.MarketingServiceStub, caplog: pytest.LogCaptureFixture
) -> None:
    seed(new_uow, exports.MAX_EXPORT_ROWS)
    caplog.set_level(logging.INFO, logger="marketing.entrypoints.file_transfer")
    call = stub.ExportCampaigns(marketing_pb2.ExportCampaignsRequest(), metadata=CALLER)

    first = next(call)
    call.cancel()

    assert first.data.startswith(b"PK")
    with pytest.raises(grpc.RpcError) as ended:
        list(call)
    assert ended.value.code() is grpc.StatusCode.CANCELLED
    stopped = _wait_for(caplog, "file stream stopped after")
    sent = int(stopped.split("after ")[1].split(" bytes")[0])
    assert sent < 512 * 1024  # of a workbook of over 1 MB


def _wait_for(caplog: pytest.LogCaptureFixture, text: str) -> str:
    for _ in range(100):
        found = [r.getMessage() for r in caplog.records if text in r.getMessage()]
        if found:
            return found[0]
        time.sleep(0.05)
    raise AssertionError(f"no log says {text!r}")


def test_the_cap_over_grpc_is_invalid_argument_on_filter(new_uow, stub) -> None:
    seed(new_uow, exports.MAX_EXPORT_ROWS + 1)
    with pytest.raises(grpc.RpcError) as refused:
        list(stub.ExportCampaigns(marketing_pb2.ExportCampaignsRequest(), metadata=CALLER))
    assert refused.value.code() is grpc.StatusCode.INVALID_ARGUMENT
    assert [f for f, _ in field_violations(refused.value)] == ["filter"]
