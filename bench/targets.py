"""Issue 10's targets beside the figures of one run: met or missed, reported and never
asserted (the figures depend on the machine and on what else runs on it)."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from measurement import Measurement

REST, GRPC, LOCAL = "rest (gateway)", "grpc", "in-process"
# The same two paths with one caller, like the in-process path: the ratio of costs.
REST_SOLO, GRPC_SOLO = "rest, 1 caller", "grpc, 1 caller"
FULL_PATH_RATIO = 2.5
# Issue 15's per-layer budgets for reading one deal, from the one-caller p50s of the same run:
# what the gateway adds over gRPC, and what the sales gRPC server adds over the use case.
OVERHEAD_SCENARIO = "read deal"
GATEWAY_OVERHEAD_MS = 0.7
SERVICE_OVERHEAD_MS = 0.6
# "Flat memory" is the word; read here as the marketing server's peak resident memory
# growing by less than this over the whole import.
FLAT_MEMORY_MIB = 64


@dataclass(frozen=True)
class Row:
    figure: str
    value: str
    target: str
    verdict: str  # "met", "missed", or "" where the issue sets no target


def _verdict(ok: bool | None) -> str:
    return "" if ok is None else ("met" if ok else "missed")


def target_rows(
    measurements: list[Measurement],
    *,
    open_loop: Measurement | None,
    event_to_report: dict | None,
    rebuild: dict | None,
    campaign_import: dict | None,
) -> list[Row]:
    by = {(m.scenario, m.path): m for m in measurements}
    rows: list[Row] = []
    if open_loop is not None:
        rows.append(
            Row(
                f"read deal p99 at {open_loop.path.split()[-1]} (open loop)",
                f"{open_loop.p99_ms:.1f} ms ({open_loop.errors} errors)",
                "< 15 ms at 200/s",
                _verdict(open_loop.p99_ms < 15 and not open_loop.errors),
            )
        )
    if read := by.get(("read deal", REST)):
        rows.append(
            Row(
                "reads/s over the gateway",
                f"{read.throughput:.0f}/s",
                ">= 1,500/s",
                _verdict(read.throughput >= 1500),
            )
        )
    if create := by.get(("create lead", REST)):
        rows.append(
            Row(
                "create lead over the gateway",
                f"{create.throughput:.0f}/s",
                ">= 400/s",
                _verdict(create.throughput >= 400),
            )
        )
    rows += overhead_rows(by)
    for scenario in dict.fromkeys(m.scenario for m in measurements):
        # With a one-caller pass, the ratio is of latencies at the same concurrency; without
        # one (--solo-seconds 0), of the loaded pass, where the full path's p50 is queueing too.
        rest = by.get((scenario, REST_SOLO)) or by.get((scenario, REST))
        local = by.get((scenario, LOCAL))
        if rest and local and local.p50_ms:
            ratio = rest.p50_ms / local.p50_ms
            callers = "1 caller" if rest.path == REST_SOLO else "loaded"
            rows.append(
                Row(
                    f"{scenario}: full path / in-process (p50, {callers})",
                    f"{ratio:.1f} x",
                    f"<= {FULL_PATH_RATIO} x",
                    _verdict(ratio <= FULL_PATH_RATIO),
                )
            )
    if event_to_report and event_to_report.get("p99_ms") is not None:
        e = event_to_report
        rows.append(
            Row(
                "event to report p99 (deal move -> funnel)",
                f"{e['p99_ms']:.0f} ms (p50 {e['p50_ms']:.0f}, {e['moves']} moves, "
                f"{e['missed']} missed)",
                "< 500 ms",
                _verdict(e["p99_ms"] < 500 and not e["missed"]),
            )
        )
    if rebuild:
        rows.append(
            Row(
                "rebuild reporting from the topics",
                f"{rebuild['events_per_second']:.0f} events/s ({rebuild['events']} of "
                f"{rebuild['events_on_topics']} in {rebuild['seconds']:.0f} s"
                + (")" if rebuild["exit_code"] == 0 else f", exit {rebuild['exit_code']})"),
                ">= 20,000 events/s",
                _verdict(rebuild["exit_code"] == 0 and rebuild["events_per_second"] >= 20_000),
            )
        )
    if campaign_import:
        c = campaign_import
        rows.append(
            Row(
                f"import {c['rows']:,} campaigns ({c['file']})",
                f"{c['seconds']:.0f} s, {c['created']} created",
                "< 60 s",
                _verdict(c["status"] == 200 and c["seconds"] < 60 and c["created"] == c["rows"]),
            )
        )
        rows.append(
            Row(
                "import: marketing peak memory growth",
                f"{c['marketing_vmhwm_growth_mib']:.0f} MiB "
                f"(VmHWM {c['marketing_vmhwm_after_mib']:.0f})",
                f"flat (< {FLAT_MEMORY_MIB} MiB)",
                _verdict(c["marketing_vmhwm_growth_mib"] < FLAT_MEMORY_MIB),
            )
        )
    return rows


def overheads(by: dict[tuple[str, str], Measurement], scenario: str) -> dict[str, float]:
    """p50 differences of one scenario: REST minus gRPC (the gateway), gRPC minus in-process
    (the service's server). One caller on each path, so that neither difference is queueing;
    empty where the run had no one-caller pass."""
    rest, grpc, local = (by.get((scenario, p)) for p in (REST_SOLO, GRPC_SOLO, LOCAL))
    found: dict[str, float] = {}
    if rest and grpc:
        found["gateway"] = rest.p50_ms - grpc.p50_ms
    if grpc and local:
        found["service"] = grpc.p50_ms - local.p50_ms
    return found


def overhead_rows(by: dict[tuple[str, str], Measurement]) -> list[Row]:
    found = overheads(by, OVERHEAD_SCENARIO)
    budgets = (
        ("gateway", "REST - gRPC", GATEWAY_OVERHEAD_MS),
        ("service", "gRPC - in-process", SERVICE_OVERHEAD_MS),
    )
    return [
        Row(
            f"{OVERHEAD_SCENARIO}: {layer} overhead ({label}, p50, 1 caller)",
            f"{found[layer]:.2f} ms",
            f"<= {budget} ms",
            _verdict(found[layer] <= budget),
        )
        for layer, label, budget in budgets
        if layer in found
    ]


def print_targets(rows: list[Row]) -> None:
    width = max((len(r.figure) for r in rows), default=10)
    value_width = max((len(r.value) for r in rows), default=10)
    print(f"{'figure':<{width}}  {'value':<{value_width}}  {'target':<20} verdict")
    print("-" * (width + value_width + 32))
    for r in rows:
        print(f"{r.figure:<{width}}  {r.value:<{value_width}}  {r.target:<20} {r.verdict}")


def as_dicts(rows: list[Row]) -> list[dict]:
    return [asdict(r) for r in rows]
