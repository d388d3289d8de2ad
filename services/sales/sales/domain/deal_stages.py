"""The nine deal stages of the CRM, declared once (API.md, "Dictionary").

The sales database's `deal_stages` rows are seeded from this declaration (migration 0006 and
any later one that changes it, through `adapters.stage_seed`), and every stage event carries
its stage's `order`, `closed` and `won` from it, so that no other service keeps a list of its
own. The open stages come first, in the order a deal moves through them; `closed_won` is the
one won stage; the two lost stages end a deal without reaching anything further.
"""

from __future__ import annotations

from sales.domain.dictionary import DealStage

DEAL_STAGES: tuple[DealStage, ...] = (
    DealStage("qualification", "Qualification", 10, 1, closed=False, won=False),
    DealStage("needs_analysis", "Needs analysis", 25, 2, closed=False, won=False),
    DealStage("value_proposition", "Value proposition", 40, 3, closed=False, won=False),
    DealStage("decision_makers", "Identify decision makers", 60, 4, closed=False, won=False),
    DealStage("proposal", "Proposal / price quote", 80, 5, closed=False, won=False),
    DealStage("negotiation", "Negotiation / review", 90, 6, closed=False, won=False),
    DealStage("closed_won", "Closed won", 100, 7, closed=True, won=True),
    DealStage("closed_lost", "Closed lost", 0, 8, closed=True, won=False),
    DealStage("lost_to_competitor", "Lost to competitor", 0, 9, closed=True, won=False),
)
