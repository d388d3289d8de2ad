"""A whole stack whose processes a test may kill -9 and start again.

The stack's supervisor restarts a process that exits, so the processes a test means to hold
down run under a shell that outlives them (`<command>; exec sleep infinity`): the process
itself is the Procfile's command with the stack's environment, and when it dies the supervisor
sees nothing. The test restarts it from its own argv and environment (read from /proc before
the kill), tracks the restarted process and stops it before the stack. `crash_entry` instead
kills a Procfile entry whole (its shell too), as a crash the supervisor must recover from.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

from e2e.stack import Stack, rewritten_procfile, start_stack, stop_stack
from tenacity import retry, stop_after_delay, wait_fixed


def fault_procfile(var_dir: Path, killable: set[str]) -> Path:
    """The repository's Procfile, with the `killable` processes kept under a surviving shell."""
    keep = {name: (lambda command: f"{command}; exec sleep infinity") for name in killable}
    return rewritten_procfile(var_dir / "Procfile", keep)


@dataclass
class FaultStack:
    stack: Stack
    var_dir: Path
    restarted: list[subprocess.Popen] = field(default_factory=list)

    @property
    def base_url(self) -> str:
        return self.stack.base_url

    def find(self, *argv_part: str) -> int:
        """The pid of the stack's process whose argv holds `argv_part` (a shell's excluded)."""
        found = [pid for pid, argv in self._descendants() if _holds(argv, argv_part)]
        assert len(found) == 1, f"{argv_part}: found {found}"
        return found[0]

    def kill9(self, *argv_part: str) -> Crashed:
        """kill -9 the process; what it takes to start it again exactly as it was."""
        pid = self.find(*argv_part)
        proc = Path(f"/proc/{pid}")
        argv = [a.decode() for a in proc.joinpath("cmdline").read_bytes().split(b"\0") if a]
        environ = proc.joinpath("environ").read_bytes().decode(errors="surrogateescape")
        env = dict(item.split("=", 1) for item in environ.split("\0") if "=" in item)
        cwd = os.readlink(proc / "cwd")
        os.kill(pid, signal.SIGKILL)
        _wait_gone(pid)
        return Crashed(self, argv, env, cwd)

    def crash_entry(self, entry: str, *argv_part: str) -> int:
        """kill -9 the Procfile entry `entry` whole (its process group, the shell that would
        outlive the process too), so that the supervisor sees it die; the entry's pid. A copy
        of the process that a test started by hand (`Crashed.restart`) is stopped first, so
        that the one the supervisor starts is the only one."""
        for process in self.restarted:
            if process.poll() is None and _holds(list(process.args), argv_part):
                process.terminate()
                process.wait(30)
        pid = self.entry_pid(entry)
        os.killpg(pid, signal.SIGKILL)  # the supervisor gives each entry a group of its own
        _wait_gone(pid)
        return pid

    def entry_pid(self, entry: str) -> int:
        """The pid the supervisor last started `entry` with (its log says so)."""
        started = re.findall(
            rf"^\S+ {re.escape(entry)} +\| started with pid (\d+)$",
            self.stack.log_path.read_text(),
            re.MULTILINE,
        )
        assert started, f"the supervisor has not started {entry}"
        return int(started[-1])

    def _descendants(self) -> list[tuple[int, list[str]]]:
        children: dict[int, list[int]] = {}
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if fields[0] != "Z":
                children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
        roots = [self.stack.process.pid, *(p.pid for p in self.restarted if p.poll() is None)]
        found, todo = [], list(roots)
        while todo:
            pid = todo.pop()
            try:
                raw = Path(f"/proc/{pid}/cmdline").read_bytes()
            except OSError:
                continue
            found.append((pid, [a.decode(errors="replace") for a in raw.split(b"\0") if a]))
            todo += children.get(pid, [])
        return found

    def stop(self) -> None:
        for process in self.restarted:
            if process.poll() is None:
                process.terminate()
        for process in self.restarted:
            try:
                process.wait(30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        stop_stack(self.stack)


@dataclass(frozen=True)
class Crashed:
    owner: FaultStack
    argv: list[str]
    env: dict[str, str]
    cwd: str

    def restart(self) -> subprocess.Popen:
        """The same argv, environment and directory; its output goes to the stack's data dir."""
        name = Path(self.argv[1] if len(self.argv) > 1 else self.argv[0]).name
        log = (self.owner.var_dir / f"restarted-{name}-{time.monotonic_ns()}.log").open("wb")
        with log:
            process = subprocess.Popen(
                self.argv, env=self.env, cwd=self.cwd, stdout=log, stderr=subprocess.STDOUT
            )
        self.owner.restarted.append(process)
        return process


def _holds(argv: list[str], part: tuple[str, ...]) -> bool:
    if not argv or Path(argv[0]).name in ("sh", "dash", "bash", "sleep"):
        return False
    names = [Path(a).name for a in argv]
    return any(names[i : i + len(part)] == list(part) for i in range(len(names)))


@retry(stop=stop_after_delay(30), wait=wait_fixed(0.1), reraise=True)
def _wait_gone(pid: int) -> None:
    stat = Path(f"/proc/{pid}/stat")
    try:
        state = stat.read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return
    assert state == "Z", f"{pid} still running"


def start_fault_stack(
    var_dir: Path, killable: set[str], extra_env: dict[str, str] | None = None
) -> FaultStack:
    env = {"CRM_PROCFILE": str(fault_procfile(var_dir, killable)), **(extra_env or {})}
    return FaultStack(start_stack(var_dir, extra_env=env), var_dir)
