"""Importing a large campaign file through the gateway: seconds, and the peak memory of the
marketing server (VmHWM, its resident high-water mark, before and after) and of the gateway
workers, which hold the upload.

The file is written with openpyxl's write-only workbook (rows streamed to disk, as an export
from another system would be). Imported last: its 100,000 events keep the consumers busy."""

from __future__ import annotations

import csv
import random
import time
from datetime import date, timedelta
from pathlib import Path

import requests
from openpyxl import Workbook

from marketing.domain.campaign import TYPES

HEADER = ("name", "type", "status", "start_date", "end_date", "budget", "currency", "description")


def _rows(count: int, seed: int = 6):
    rng, today = random.Random(seed), date.today()
    for n in range(count):
        start = today + timedelta(days=rng.randint(-300, 300))
        yield (
            f"导入活动 Imported campaign {n + 1}",
            rng.choice(TYPES),
            "planned",
            start.isoformat(),
            (start + timedelta(days=rng.randint(1, 60))).isoformat(),
            f"{rng.randint(1, 900) * 100}.00",
            "CNY",
            "来自年度市场计划 / from the yearly marketing plan",
        )


def write_campaign_file(path: Path, rows: int) -> Path:
    if path.suffix == ".csv":
        with path.open("w", newline="", encoding="utf-8") as out:
            writer = csv.writer(out)
            writer.writerow(HEADER)
            writer.writerows(_rows(rows))
        return path
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("campaigns")
    sheet.append(HEADER)
    for row in _rows(rows):
        sheet.append(row)
    workbook.save(path)
    return path


def high_water_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def time_import(stack, token: str, path: Path, *, timeout: float) -> dict:
    marketing = stack.pid_of("crm-marketing", "serve")
    before = high_water_kib(marketing)
    started = time.perf_counter()
    with path.open("rb") as upload:
        answer = requests.post(
            f"{stack.base_url}/api/v1/campaigns:import",
            headers={"Authorization": f"Bearer {token}"},
            files={"file": (path.name, upload)},
            timeout=timeout,
        )
    seconds = time.perf_counter() - started
    after = high_water_kib(marketing)
    body = answer.json() if answer.headers.get("content-type", "").endswith("json") else {}
    return {
        "file": path.name,
        "file_mib": round(path.stat().st_size / 2**20, 1),
        "status": answer.status_code,
        "created": body.get("created"),
        "rejected": len(body.get("rejected") or ()),
        "seconds": round(seconds, 1),
        "marketing_vmhwm_before_mib": round(before / 1024, 1),
        "marketing_vmhwm_after_mib": round(after / 1024, 1),
        "marketing_vmhwm_growth_mib": round((after - before) / 1024, 1),
    }
