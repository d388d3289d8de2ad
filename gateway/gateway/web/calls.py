"""Reads the pages share, on the typed clients, and the page helpers built on them."""

from __future__ import annotations

from typing import Any

from flask import g

from crm_platform.errors import NotFound
from gateway.http.current import clients
from gateway.models.dictionary import DictionaryOut
from gateway.models.notes import NoteListQuery, NoteOut

NOTES_SHOWN = 100


def dictionary() -> DictionaryOut:
    """Sales' dictionary, read once per request: a page's stage labels and its own lists
    (the board's columns, a form's choices) share the one answer."""
    if "dictionary" not in g:
        g.dictionary = clients().sales.dictionary()
    return g.dictionary


def stages(dictionary: DictionaryOut) -> list[dict[str, Any]]:
    """The deal stages in their order, as plain data (a board column is keyed by its code)."""
    ordered = sorted(dictionary.deal_stages, key=lambda stage: stage.order)
    return [stage.model_dump() for stage in ordered]


def open_stages(dictionary: DictionaryOut) -> list[dict[str, Any]]:
    return [stage for stage in stages(dictionary) if not stage["closed"]]


def notes(subject: str, subject_id: str) -> list[NoteOut]:
    query = NoteListQuery(page_size=NOTES_SHOWN)
    return clients().sales.list_notes(subject, subject_id, query).items


def campaign_names(campaign_ids: list[str]) -> dict[str, str]:
    """Each linked campaign's name; one the caller may not see (or marketing no longer has)
    keeps its id."""
    names = {}
    for campaign_id in campaign_ids:
        try:
            names[campaign_id] = clients().marketing.get_campaign(campaign_id).name
        except NotFound:
            names[campaign_id] = campaign_id
    return names
