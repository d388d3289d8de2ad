"""The one fallback for stage events written before they carried `order`, `closed` and `won`
(sales' DealStageChanged, DealClosed and DealChanged before fields 12-15; the bench and old
topics replay them): the nine stages exactly as sales then declared them. This table is
history, frozen: it never changes with sales' dictionary, since events written from then on
describe their stage themselves. A code it does not know is read as an open stage of order 0.
"""

from __future__ import annotations

from reporting.domain.stages import Stage

_OPEN = ("qualification", "needs_analysis", "value_proposition", "decision_makers", "proposal",
         "negotiation")  # fmt: skip

LEGACY_STAGES: dict[str, Stage] = {
    **{code: Stage(code, i, closed=False, won=False) for i, code in enumerate(_OPEN, start=1)},
    "closed_won": Stage("closed_won", 7, closed=True, won=True),
    "closed_lost": Stage("closed_lost", 8, closed=True, won=False),
    "lost_to_competitor": Stage("lost_to_competitor", 9, closed=True, won=False),
}


def described(code: str, order: int, closed: bool, won: bool) -> Stage:
    """The stage an event names: as the event describes it, or, for an event from before the
    description (order 0), as the legacy table has it."""
    if order > 0:
        return Stage(code, order, closed, won)
    return LEGACY_STAGES.get(code, Stage(code, 0, closed=False, won=False))
