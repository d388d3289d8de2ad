"""The entries `record_change` writes: the values it logs, and what an update that changed only
bookkeeping leaves out, checked on the parameters it hands the session."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from crm_platform.audit.recording import record_created, record_updated
from crm_platform.audit.values import loggable
from crm_platform.request_context import Identity, bound


@dataclass(frozen=True)
class Account:
    id: str
    name: str
    api_key: str
    search: str
    updated_at: datetime


class Recorder:
    """A session that keeps the parameters of each statement it is given."""

    def __init__(self) -> None:
        self.params: list[dict[str, Any]] = []

    def execute(self, _statement, params: dict[str, Any]) -> None:
        self.params.append(params)


def _account(name: str, hour: int) -> Account:
    return Account("a1", name, "k-1", name.lower(), datetime(2026, 1, 1, hour, tzinfo=UTC))


def test_a_creation_logs_the_record_as_loggable_does_with_no_old_values() -> None:
    session = Recorder()
    with bound(Identity("u-1", frozenset({"sales", "admin"})), "corr-1"):
        record_created(session, "account", "a1", _account("Acme", 9))
        record_created(session, "account", "a2", _account("Bolt", 10))
    first, second = session.params
    assert first["new_values"] == loggable(_account("Acme", 9))
    assert first["new_values"] == {
        "id": "a1",
        "name": "Acme",
        "updated_at": "2026-01-01T09:00:00+00:00",
    }
    assert second["new_values"]["name"] == "Bolt"  # names found once, values read each time
    assert (first["old_values"], first["action"], first["object_id"]) == (None, "created", "a1")
    assert (first["actor_id"], first["actor_roles"]) == ("u-1", ["admin", "sales"])
    assert first["correlation_id"] == "corr-1"


def test_an_update_logs_only_what_changed_and_nothing_for_bookkeeping() -> None:
    session = Recorder()
    touched = record_updated(session, "account", "a1", _account("Acme", 9), _account("Acme", 10))
    assert not touched and session.params == []
    assert record_updated(session, "account", "a1", _account("Acme", 9), _account("Apex", 10))
    (entry,) = session.params
    assert entry["old_values"] == {"name": "Acme", "updated_at": "2026-01-01T09:00:00+00:00"}
    assert entry["new_values"] == {"name": "Apex", "updated_at": "2026-01-01T10:00:00+00:00"}
