"""The value lists of the data dictionary, as the sales service keeps them."""

from __future__ import annotations

from pydantic import BaseModel


class DealStageOut(BaseModel):
    code: str
    name: str
    probability: int
    order: int
    closed: bool
    won: bool


class DictionaryEntryOut(BaseModel):
    code: str
    name: str
    order: int


class DictionaryOut(BaseModel):
    deal_stages: list[DealStageOut]
    lead_sources: list[DictionaryEntryOut]
    lead_states: list[DictionaryEntryOut]
    appellations: list[DictionaryEntryOut]
    deal_types: list[DictionaryEntryOut]
    campaign_types: list[DictionaryEntryOut]
    follow_up_priorities: list[DictionaryEntryOut]
    follow_up_states: list[DictionaryEntryOut]
