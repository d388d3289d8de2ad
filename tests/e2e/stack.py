"""The whole CRM started exactly as `make up` starts it (scripts/run-stack), on free ports
and a data directory of its own; for the end-to-end tests and the benchmark."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import requests
from tenacity import retry, retry_if_exception_type, stop_after_delay, wait_fixed

from crm_platform.identity_token import generate_key_pair

ROOT = Path(__file__).resolve().parents[2]
ADMIN_PASSWORD = "e2e-admin-password-1"


def rewritten_procfile(path: Path, commands: dict[str, Callable[[str], str]]) -> Path:
    """The repository's Procfile written to `path`, each process named in `commands` given
    the command its function makes of the original one."""
    lines = []
    for line in (ROOT / "Procfile").read_text().splitlines():
        name, sep, command = line.partition(":")
        if sep and not line.startswith("#") and name.strip() in commands:
            line = f"{name.strip()}: {commands[name.strip()](command.strip())}"
        lines.append(line)
    path.write_text("\n".join(lines) + "\n")
    return path


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass(frozen=True)
class Stack:
    base_url: str
    process: subprocess.Popen
    log_path: Path
    ports: dict[str, int]
    admin_password: str = ADMIN_PASSWORD


def start_stack(var_dir: Path, extra_env: dict[str, str] | None = None) -> Stack:
    """Start the stack and return once every part is up (/readyz and the admin's status)."""
    ports = {
        name: _free_port()
        for name in (
            "gateway",
            "kafka",
            "controller",
            "marketing",
            "sales",
            "desk",
            "reporting",
            "activities",
            "notifications",
            "smtp",
        )
    }
    _ensure_identity_keys()
    env = {
        **os.environ,
        "CRM_VAR_DIR": str(var_dir),
        "CRM_ADMIN_PASSWORD": ADMIN_PASSWORD,
        "KAFKA_PORT": str(ports["kafka"]),
        "KAFKA_CONTROLLER_PORT": str(ports["controller"]),
        "MARKETING_GRPC_ADDRESS": f"127.0.0.1:{ports['marketing']}",
        "SALES_GRPC_ADDRESS": f"127.0.0.1:{ports['sales']}",
        "SERVICE_DESK_GRPC_ADDRESS": f"127.0.0.1:{ports['desk']}",
        "REPORTING_GRPC_ADDRESS": f"127.0.0.1:{ports['reporting']}",
        "ACTIVITIES_GRPC_ADDRESS": f"127.0.0.1:{ports['activities']}",
        "NOTIFICATIONS_GRPC_ADDRESS": f"127.0.0.1:{ports['notifications']}",
        "SMTP_PORT": str(ports["smtp"]),
        # Reminders within a second or two of their time, so a test need not wait a minute.
        "ACTIVITIES_SCHEDULE_INTERVAL_SECONDS": "1",
        "GATEWAY_BIND": f"127.0.0.1:{ports['gateway']}",
        **(extra_env or {}),
    }
    for name in list(env):  # the stack picks its own; a developer's settings must not leak in
        if name.endswith("_DATABASE_URL") or name == "KAFKA_BOOTSTRAP_SERVERS":
            del env[name]
    log_path = var_dir / "stack.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [str(ROOT / "scripts" / "run-stack")],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    stack = Stack(f"http://127.0.0.1:{ports['gateway']}", process, log_path, ports)
    try:
        _wait_ready(stack)
    except BaseException:
        stop_stack(stack)
        raise
    return stack


def _ensure_identity_keys() -> None:
    """The process that starts the stack also calls its services directly (tests, the
    benchmark), standing in for the gateway: it and the stack share one key pair, made here
    unless the environment names one."""
    if not os.environ.get("GATEWAY_IDENTITY_SIGNING_KEY"):
        private, public = generate_key_pair()
        os.environ["GATEWAY_IDENTITY_SIGNING_KEY"] = private
        os.environ["IDENTITY_GATEWAY_PUBLIC_KEY"] = public


def _wait_ready(stack: Stack) -> None:
    @retry(
        stop=stop_after_delay(240),
        wait=wait_fixed(0.5),
        retry=retry_if_exception_type((requests.RequestException, AssertionError)),
        reraise=True,
    )
    def ready() -> None:
        assert stack.process.poll() is None, "the stack exited:\n" + stack.log_path.read_text()
        assert_all_parts_up(stack.base_url, stack.admin_password)

    try:
        ready()
    except Exception as exc:
        tail = stack.log_path.read_text()[-6000:]
        raise AssertionError(f"stack not ready: {exc}\n--- stack log ---\n{tail}") from exc


def assert_all_parts_up(base_url: str, admin_password: str) -> None:
    """/readyz is only the gateway's own database (a sick service must not take the gateway
    out of its load balancer); the admin's /api/v1/status says whether every part is up."""
    response = requests.get(f"{base_url}/readyz", timeout=5)
    assert response.status_code == 200, response.text
    login = requests.post(
        f"{base_url}/api/v1/auth/login",
        json={"username": "admin", "password": admin_password},
        timeout=5,
    )
    assert login.status_code == 200, login.text
    headers = {"Authorization": f"Bearer {login.json()['access_token']}"}
    status = requests.get(f"{base_url}/api/v1/status", headers=headers, timeout=10).json()
    assert status["status"] == "ok", status


def stop_stack(stack: Stack) -> None:
    """SIGTERM, as an operator's Ctrl-C or a process manager would; everything must go."""
    process = stack.process
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(60)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            raise AssertionError("the stack did not stop within 60 s of SIGTERM") from None
    leftovers = _session_members(process.pid)
    if leftovers:
        for pid in leftovers:
            with contextlib.suppress(ProcessLookupError):
                os.kill(int(pid), signal.SIGKILL)
        raise AssertionError(f"processes left running after SIGTERM: {leftovers}")
    still_open = [name for name, port in stack.ports.items() if _listening(port)]
    assert not still_open, f"ports still listening after stop: {still_open}"


def _session_members(sid: int) -> list[str]:
    """The stack's processes: the supervisor gives each of its own a process group, all in
    the session the stack was started in."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[3]) == sid and fields[0] != "Z":
            found.append(stat.parent.name)
    return found


def _listening(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(0.2)
        return s.connect_ex(("127.0.0.1", port)) == 0
