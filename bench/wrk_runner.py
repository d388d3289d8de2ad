"""Drives the gateway with wrk (a real HTTP load generator) and reads its latency summary."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

from measurement import Measurement

SCRIPT = Path(__file__).parent / "wrk" / "request.lua"
POOLED_SCRIPT = Path(__file__).parent / "wrk" / "pooled.lua"
_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def wrk_available() -> bool:
    return shutil.which("wrk") is not None


def run_wrk(
    scenario: str,
    url: str,
    *,
    token: str,
    method: str = "GET",
    body: str | None = None,
    seconds: int,
    connections: int,
    threads: int = 1,
    script: Path = SCRIPT,
    extra_env: dict[str, str] | None = None,
) -> Measurement:
    """`script` and `extra_env` choose another request shape (wrk/pooled.lua and its ids)."""
    env = {**os.environ, "BENCH_METHOD": method, "BENCH_TOKEN": token, **(extra_env or {})}
    if body is not None:
        env["BENCH_BODY"] = body
    # The run stops itself after `seconds`; --timeout bounds any single request.
    output = subprocess.run(
        [
            "wrk",
            f"-t{threads}",
            f"-c{connections}",
            f"-d{seconds}s",
            "--timeout",
            "5s",
            "--latency",
            "-s",
            str(script),
            url,
        ],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=seconds + 60,
    ).stdout
    return Measurement(
        scenario,
        "rest (gateway)",
        int(re.search(r"(\d+) requests in", output).group(1)),
        _duration_seconds(output),
        _percentile(output, "50%"),
        _percentile(output, "99%"),
        int(re.search(r"BENCH_ERRORS (\d+)", output).group(1)),
        ", ".join(f"{kind} x{n}" for kind, n in re.findall(r"BENCH_STATUS (\S+) (\d+)", output)),
    )


def _percentile(output: str, label: str) -> float:
    value, unit = re.search(rf"{re.escape(label)}\s+([\d.]+)(us|ms|s|m)\b", output).groups()
    return float(value) * _UNITS[unit]


def _duration_seconds(output: str) -> float:
    value, unit = re.search(r"requests in ([\d.]+)(us|ms|s|m)\b", output).groups()
    return float(value) * _UNITS[unit] / 1000
