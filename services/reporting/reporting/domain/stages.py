"""Deal stages as reporting learns them from the stage events (sales declares them; each stage
event carries its stage's `order`, `closed` and `won`), so reporting keeps no list of its own.

A deal moves through the open stages in order towards the won stage; a lost stage ends it
without reaching anything further, so it never counts as progress.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Stage:
    code: str
    order: int  # 1.. in the dictionary's order; 0 for a stage no event has described
    closed: bool
    won: bool

    @property
    def progress(self) -> int:
        """Its place on the way to a win: the order for an open or won stage, 0 when lost."""
        return 0 if self.closed and not self.won else self.order


@dataclass(frozen=True)
class StageFact:
    """A stage as the newest event that named it described it."""

    code: str
    order: int
    closed: bool
    won: bool
    seen_at: datetime

    @property
    def stage(self) -> Stage:
        return Stage(self.code, self.order, self.closed, self.won)


@dataclass(frozen=True)
class StageSeen:
    """A stage event's stage, observed at the event's time."""

    stage: Stage
    at: datetime

    @property
    def code(self) -> str:
        return self.stage.code


def apply_stage(fact: StageFact | None, seen: StageSeen) -> StageFact:
    if fact is not None and seen.at < fact.seen_at:
        return fact  # an older description, late
    s = seen.stage
    return StageFact(s.code, s.order, s.closed, s.won, seen.at)


def in_order(stages: Iterable[Stage]) -> list[Stage]:
    return sorted(stages, key=lambda s: (s.order, s.code))


def next_stage(stage: Stage, stages: Iterable[Stage]) -> Stage | None:
    """The stage a deal at `stage` moves to when it progresses; None for a closed stage."""
    if stage.closed or stage.progress == 0:
        return None
    ahead = [s for s in stages if s.progress > stage.progress]
    return min(ahead, key=lambda s: s.progress, default=None)
