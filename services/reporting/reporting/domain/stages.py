"""The nine deal stages as the funnel sees them (API.md, "Dictionary").

A deal moves through the open stages in order towards `closed_won`; the two lost stages end it
without reaching anything further, so they never count as progress.
"""

from __future__ import annotations

OPEN_STAGES = (
    "qualification",
    "needs_analysis",
    "value_proposition",
    "decision_makers",
    "proposal",
    "negotiation",
)
WON = "closed_won"
LOST_STAGES = ("closed_lost", "lost_to_competitor")
ALL_STAGES = (*OPEN_STAGES, WON, *LOST_STAGES)
CLOSED_STAGES = (WON, *LOST_STAGES)

# Progress order: 1..6 for the open stages, 7 for won; a lost stage is no progress (0).
PROGRESS_ORDER = {stage: index + 1 for index, stage in enumerate((*OPEN_STAGES, WON))}


def progress_order(stage: str) -> int:
    return PROGRESS_ORDER.get(stage, 0)


def next_stage(stage: str) -> str | None:
    """The stage a deal at `stage` moves to when it progresses; None for closed stages."""
    order = progress_order(stage)
    if order == 0 or stage == WON:
        return None
    return (*OPEN_STAGES, WON)[order]
