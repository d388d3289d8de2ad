"""Customers (companies) and their contacts (people), each owned by one sales rep."""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from sales.adapters.contact_repository import ContactRepository
from sales.adapters.customer_repository import CustomerRepository
from sales.domain.contact import Contact
from sales.domain.customer import Customer
from seed.databases import unit_of_work
from seed.names import Names
from seed.sales_rows import insert_records


@dataclass
class Accounts:
    customers: list[Customer]
    contacts: list[Contact]
    # Contacts of each customer, by customer index: a deal's contact is one of its customer's.
    contacts_of: list[list[Contact]]

    @property
    def by_id(self) -> dict[str, Customer]:
        return {c.id: c for c in self.customers}


def past(rng: random.Random, now: datetime, days: int = 720) -> datetime:
    return now - timedelta(seconds=rng.randint(0, days * 86_400))


def seed_accounts(
    var_dir: Path,
    customers: int,
    contacts: int,
    owners: list[str],
    sources: list[str],
    rng: random.Random,
) -> Accounts:
    names, now = Names(rng), datetime.now().astimezone()
    made: list[Customer] = []
    for n in range(customers):
        company, created = names.company(n), past(rng, now)
        made.append(
            Customer(
                id=str(uuid.uuid4()),
                name=company.name,
                website=company.website,
                phone=company.phone,
                address=company.address,
                industry=company.industry,
                owner_id=rng.choice(owners),
                tags=tuple(rng.sample(("vip", "export", "distributor", "重点客户"), k=1)),
                created_at=created,
                updated_at=created,
            )
        )
    people: list[Contact] = []
    contacts_of: list[list[Contact]] = [[] for _ in made]
    for n in range(contacts):
        # Every customer gets one contact first, the rest go to customers at random.
        index = n if n < len(made) else rng.randrange(len(made))
        customer, person = made[index], names.person(n)
        contact = Contact(
            id=str(uuid.uuid4()),
            customer_id=customer.id,
            full_name=person.full_name,
            appellation=person.appellation,
            email=person.email,
            mobile=person.mobile,
            job_title=person.job_title,
            source=rng.choice(sources),
            owner_id=customer.owner_id,
            created_at=customer.created_at,
            updated_at=customer.created_at,
        )
        people.append(contact)
        contacts_of[index].append(contact)
    with unit_of_work(var_dir, "sales") as uow:
        insert_records(uow.session, CustomerRepository, made)
        insert_records(uow.session, ContactRepository, people)
    return Accounts(made, people, contacts_of)
