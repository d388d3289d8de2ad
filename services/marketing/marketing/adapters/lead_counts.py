"""Per-campaign lead and conversion counts, added for many campaigns in one statement."""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import bindparam, update
from sqlalchemy.orm import Session

from marketing.adapters.tables import CampaignRow

_CAMPAIGNS = CampaignRow.__table__


def add_lead_counts(session: Session, added: Mapping[str, int], *, converted: bool) -> None:
    """Adds `added[id]` leads (or conversions) to each campaign; unknown ids change nothing.

    One UPDATE run for every campaign (an executemany), in id order so that two consumers
    touching the same campaigns lock them in the same order.
    """
    if not added:
        return
    column = _CAMPAIGNS.c.converted if converted else _CAMPAIGNS.c.leads
    statement = (
        update(_CAMPAIGNS)
        .where(_CAMPAIGNS.c.id == bindparam("campaign"))
        .values({column: column + bindparam("added")})
    )
    session.execute(statement, [{"campaign": cid, "added": n} for cid, n in sorted(added.items())])
