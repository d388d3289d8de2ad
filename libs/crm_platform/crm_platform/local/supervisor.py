"""`make up`'s process manager: runs the Procfile's processes, restarts one that exits (with a
growing delay), and stops them all only on Ctrl-C or SIGTERM.

honcho, which ran them before, stops the whole CRM as soon as one process exits, so one crash
(or one kill -9) took everything down. supervisord restarts with a backoff only while a process
is starting and gives up for good (FATAL) after a few quick crashes; circus brings ZeroMQ and a
daemon of its own. This loop is what `make up` needs and no more: the Procfile stays the one
list of processes, each line's output is prefixed with its name as honcho did, and a process
that keeps crashing is retried every 30 s at most, never given up on.

    python -m crm_platform.local.supervisor Procfile

Each process runs `sh -c <command>` in a process group of its own (in the supervisor's
session), so that stopping it or cleaning up after its crash reaches whatever it started.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO


@dataclass(frozen=True)
class Backoff:
    """The delay before the n-th restart in a row: first, doubled each time, at most `most`.
    A process that ran `steady_after` seconds before exiting starts the count again."""

    first: float = 1.0
    most: float = 30.0
    steady_after: float = 60.0

    def delay(self, failures: int) -> float:
        return min(self.first * 2 ** (failures - 1), self.most)


def read_procfile(path: Path) -> list[tuple[str, str]]:
    """(name, command) of each `name: command` line; comments and blank lines skipped."""
    processes = []
    for line in path.read_text().splitlines():
        name, sep, command = line.partition(":")
        if sep and name.strip() and not line.lstrip().startswith("#"):
            processes.append((name.strip(), command.strip()))
    return processes


@dataclass
class Child:
    name: str
    command: str
    process: subprocess.Popen | None = None
    started_at: float = 0.0
    failures: int = 0  # exits in a row, each soon after its start
    restart_at: float | None = None


@dataclass
class Supervisor:
    processes: list[tuple[str, str]]
    out: TextIO = sys.stdout
    backoff: Backoff = field(default_factory=Backoff)
    stop_timeout: float = 20.0
    poll_interval: float = 0.2

    def __post_init__(self) -> None:
        self._children = [Child(name, command) for name, command in self.processes]
        self._width = max((len(name) for name, _ in self.processes), default=0)
        self._lock = threading.Lock()

    def run(self, stop: threading.Event) -> None:
        """Start every process, keep them running until `stop` is set, then stop them all."""
        for child in self._children:
            self._start(child)
        while not stop.wait(self.poll_interval):
            now = time.monotonic()
            for child in self._children:
                if child.restart_at is not None and now >= child.restart_at:
                    self._start(child)
                elif child.process is not None and child.process.poll() is not None:
                    self._exited(child, now)
        self._stop_all()

    def _start(self, child: Child) -> None:
        child.restart_at = None
        child.started_at = time.monotonic()
        child.process = subprocess.Popen(
            ["/bin/sh", "-c", child.command],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            process_group=0,
            # Lines as they are written, not when a pipe's buffer fills.
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        self.say(child.name, f"started with pid {child.process.pid}")
        threading.Thread(
            target=self._copy_output, args=(child.name, child.process), daemon=True
        ).start()

    def _exited(self, child: Child, now: float) -> None:
        process = child.process
        assert process is not None
        _kill_group(process.pid, signal.SIGKILL)  # what it started dies with it
        child.process = None
        steady = now - child.started_at >= self.backoff.steady_after
        child.failures = 1 if steady else child.failures + 1
        delay = self.backoff.delay(child.failures)
        child.restart_at = now + delay
        self.say(child.name, f"exited with code {process.returncode}; restarting in {delay:g} s")

    def _stop_all(self) -> None:
        running = [c.process for c in self._children if c.process is not None]
        for process in running:
            _kill_group(process.pid, signal.SIGTERM)
        deadline = time.monotonic() + self.stop_timeout
        for process in running:
            try:
                process.wait(max(deadline - time.monotonic(), 0))
            except subprocess.TimeoutExpired:
                self.say("supervisor", f"pid {process.pid} outlived SIGTERM: killed")
            _kill_group(process.pid, signal.SIGKILL)  # and whatever it left behind
            process.wait()
        for process in running:
            _wait_group_gone(process.pid)
        self.say("supervisor", "every process stopped")

    def _copy_output(self, name: str, process: subprocess.Popen) -> None:
        assert process.stdout is not None
        with process.stdout:
            for raw in iter(process.stdout.readline, b""):
                self.say(name, raw.decode(errors="replace").rstrip("\n"))

    def say(self, name: str, line: str) -> None:
        stamp = time.strftime("%H:%M:%S")
        with self._lock:
            self.out.write(f"{stamp} {name:<{self._width}} | {line}\n")
            self.out.flush()


def _kill_group(pgid: int, sig: signal.Signals) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):  # nothing left in it
        os.killpg(pgid, sig)


def _wait_group_gone(pgid: int, timeout: float = 10.0) -> None:
    """Until no member of the group is left, reaped: a JVM's main thread shows as a zombie
    while its other threads still hold its ports, and whoever stopped us may reuse them."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            os.killpg(pgid, 0)
        except (ProcessLookupError, PermissionError):
            return
        time.sleep(0.05)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("procfile", type=Path)
    args = parser.parse_args(argv)
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    Supervisor(read_procfile(args.procfile)).run(stop)


if __name__ == "__main__":
    main()
