"""The local supervisor with real processes: a crashed one comes back after a growing delay,
the others run on, and a stop ends every process and what it started (issue 24 #10)."""

from __future__ import annotations

import io
import re
import threading
import time
from pathlib import Path

from tenacity import retry, stop_after_delay, wait_fixed

from crm_platform.local.supervisor import Backoff, Supervisor, read_procfile

QUICK = Backoff(first=0.1, most=0.4, steady_after=60)


def running(supervisor: Supervisor) -> tuple[threading.Event, threading.Thread]:
    stop = threading.Event()
    thread = threading.Thread(target=supervisor.run, args=(stop,))
    thread.start()
    return stop, thread


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_the_procfile_lines_are_read_without_comments(tmp_path):
    procfile = tmp_path / "Procfile"
    procfile.write_text("# a comment\n\nweb: crm-gateway serve\nkafka: python -m x --a=b:c\n")
    assert read_procfile(procfile) == [
        ("web", "crm-gateway serve"),
        ("kafka", "python -m x --a=b:c"),
    ]


def test_backoff_doubles_up_to_its_most():
    assert [Backoff(first=1, most=30).delay(n) for n in range(1, 8)] == [1, 2, 4, 8, 16, 30, 30]


def test_a_crashing_process_is_restarted_with_growing_delays_and_the_others_run_on(tmp_path):
    out = io.StringIO()
    steady = tmp_path / "steady.pid"
    supervisor = Supervisor(
        [("crash", "echo up; exit 3"), ("steady", f"echo $$ > {steady}; exec sleep 60")],
        out=out, backoff=QUICK, poll_interval=0.02,
    )  # fmt: skip
    stop, thread = running(supervisor)
    try:

        @retry(stop=stop_after_delay(10), wait=wait_fixed(0.05), reraise=True)
        def restarted_four_times() -> None:
            assert len(re.findall(r"crash +\| exited", out.getvalue())) >= 4

        restarted_four_times()
    finally:
        stop.set()
        thread.join(30)
    said = out.getvalue()
    delays = [
        float(d) for d in re.findall(r"crash +\| exited with code 3; restarting in (\S+)", said)
    ]
    assert delays[:4] == [0.1, 0.2, 0.4, 0.4], said
    assert len(re.findall(r"steady +\| started", said)) == 1  # never stopped by the other's crash
    assert not alive(int(steady.read_text())), "a stop leaves no process behind"


def test_a_stop_ends_what_a_process_started_and_one_that_ignores_sigterm(tmp_path):
    out = io.StringIO()
    child = tmp_path / "child.pid"
    stubborn = tmp_path / "stubborn.pid"
    supervisor = Supervisor(
        [("parent", f"sleep 60 & echo $! > {child}; wait"),
         ("stubborn", f"trap '' TERM; echo $$ > {stubborn}; while true; do sleep 0.1; done")],
        out=out, backoff=QUICK, stop_timeout=1, poll_interval=0.02,
    )  # fmt: skip
    stop, thread = running(supervisor)

    @retry(stop=stop_after_delay(10), wait=wait_fixed(0.05), reraise=True)
    def started() -> list[int]:
        return [int(child.read_text()), int(stubborn.read_text())]

    pids = started()
    began = time.monotonic()
    stop.set()
    thread.join(30)
    assert not thread.is_alive() and time.monotonic() - began < 10
    assert not [pid for pid in pids if alive(pid)], out.getvalue()
    assert "outlived SIGTERM" in out.getvalue() and "every process stopped" in out.getvalue()
