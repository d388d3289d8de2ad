"""Writes the declared deal stages (domain.deal_stages) into `deal_stages`, for migrations.

An upsert by code: a declared stage's row is inserted or brought in line with the declaration;
rows of stages no longer declared are left alone (deals may still stand at them). A migration
that changes the declaration calls `seed_stages` again, so the rows follow it.
"""

from __future__ import annotations

from collections.abc import Iterable

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from sales.domain.deal_stages import DEAL_STAGES
from sales.domain.dictionary import DealStage

# The table as the migrations made it (not the ORM mapping, which may move on later).
_STAGES = sa.table(
    "deal_stages",
    sa.column("code", sa.String),
    sa.column("name", sa.String),
    sa.column("probability", sa.Integer),
    sa.column("sort_order", sa.Integer),
    sa.column("closed", sa.Boolean),
    sa.column("won", sa.Boolean),
)


def seed_stages(connection: Connection, stages: Iterable[DealStage] = DEAL_STAGES) -> None:
    existing = set(connection.scalars(sa.select(_STAGES.c.code)))
    for stage in stages:
        values = {
            "name": stage.name,
            "probability": stage.probability,
            "sort_order": stage.order,
            "closed": stage.closed,
            "won": stage.won,
        }
        if stage.code in existing:
            connection.execute(
                sa.update(_STAGES).where(_STAGES.c.code == stage.code).values(**values)
            )
        else:
            connection.execute(sa.insert(_STAGES).values(code=stage.code, **values))
