"""An in-memory unit of work for use-case unit tests: no database, the same protocol.

A test hands it the fake repositories the use case reaches as `uow.<name>`, then reads what
was committed and which events were published with it. Events published in a block that did
not commit are dropped, as the outbox would drop them with the rolled-back transaction.
"""

from __future__ import annotations

from types import TracebackType
from typing import Any

from google.protobuf.message import Message


class FakeUnitOfWork:
    def __init__(self, producer: str = "test", **repositories: Any) -> None:
        self.producer = producer
        self._repositories = repositories
        self.commits = 0
        self.published: list[tuple[str, str, Message]] = []
        self._pending: list[tuple[str, str, Message]] = []
        self._open = False
        self._read_only = False

    def __getattr__(self, name: str) -> Any:
        repositories = self.__dict__.get("_repositories", {})
        if name not in repositories:
            raise AttributeError(name)
        if not self.__dict__.get("_open"):
            raise RuntimeError("the unit of work is not open: use it in a `with` block")
        return repositories[name]

    def read_only(self) -> FakeUnitOfWork:
        self._read_only = True
        return self

    def __enter__(self) -> FakeUnitOfWork:
        self._open = True
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._pending.clear()
        self._open = False
        self._read_only = False

    def publish(self, topic: str, aggregate_id: str, payload: Message) -> str:
        self._pending.append((topic, aggregate_id, payload))
        return f"event-{len(self.published) + len(self._pending)}"

    def commit(self) -> None:
        if self._read_only:
            raise RuntimeError("a read-only unit of work cannot commit")
        self.commits += 1
        self.published += self._pending
        self._pending.clear()

    def rollback(self) -> None:
        self._pending.clear()
