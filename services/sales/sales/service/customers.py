"""Use cases on customers."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from crm_platform.errors import FailedPrecondition
from crm_platform.paging import Page
from crm_platform.request_context import current_identity
from crm_platform.unit_of_work import UnitOfWork
from sales.adapters.customer_repository import CustomerRepository
from sales.adapters.dictionary_repository import load_dictionary
from sales.adapters.note_repository import NoteRepository
from sales.domain import visibility as vis
from sales.domain.customer import Customer, change_customer, new_customer
from sales.domain.listing import Listing
from sales.service.access import check_new_owner, fetch, now, owner_for_new
from sales.service.events import CUSTOMER_CHANGED, customer_changed


def create_customer(uow: UnitOfWork, values: dict[str, Any]) -> Customer:
    vis.check_create(current_identity(), "customer")
    values = owner_for_new(values)
    with uow:
        customer = new_customer(values, load_dictionary(uow.session), now=now())
        CustomerRepository(uow.session).add(customer)
        uow.publish(CUSTOMER_CHANGED, customer.id, customer_changed(customer))
        uow.commit()
    return customer


def get_customer(uow: UnitOfWork, customer_id: str) -> Customer:
    with uow.read_only():
        return fetch(CustomerRepository(uow.session), "customer", customer_id)


def update_customer(
    uow: UnitOfWork, customer_id: str, changes: dict[str, Any], *, expected_version: int = 0
) -> Customer:
    check_new_owner(changes)
    with uow:
        customers = CustomerRepository(uow.session)
        customer = fetch(
            customers, "customer", customer_id, change=True, expected_version=expected_version
        )
        customer = change_customer(customer, changes, load_dictionary(uow.session), now=now())
        customers.save(customer)
        uow.publish(CUSTOMER_CHANGED, customer.id, customer_changed(customer))
        uow.commit()
    return customer


def delete_customer(uow: UnitOfWork, customer_id: str) -> None:
    with uow:
        customers = CustomerRepository(uow.session)
        customer = fetch(customers, "customer", customer_id, change=True)
        if customers.in_use(customer_id):
            raise FailedPrecondition(f"customer {customer_id} still has contacts or deals")
        NoteRepository(uow.session).remove_all("customer", customer_id)
        customers.remove(customer_id)
        gone = customer_changed(replace(customer, updated_at=now()), deleted=True)
        uow.publish(CUSTOMER_CHANGED, customer_id, gone)
        uow.commit()


def list_customers(uow: UnitOfWork, listing: Listing, *, page_size: int, page_token: str) -> Page:
    scope = vis.list_scope(current_identity(), "customer")
    with uow.read_only():
        return CustomerRepository(uow.session).list(
            listing, scope, page_size=page_size, page_token=page_token
        )
