"""Publishes what the customer timeline needs of the records sales already held before it
published customer, contact and note events (migration 0007 runs it once): every customer as
it now is, its contacts and the notes on customers, contacts and deals. The relay sends them
like any other event; reporting folds them into the timeline, where a customer it never heard
of would otherwise not be found.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from sqlalchemy.orm import Session

from crm_platform.unit_of_work import publish_in
from sales.adapters.contact_repository import ContactRepository
from sales.adapters.customer_repository import CustomerRepository
from sales.adapters.deal_repository import DealRepository
from sales.adapters.note_repository import NoteRepository
from sales.domain.listing import Listing
from sales.domain.visibility import ListScope
from sales.service.events import (
    CONTACT_ADDED,
    CUSTOMER_CHANGED,
    NOTE_ADDED,
    NoteSubject,
    contact_added,
    customer_changed,
    note_added,
)

PRODUCER = "sales"
_EVERY = ListScope()
_ALL = Listing()


def backfill_timeline(session: Session) -> int:
    """Writes the events into the outbox in `session`'s transaction; returns how many."""
    events: list[tuple[str, str, Any]] = []
    notes = NoteRepository(session)
    customers = CustomerRepository(session)
    contacts, deals = ContactRepository(session), DealRepository(session)
    for customer in _all(lambda t: customers.list(_ALL, _EVERY, page_size=200, page_token=t)):
        events.append((CUSTOMER_CHANGED, customer.id, customer_changed(customer)))
        events += _notes(notes, "customer", customer)
    for contact in _all(lambda t: contacts.list(_ALL, _EVERY, page_size=200, page_token=t)):
        events.append((CONTACT_ADDED, contact.id, contact_added(contact)))
        events += _notes(notes, "contact", contact)
    for deal in _all(lambda t: deals.list(_ALL, _EVERY, page_size=200, page_token=t)):
        events += _notes(notes, "deal", deal)
    for topic, key, payload in events:
        publish_in(session, PRODUCER, topic, key, payload)
    return len(events)


def _notes(notes: NoteRepository, kind: str, record: Any) -> list[tuple[str, str, Any]]:
    subject = NoteSubject.of(record)
    return [(NOTE_ADDED, n.id, note_added(n, subject)) for n in notes.on(kind, record.id)]


def _all(pages: Callable[[str], Any]) -> Iterator[Any]:
    token = ""
    while True:
        page = pages(token)
        yield from page.items
        if not page.next_page_token:
            return
        token = page.next_page_token
