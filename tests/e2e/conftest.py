"""One whole stack per end-to-end session, started exactly as `make up` starts it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from e2e.stack import Stack, start_stack, stop_stack


@pytest.fixture(scope="session")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    running = start_stack(tmp_path_factory.mktemp("var"))
    try:
        yield running
    finally:
        stop_stack(running)
