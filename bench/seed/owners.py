"""The sales reps who own the seeded records: gateway users made with the gateway's own use
case, so that they can log in and their ids are real user ids."""

from __future__ import annotations

from datetime import timedelta
from functools import partial
from pathlib import Path

from gateway.adapters.passwords import Passwords
from gateway.adapters.unit_of_work import GatewayUnitOfWork
from gateway.domain.lockout import LockoutPolicy
from gateway.service.commands import CreateUser
from gateway.service.dependencies import Dependencies
from gateway.service.users import create_user

from seed.databases import sessions

REP_PASSWORD = "bench-rep-password-1"


def create_reps(var_dir: Path, count: int) -> list[str]:
    """`count` sales reps (rep01, rep02, ...); returns their user ids."""
    with sessions(var_dir, "gateway") as factory:
        deps = Dependencies(
            uow=partial(GatewayUnitOfWork, factory, "gateway"),
            passwords=Passwords(),
            lockout=LockoutPolicy(threshold=10, duration=timedelta(minutes=5)),
            token_ttl=timedelta(hours=8),
        )
        return [
            create_user(
                deps,
                CreateUser(
                    username=f"rep{n:02d}",
                    password=REP_PASSWORD,
                    display_name=f"Sales Rep {n:02d}",
                    email=f"rep{n:02d}@bench.example.com",
                    roles=frozenset({"sales"}),
                ),
            ).id
            for n in range(1, count + 1)
        ]
