"""Hardening #8: a download abandoned by its client ends the export in the service. The
gateway's response is closed (the WSGI server does so when its client goes away), which
cancels the gRPC call, and marketing's stream stops writing the workbook."""

from __future__ import annotations

import io
import logging
import time
import uuid

import grpc
import pytest
from flask import Response

from gateway.models.campaigns import CampaignFilters

pytestmark = pytest.mark.usefixtures("admin")


def test_closing_the_response_cancels_the_export(clients, caplog: pytest.LogCaptureFixture):
    tag = uuid.uuid4().hex[:8]
    # Hex text hardly compresses: a workbook of a few MB, far more than one 64 KiB chunk.
    rows = "".join(f"{tag} {n},email,{uuid.uuid4().hex * 8}\n" for n in range(4000))
    created = clients.marketing.import_campaigns(
        "c.csv", io.BytesIO(f"name,type,description\n{rows}".encode())
    )
    assert created.created == 4000
    caplog.set_level(logging.INFO, logger="marketing.entrypoints.file_transfer")

    download = clients.marketing.export_campaigns([], CampaignFilters(q=tag))
    response = Response(download)
    first = next(iter(response.response))
    response.close()

    assert first.startswith(b"PK")
    assert download._call.code() is grpc.StatusCode.CANCELLED
    assert _sent_before_stopping(caplog) < 1024 * 1024


def _sent_before_stopping(caplog: pytest.LogCaptureFixture) -> int:
    """The bytes marketing says it sent before it stopped (it logs so once the call ends)."""
    deadline = time.monotonic() + 5
    while not (said := [r.getMessage() for r in caplog.records if "stopped after" in r.msg]):
        assert time.monotonic() < deadline, "marketing did not say it stopped the export"
        time.sleep(0.05)
    return int(said[0].split("after ")[1].split(" bytes")[0])
