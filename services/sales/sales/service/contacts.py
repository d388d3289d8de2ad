"""Use cases on contacts."""

from __future__ import annotations

from typing import Any

from crm_platform.errors import FailedPrecondition, InvalidArgument, NotFound
from crm_platform.paging import Page
from crm_platform.request_context import current_identity
from crm_platform.unit_of_work import UnitOfWork
from sales.adapters.contact_repository import ContactRepository
from sales.adapters.customer_repository import CustomerRepository
from sales.adapters.dictionary_repository import load_dictionary
from sales.adapters.note_repository import NoteRepository
from sales.domain import visibility as vis
from sales.domain.contact import Contact, change_contact, new_contact
from sales.domain.listing import Listing
from sales.service.access import check_new_owner, fetch, now, owner_for_new
from sales.service.events import CONTACT_ADDED, contact_added


def check_customer(uow: UnitOfWork, customer_id: str, field: str = "customer_id") -> None:
    """A record may only point at a customer the caller can see."""
    try:
        fetch(CustomerRepository(uow.session), "customer", customer_id)
    except NotFound:
        raise InvalidArgument.field(field, f"unknown customer: {customer_id}") from None


def create_contact(uow: UnitOfWork, values: dict[str, Any]) -> Contact:
    vis.check_create(current_identity(), "contact")
    values = owner_for_new(values)
    with uow:
        contact = new_contact(values, load_dictionary(uow.session), now=now())
        check_customer(uow, contact.customer_id)
        ContactRepository(uow.session).add(contact)
        uow.publish(CONTACT_ADDED, contact.id, contact_added(contact))
        uow.commit()
    return contact


def get_contact(uow: UnitOfWork, contact_id: str) -> Contact:
    with uow.read_only():
        return fetch(ContactRepository(uow.session), "contact", contact_id)


def update_contact(
    uow: UnitOfWork, contact_id: str, changes: dict[str, Any], *, expected_version: int = 0
) -> Contact:
    check_new_owner(changes)
    with uow:
        contacts = ContactRepository(uow.session)
        contact = fetch(
            contacts, "contact", contact_id, change=True, expected_version=expected_version
        )
        contact = change_contact(contact, changes, load_dictionary(uow.session), now=now())
        if "customer_id" in changes:
            check_customer(uow, contact.customer_id)
        contacts.save(contact)
        uow.commit()
    return contact


def delete_contact(uow: UnitOfWork, contact_id: str) -> None:
    with uow:
        contacts = ContactRepository(uow.session)
        fetch(contacts, "contact", contact_id, change=True)
        if contacts.in_use(contact_id):
            raise FailedPrecondition(f"contact {contact_id} is the contact of a deal")
        NoteRepository(uow.session).remove_all("contact", contact_id)
        contacts.remove(contact_id)
        uow.commit()


def list_contacts(uow: UnitOfWork, listing: Listing, *, page_size: int, page_token: str) -> Page:
    scope = vis.list_scope(current_identity(), "contact")
    with uow.read_only():
        customer_id = listing.equal.get("customer_id")
        if customer_id:  # a customer's contacts: the customer must be visible first
            fetch(CustomerRepository(uow.session), "customer", customer_id)
        return ContactRepository(uow.session).list(
            listing, scope, page_size=page_size, page_token=page_token
        )
