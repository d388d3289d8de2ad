"""`make bench`: start the stack, then measure each scenario three ways in one run.

Prints a table and writes bench/results/<timestamp>.json. Every load is bounded in time and
runs on 127.0.0.1 only. Figures are reported, never asserted.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))  # the stack launcher the e2e tests use

from closed_loop import run_closed_loop  # noqa: E402
from e2e.api_client import ApiClient  # noqa: E402
from e2e.stack import start_stack, stop_stack  # noqa: E402
from measurement import Measurement  # noqa: E402
from scenarios import Wiring, all_scenarios  # noqa: E402
from wrk_runner import run_wrk, wrk_available  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=int, default=10, help="per scenario and path")
    parser.add_argument("--connections", type=int, default=8)
    args = parser.parse_args()
    if not wrk_available():
        raise SystemExit("wrk is not installed (make bench installs it: apt-get install wrk)")

    with tempfile.TemporaryDirectory(prefix="crm-bench-") as tmp:
        var_dir = Path(tmp)
        stack = start_stack(var_dir, {"LOG_LEVEL": "WARNING"})
        try:
            results = measure(stack, var_dir, args.seconds, args.connections)
        finally:
            stop_stack(stack)
    print_table(results)
    save(results, args)


def measure(stack, var_dir: Path, seconds: int, connections: int) -> list[Measurement]:
    token = ApiClient(stack.base_url).login("admin", stack.admin_password).json()["access_token"]
    wiring = Wiring(stack, var_dir)
    results = []
    try:
        for scenario in all_scenarios(wiring):
            results.append(
                run_wrk(
                    scenario.name,
                    stack.base_url + scenario.path,
                    token=token,
                    method=scenario.method,
                    body=scenario.body_text,
                    seconds=seconds,
                    connections=connections,
                )
            )
            results.append(
                run_closed_loop(
                    scenario.name, "grpc", scenario.grpc_call, threads=connections, seconds=seconds
                )
            )
            results.append(
                run_closed_loop(
                    scenario.name,
                    "in-process",
                    scenario.in_process_call,
                    threads=1,
                    seconds=seconds,
                )
            )
    finally:
        wiring.close()
    return results


def print_table(results: list[Measurement]) -> None:
    header = f"{'scenario':<22} {'path':<16} {'req/s':>9} {'p50 ms':>9} {'p99 ms':>9} {'errors':>7}"
    print(header)
    print("-" * len(header))
    for m in results:
        print(
            f"{m.scenario:<22} {m.path:<16} {m.throughput:>9.1f} {m.p50_ms:>9.2f} "
            f"{m.p99_ms:>9.2f} {m.errors:>7}"
        )
    print()
    by_scenario: dict[str, dict[str, Measurement]] = {}
    for m in results:
        by_scenario.setdefault(m.scenario, {})[m.path] = m
    print("p50 ratios, full path : gRPC : in-process (same run)")
    for name, paths in by_scenario.items():
        base = paths["in-process"].p50_ms or float("nan")
        print(
            f"  {name:<22} {paths['rest (gateway)'].p50_ms / base:6.1f} : "
            f"{paths['grpc'].p50_ms / base:6.1f} : 1"
        )


def save(results: list[Measurement], args: argparse.Namespace) -> None:
    out = ROOT / "bench" / "results" / f"{time.strftime('%Y%m%d-%H%M%S')}.json"
    out.write_text(
        json.dumps(
            {
                "seconds": args.seconds,
                "connections": args.connections,
                "results": [m.as_dict() for m in results],
            },
            indent=2,
        )
    )
    print(f"\nsaved {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
