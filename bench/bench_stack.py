"""The stack the benchmark runs on: started as the e2e tests start it, on its seeded data
directory, with the reporting consumer held back.

The consumer is held (its Procfile line sleeps) so that `crm-reporting rebuild` can build
reporting's read models from the seeded events on the topics, which is both how the app
builds them and the rebuild figure; the benchmark then starts the consumer itself, with the
stack's own command and environment, and stops it before the stack."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

from e2e.stack import ROOT, Stack, rewritten_procfile, start_stack, stop_stack

HELD = "reporting-consumer"


def held_procfile(var_dir: Path) -> Path:
    return rewritten_procfile(
        var_dir / "Procfile.bench", {HELD: lambda _command: "exec sleep infinity"}
    )


@dataclass
class BenchStack:
    stack: Stack
    var_dir: Path
    own: list[subprocess.Popen] = field(default_factory=list)
    started_in: float = 0.0  # seconds from run-stack to /readyz

    @property
    def base_url(self) -> str:
        return self.stack.base_url

    @property
    def ports(self) -> dict[str, int]:
        return self.stack.ports

    @property
    def admin_password(self) -> str:
        return self.stack.admin_password

    def pid_of(self, program: str, command: str) -> int:
        """The pid of the stack's `<program> <command>` process (e.g. crm-marketing serve)."""
        for pid, argv in _descendants(self.stack.process.pid):
            names = [Path(a).name for a in argv]
            if program in names and names[names.index(program) + 1 :][:1] == [command]:
                return pid
        raise LookupError(f"no {program} {command} in the stack")

    def environment(self) -> dict[str, str]:
        """The environment run-stack gave its processes (addresses, databases, keys)."""
        pid = self.pid_of("crm-reporting", "serve")
        raw = Path(f"/proc/{pid}/environ").read_bytes().decode(errors="surrogateescape")
        return dict(item.split("=", 1) for item in raw.split("\0") if "=" in item)

    def run_command(self, argv: list[str], *, timeout: float, env: dict | None = None):
        """One of the stack's CLI commands, to completion or `timeout` (then killed)."""
        log = self.var_dir / f"{Path(argv[0]).name}-{argv[1]}.log"
        with log.open("wb") as out:
            process = subprocess.Popen(
                [str(ROOT / ".venv" / "bin" / argv[0]), *argv[1:]],
                env={**self.environment(), **(env or {})},
                cwd=ROOT,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
            try:
                code = process.wait(timeout)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
                code = None
        return code, log.read_text(errors="replace")

    def start_reporting_consumer(self) -> None:
        log = (self.var_dir / "reporting-consumer.log").open("wb")
        with log:
            self.own.append(
                subprocess.Popen(
                    [str(ROOT / ".venv" / "bin" / "crm-reporting"), "consume"],
                    env=self.environment(),
                    cwd=ROOT,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
            )

    def stop(self) -> None:
        for process in self.own:
            if process.poll() is None:
                process.terminate()
        for process in self.own:
            try:
                process.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        stop_stack(self.stack)


def start_bench_stack(var_dir: Path) -> BenchStack:
    env = {"LOG_LEVEL": "WARNING", "CRM_PROCFILE": str(held_procfile(var_dir))}
    started = time.perf_counter()
    stack = BenchStack(start_stack(var_dir, env), var_dir)
    stack.started_in = time.perf_counter() - started
    return stack


def _descendants(root: int) -> list[tuple[int, list[str]]]:
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        try:
            raw = Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            continue
        found.append((pid, [a.decode(errors="replace") for a in raw.split(b"\0") if a]))
        todo += children.get(pid, [])
    return found
