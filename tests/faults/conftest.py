"""Fault tests: one stack of their own, since these tests kill its processes."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from e2e.stack import assert_all_parts_up
from faults.helpers import SERVICE_DESK_METRICS_PORT
from faults.processes import FaultStack, start_fault_stack
from tenacity import retry, stop_after_delay, wait_fixed

# One stack for the whole fault session (starting one costs a minute on two cores), separate
# from the end-to-end session's. Each test starts again what it killed and leaves it ready.
KILLABLE = {"sales", "sales-relay", "kafka"}


@pytest.fixture(scope="session")
def fault_stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FaultStack]:
    running = start_fault_stack(
        tmp_path_factory.mktemp("var"),
        killable=KILLABLE,
        extra_env={
            "SERVICE_DESK_CONSUMER_METRICS_PORT": str(SERVICE_DESK_METRICS_PORT),
            # Every test logs its users in from 127.0.0.1, and the fixture checks readiness
            # with a login after each: the per-address login budget is not what is tested here.
            "GATEWAY_LOGIN_PER_MINUTE": "6000",
            "GATEWAY_LOGIN_BURST": "1000",
        },
    )
    try:
        yield running
    finally:
        running.stop()


@pytest.fixture()
def stack(fault_stack: FaultStack) -> Iterator[FaultStack]:
    """The session's stack, checked ready after each test (what a test killed is back)."""
    yield fault_stack
    wait_ready(fault_stack)


@retry(stop=stop_after_delay(120), wait=wait_fixed(0.5), reraise=True)
def wait_ready(stack: FaultStack) -> None:
    assert_all_parts_up(stack.base_url, stack.stack.admin_password)
