"""The sales reps who own the seeded records: gateway users, so that they can log in and their
ids are real user ids.

Made as the gateway's `create_user` makes them (its Account, its repository) but with one
password hash shared by all: a hash costs about a second of CPU by design (argon2), which a
benchmark need not pay per rep."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from pathlib import Path

from gateway.adapters.passwords import Passwords
from gateway.adapters.unit_of_work import GatewayUnitOfWork
from gateway.domain.account import Account
from seed.databases import sessions

REP_PASSWORD = "bench-rep-password-1"


def create_reps(var_dir: Path, count: int) -> list[str]:
    """`count` sales reps (rep01, rep02, ...); returns their user ids."""
    now, password_hash = datetime.now(UTC), Passwords().hash(REP_PASSWORD)
    reps = [
        Account(
            id=str(uuid.uuid4()),
            username=f"rep{n:02d}",
            display_name=f"Sales Rep {n:02d}",
            email=f"rep{n:02d}@bench.example.com",
            roles=frozenset({"sales"}),
            password_hash=password_hash,
            created_at=now,
            updated_at=now,
        )
        for n in range(1, count + 1)
    ]
    with sessions(var_dir, "gateway") as factory, GatewayUnitOfWork(factory, "gateway") as uow:
        for rep in reps:
            uow.users.save(rep)
        uow.commit()
    return [rep.id for rep in reps]
