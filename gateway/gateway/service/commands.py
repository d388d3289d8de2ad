"""What the entrypoints ask the use cases to do, as plain data."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class LogIn:
    username: str
    password: str
    client_address: str | None


@dataclass(frozen=True)
class CreateUser:
    username: str
    password: str
    display_name: str = ""
    email: str | None = None
    roles: frozenset[str] = frozenset()
    locked: bool = False
    expires_at: datetime | None = None
    allowed_ips: tuple[str, ...] = ()


@dataclass(frozen=True)
class UpdateUser:
    """Only the fields in `changes` change (PATCH semantics)."""

    user_id: str
    changes: dict[str, Any] = field(default_factory=dict)
