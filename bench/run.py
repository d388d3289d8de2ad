"""`make bench`: seed realistic data, start the stack on it, then measure every hot path of
issue 10 and print one table with the issue's targets beside the figures.

Phases, in order (each bounded in requests and time; everything on 127.0.0.1):
  1. seed: issue 10's sizes (or --scale) into freshly migrated databases, events in the outboxes;
  2. start the stack (reporting's consumer held) and wait for the relays and consumers;
  3. `crm-reporting rebuild` from the topics (events/s), then start reporting's consumer;
  4. each scenario through the gateway (wrk), over gRPC and in-process, with the ratios;
  5. read one deal at a fixed rate (open loop), p99 at that rate;
  6. event to report: deal moves acknowledged -> the funnel showing them;
  7. import a large campaign file: seconds and peak memory.
Prints the tables and writes bench/results/<timestamp>.json. Figures are reported, never
asserted. `--quick` for a short run while developing; `--no-seed` for the first version's
three scenarios on an empty stack.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import tempfile
import time
import traceback
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))  # the stack launcher the e2e tests use

from bench_stack import start_bench_stack  # noqa: E402
from campaign_import import time_import, write_campaign_file  # noqa: E402
from catch_up import wait_caught_up  # noqa: E402
from closed_loop import run_closed_loop  # noqa: E402
from e2e.api_client import ApiClient  # noqa: E402
from event_to_report import measure_event_to_report  # noqa: E402
from measurement import Measurement  # noqa: E402
from open_loop import run_open_loop  # noqa: E402
from rebuild_timing import time_rebuild  # noqa: E402
from scenarios import Wiring, all_scenarios  # noqa: E402
from seed.sizes import Sizes  # noqa: E402
from seed.world import seed_world  # noqa: E402
from targets import (  # noqa: E402
    GRPC,
    GRPC_SOLO,
    LOCAL,
    REST,
    REST_SOLO,
    as_dicts,
    overheads,
    print_targets,
    target_rows,
)
from wrk_runner import POOLED_SCRIPT, run_wrk, wrk_available  # noqa: E402

QUICK = {
    "scale": 0.05,
    "seconds": 3,
    "rate_seconds": 5,
    "probe_moves": 30,
    "import_rows": 5_000,
    "pool": 600,
    "solo_seconds": 2,
}


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--seconds", type=float, default=10, help="per scenario and path")
    parser.add_argument("--connections", type=int, default=8, help="wrk connections, gRPC threads")
    parser.add_argument(
        "--solo-seconds", type=float, default=3, help="one-caller REST and gRPC pass (0: none)"
    )
    parser.add_argument("--quick", action="store_true", help="small data, short phases")
    parser.add_argument("--no-seed", action="store_true", help="the first version's run")
    parser.add_argument("--scale", type=float, default=1.0, help="share of issue 10's sizes")
    parser.add_argument("--pool", type=int, default=3000, help="leads to convert, per path")
    parser.add_argument("--rate", type=float, default=200, help="open-loop reads per second")
    parser.add_argument("--rate-seconds", type=float, default=20)
    parser.add_argument("--probe-moves", type=int, default=200, help="event-to-report moves")
    parser.add_argument("--import-rows", type=int, default=100_000)
    parser.add_argument("--import-format", choices=("xlsx", "csv"), default="xlsx")
    parser.add_argument("--catch-up-timeout", type=float, default=240)
    parser.add_argument("--rebuild-timeout", type=float, default=240)
    args = parser.parse_args()
    if args.quick:
        for name, value in QUICK.items():
            if parser.get_default(name) == getattr(args, name):
                setattr(args, name, value)
    return args


def main() -> None:
    args = parse_args()
    logging.basicConfig(level=logging.WARNING)
    if not wrk_available():
        raise SystemExit("wrk is not installed (make bench installs it: apt-get install wrk)")
    started = time.perf_counter()
    report: dict = {"args": vars(args)}
    with tempfile.TemporaryDirectory(prefix="crm-bench-") as tmp:
        var_dir = Path(tmp)
        world = None
        if not args.no_seed:
            step("seeding")
            sizes = Sizes(convert_pool=args.pool).scaled(args.scale)
            world = seed_world(var_dir, sizes)
            report["seed"] = world.as_dict()
            step(f"seeded in {world.seconds:.0f} s; starting the stack")
        stack = start_bench_stack(var_dir)
        try:
            report["stack_start_seconds"] = round(stack.started_in, 1)
            measure(stack, var_dir, world, args, report)
        except Exception as exc:  # what was measured before is still printed and saved
            traceback.print_exc()
            report["error"] = repr(exc)
        finally:
            stack.stop()
    report["wall_seconds"] = round(time.perf_counter() - started, 1)
    print_results(report)
    save(report)
    if "error" in report:
        raise SystemExit(f"the run stopped early: {report['error']}")


def measure(stack, var_dir: Path, world, args, report: dict) -> None:
    bootstrap = f"127.0.0.1:{stack.ports['kafka']}"
    if world is not None:
        step("waiting for the relays and the marketing and service-desk consumers")
        report["catch_up"] = wait_caught_up(
            var_dir, bootstrap, ("marketing", "service-desk"), timeout=args.catch_up_timeout
        )
        step(f"caught up: {report['catch_up']}; rebuilding reporting")
        report["rebuild"] = time_rebuild(stack, bootstrap, timeout=args.rebuild_timeout)
        shown = {k: v for k, v in report["rebuild"].items() if k != "output_tail"}
        step(f"rebuild: {shown}")
    stack.start_reporting_consumer()
    token = ApiClient(stack.base_url).login("admin", stack.admin_password).json()["access_token"]
    wiring = Wiring(stack, var_dir)
    try:
        measurements = report["measurements"] = []
        for scenario in all_scenarios(wiring, world):
            step(f"scenario: {scenario.name}")
            measurements += measure_scenario(stack, scenario, token, args)
        if world is None:
            return
        step(f"read deal at {args.rate:g}/s, open loop")
        report["open_loop"] = run_open_loop(
            "read deal",
            f"{stack.base_url}/api/v1/deals/{world.read_deal_id}",
            token=token,
            rate=args.rate,
            seconds=args.rate_seconds,
        )
        # Only reporting's lag would land in the probe's delays; the other consumers' backlog
        # (if any is left) is load beside it, and the table shows how much.
        step("waiting for the reporting consumer before event to report")
        report["catch_up_before_probe"] = wait_caught_up(
            var_dir, bootstrap, ("reporting",), timeout=120, also_show=("marketing", "service-desk")
        )
        step("event to report")
        report["event_to_report"] = measure_event_to_report(
            stack, wiring, token, world.move_pools[-1],
            moves=args.probe_moves, seconds=max(60.0, args.probe_moves * 0.5), wait=10.0,
        )  # fmt: skip
        step(f"importing {args.import_rows} campaigns")
        path = write_campaign_file(var_dir / f"campaigns.{args.import_format}", args.import_rows)
        report["campaign_import"] = {
            "rows": args.import_rows,
            **time_import(stack, token, path, timeout=600),
        }
    finally:
        wiring.close()


def measure_scenario(stack, scenario, token: str, args) -> list[Measurement]:
    """The loaded pass (`--connections` callers on REST and gRPC, one in-process), then, with
    `--solo-seconds`, REST and gRPC with one caller each: the same concurrency as the
    in-process path, so that their ratio compares costs rather than queueing."""
    seconds = max(1, round(args.seconds))
    measured = [
        rest_pass(stack, scenario.rest, scenario.name, token, seconds, args.connections),
        run_closed_loop(
            scenario.name, GRPC, scenario.grpc_call, threads=args.connections, seconds=seconds
        ),
        run_closed_loop(scenario.name, LOCAL, scenario.in_process_call, threads=1, seconds=seconds),
    ]
    solo = round(args.solo_seconds)
    if solo > 0:
        measured += [
            rest_pass(stack, scenario.rest, scenario.name, token, solo, 1, path=REST_SOLO),
            run_closed_loop(scenario.name, GRPC_SOLO, scenario.grpc_call, threads=1, seconds=solo),
        ]
    return measured


def rest_pass(
    stack, rest, scenario: str, token: str, seconds: int, connections: int, path: str = REST
) -> Measurement:
    ids_file = rest.solo_ids_file if connections == 1 and rest.solo_ids_file else rest.ids_file
    pooled = {}
    if ids_file is not None:
        pooled = {
            "script": POOLED_SCRIPT,
            "extra_env": {
                "BENCH_IDS_FILE": str(ids_file),
                "BENCH_PATH": rest.path,
                "BENCH_BODY": rest.body_text or "",
                "BENCH_ONCE": "1" if rest.once else "0",
                **(
                    {"BENCH_BODY_ALT": json.dumps(rest.alternate_body)}
                    if rest.alternate_body
                    else {}
                ),
            },
        }
    measured = run_wrk(
        scenario,
        stack.base_url + (rest.path if ids_file is None else "/"),
        token=token,
        method=rest.method,
        body=rest.body_text,
        seconds=seconds,
        connections=connections,
        **pooled,
    )
    return replace(measured, path=path)


def step(text: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {text}", flush=True)


def print_results(report: dict) -> None:
    results: list[Measurement] = report.get("measurements", [])
    print()
    header = f"{'scenario':<26} {'path':<20} {'req/s':>9} {'p50 ms':>9} {'p99 ms':>9} {'errors':>7}"
    print(header)
    print("-" * len(header))
    extra = [report["open_loop"]] if "open_loop" in report else []
    for m in [*results, *extra]:
        print(
            f"{m.scenario:<26} {m.path:<20} {m.throughput:>9.1f} {m.p50_ms:>9.2f} "
            f"{m.p99_ms:>9.2f} {m.errors:>7}"
        )
    for m in results:
        if m.error_kinds:
            print(f"  errors of {m.scenario} / {m.path}: {m.error_kinds}")
    print()
    by_scenario: dict[str, dict[str, Measurement]] = {}
    for m in results:
        by_scenario.setdefault(m.scenario, {})[m.path] = m
    print("p50 ratios, full path : gRPC : in-process (same run)")
    for name, paths in by_scenario.items():
        if LOCAL not in paths:
            continue  # the run stopped inside this scenario
        base = paths[LOCAL].p50_ms or float("nan")
        for label, rest, grpc in (
            (f"{args_connections(report)} callers", REST, GRPC),
            ("1 caller", REST_SOLO, GRPC_SOLO),
        ):
            if rest in paths and grpc in paths:
                print(
                    f"  {name:<26} {label:<10} {paths[rest].p50_ms / base:6.1f} : "
                    f"{paths[grpc].p50_ms / base:6.1f} : 1"
                )
    print_overheads(results, report)
    print()
    rows = target_rows(
        results,
        open_loop=report.get("open_loop"),
        event_to_report=report.get("event_to_report"),
        rebuild=report.get("rebuild"),
        campaign_import=report.get("campaign_import"),
    )
    report["targets"] = as_dicts(rows)
    print_targets(rows)
    for name in ("seed", "stack_start_seconds", "catch_up", "catch_up_before_probe", "error"):
        if name in report:
            print(f"{name}: {report[name]}")
    print(f"wall time: {report['wall_seconds']:.0f} s")


def print_overheads(results: list[Measurement], report: dict) -> None:
    """What each layer adds to every scenario (issue 15 budgets read deal's; the others are
    tracked so that a cut in a shared layer shows everywhere). Saved in the JSON too."""
    by = {(m.scenario, m.path): m for m in results}
    found = {s: overheads(by, s) for s in dict.fromkeys(m.scenario for m in results)}
    report["overheads_ms"] = found = {s: o for s, o in found.items() if o}
    if not found:
        return
    print("\np50 overheads, 1 caller: gateway = REST - gRPC, service = gRPC - in-process (ms)")
    for name, o in found.items():
        gateway, service = o.get("gateway", float("nan")), o.get("service", float("nan"))
        print(f"  {name:<26} gateway {gateway:6.2f}   service {service:6.2f}")


def args_connections(report: dict) -> int:
    return report["args"]["connections"]


def save(report: dict) -> None:
    out = ROOT / "bench" / "results" / f"{time.strftime('%Y%m%d-%H%M%S')}.json"
    payload = dict(report)
    payload["measurements"] = [m.as_dict() for m in report.get("measurements", [])]
    if "open_loop" in payload:
        payload["open_loop"] = payload["open_loop"].as_dict()
    # The first version's keys, for whoever reads its files.
    payload["seconds"], payload["connections"] = (
        report["args"]["seconds"],
        report["args"]["connections"],
    )
    payload["results"] = payload["measurements"]
    out.write_text(json.dumps(payload, indent=2, ensure_ascii=False))
    print(f"\nsaved {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
