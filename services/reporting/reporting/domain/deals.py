"""What reporting knows of one deal, folded from `sales.deal-stage-changed`, `sales.deal-closed`,
`sales.deal-changed` and `sales.deal-deleted`.

The topics are consumed independently, so the events of one deal can arrive in any order and
more than once. Each rule is therefore order-free: the current stage and its figures come from
the newest event by time; the creation time is the earliest time seen; the furthest stage
reached only grows, and so does the set of stages it was at; the close time is set once (a
closed deal never moves again); a deletion is a tombstone (its earliest time) that no other
event clears, so a late older event updates the history of a deleted deal but never brings it
back into the reports.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime
from decimal import Decimal

from reporting.domain.stages import Stage


@dataclass(frozen=True)
class DealObserved:
    """One deal event as reporting needs it (either topic)."""

    deal_id: str
    stage: Stage  # as the event describes it
    amount: Decimal
    currency: str
    owner_id: str
    campaign_id: str
    at: datetime  # when the deal reached `stage`
    created_at: datetime | None = None  # known from deal-closed, or a stage change from ""
    closed_at: datetime | None = None
    # deal-changed restates the deal at `at`, which may be long after it reached `stage`: it
    # tells the current figures, but not when a closed deal closed.
    restated: bool = False


@dataclass(frozen=True)
class DealGone:
    """`sales.deal-deleted`."""

    deal_id: str
    at: datetime


@dataclass(frozen=True)
class DealFact:
    deal_id: str
    stage: str
    amount: Decimal
    currency: str
    owner_id: str
    campaign_id: str
    stage_at: datetime  # the time of the newest event whose figures these are
    created_at: datetime
    furthest_order: int
    closed_at: datetime | None = None
    deleted_at: datetime | None = None
    # Whether `stage` ends the deal and wins it: the flags of the newest event, the one way
    # every report decides what is won.
    closed: bool = False
    won: bool = False
    # The stages the deal was at, as a bit per stage progress (`visited_bit`): the funnel's
    # "moved on" counts the deals that were at a stage, not those that jumped past it.
    visited: int = 0

    @property
    def deleted(self) -> bool:
        return self.deleted_at is not None


def visited_bit(progress: int) -> int:
    return 1 << progress


def apply_deal(fact: DealFact | None, event: DealObserved) -> DealFact:
    created = min(t for t in (event.created_at, event.at) if t is not None)
    stage = event.stage
    closed_at = event.closed_at
    if closed_at is None and stage.closed and not event.restated:
        closed_at = event.at
    if fact is None:
        return DealFact(
            event.deal_id,
            stage.code,
            event.amount,
            event.currency,
            event.owner_id,
            event.campaign_id,
            event.at,
            created,
            stage.progress,
            closed_at,
            closed=stage.closed,
            won=stage.won,
            visited=visited_bit(stage.progress),
        )
    fact = replace(
        fact,
        created_at=min(fact.created_at, created),
        furthest_order=max(fact.furthest_order, stage.progress),
        closed_at=fact.closed_at or closed_at,
        visited=fact.visited | visited_bit(stage.progress),
    )
    if event.at < fact.stage_at:
        return fact  # an older state, late: it only told us about history
    return replace(
        fact,
        stage=stage.code,
        closed=stage.closed,
        won=stage.won,
        amount=event.amount,
        currency=event.currency,
        owner_id=event.owner_id,
        campaign_id=event.campaign_id,
        stage_at=event.at,
    )


# A tombstone seen before any other event of its deal has no figures yet: the first event that
# follows, however old, must fill them in as if it had come first.
NO_FIGURES_YET = datetime(1970, 1, 1, tzinfo=UTC)


def apply_deal_deleted(fact: DealFact | None, gone: DealGone) -> DealFact:
    if fact is None:
        return DealFact(
            gone.deal_id, "", Decimal("0.00"), "", "", "", NO_FIGURES_YET, gone.at, 0,
            deleted_at=gone.at,
        )  # fmt: skip
    return replace(fact, deleted_at=min(fact.deleted_at or gone.at, gone.at))
