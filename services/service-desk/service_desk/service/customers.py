"""What the use cases need of sales: whether the customer and contact a follow-up or ticket
names exist (as the caller may see them), and whose the contact is.

The check runs before a use case opens its unit of work, so a refused request or an unreachable
sales service never takes the write lock and writes nothing."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from crm_platform.errors import InvalidArgument


class CustomerDirectory(Protocol):
    def look_up(self, customer_id: str = "", contact_id: str = "") -> str:
        """Asks sales about the non-empty ids; returns the customer id the contact belongs to
        ("" when no contact was asked about). InvalidArgument with a field error on
        `customer_id` / `contact_id` for each unknown one; Unavailable when sales cannot tell."""


@dataclass(frozen=True)
class CheckedChange:
    """What sales said about the customer or contact an update names, kept for the comparison
    with the stored record once the unit of work has loaded it."""

    contact_changed: bool
    contact_customer_id: str


def check_new(customers: CustomerDirectory, customer_id: str, contact_id: str) -> None:
    """The customer exists and the contact, if any, exists and is that customer's."""
    contact_customer_id = customers.look_up(customer_id, contact_id)
    if contact_id and contact_customer_id != customer_id:
        raise _foreign(contact_id)


def check_change(customers: CustomerDirectory, changes: Mapping[str, Any]) -> CheckedChange | None:
    """Looks up the customer or contact `changes` names; None when it names neither."""
    if not {"customer_id", "contact_id"} & set(changes):
        return None
    contact_customer_id = customers.look_up(
        str(changes.get("customer_id") or ""), str(changes.get("contact_id") or "")
    )
    return CheckedChange("contact_id" in changes, contact_customer_id)


def require_contact_of_customer(
    checked: CheckedChange | None,
    *,
    customer_before: str,
    customer_after: str,
    contact_after: str | None,
) -> None:
    """After an update the contact still belongs to the customer: a new contact must be the
    (possibly new) customer's; a kept contact was the old customer's, so moving the record to
    another customer needs a new contact or none."""
    if checked is None or not contact_after:
        return
    owner = checked.contact_customer_id if checked.contact_changed else customer_before
    if owner != customer_after:
        raise _foreign(contact_after)


def _foreign(contact_id: str) -> InvalidArgument:
    return InvalidArgument.field("contact_id", f"contact {contact_id} belongs to another customer")
