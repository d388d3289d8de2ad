"""The data dictionary: the value lists of the sales process, with the nine deal stages."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DealStage:
    code: str
    name: str
    probability: int  # percent chance that a deal at this stage is won
    order: int
    closed: bool
    won: bool

    def __post_init__(self) -> None:
        if not 0 <= self.probability <= 100:
            raise ValueError(f"probability of {self.code} must be 0..100")
        if self.won and not self.closed:
            raise ValueError(f"{self.code}: a won stage is a closed stage")


@dataclass(frozen=True)
class Entry:
    code: str
    name: str
    order: int


# The lists a dictionary holds besides the deal stages, by the name the API gives them.
ENTRY_KINDS = (
    "lead_sources",
    "lead_states",
    "appellations",
    "deal_types",
    "campaign_types",
    "follow_up_priorities",
    "follow_up_states",
)


@dataclass(frozen=True)
class Dictionary:
    deal_stages: tuple[DealStage, ...]
    entries: dict[str, tuple[Entry, ...]]

    def __post_init__(self) -> None:
        unknown = set(self.entries) - set(ENTRY_KINDS)
        if unknown:
            raise ValueError(f"unknown dictionary lists: {sorted(unknown)}")

    def stage(self, code: str) -> DealStage | None:
        return next((s for s in self.deal_stages if s.code == code), None)

    def has(self, kind: str, code: str) -> bool:
        return any(e.code == code for e in self.entries.get(kind, ()))
