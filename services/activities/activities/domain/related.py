"""The record a task or activity is about: a type owned by another service, and its id."""

from __future__ import annotations

from dataclasses import dataclass

from crm_platform.validation import Violations

# Who owns each: sales (lead, customer, contact, deal), the service desk (ticket), marketing
# (campaign). The list; nothing else may be linked.
RELATED_TYPES = ("lead", "customer", "contact", "deal", "ticket", "campaign")
ID_MAX = 64


@dataclass(frozen=True)
class Related:
    type: str
    id: str


def related(v: Violations, related_type: str, related_id: str) -> Related | None:
    """Both given or both empty: None when neither is (a task about nothing in particular)."""
    related_type, related_id = related_type.strip(), related_id.strip()
    if not related_type and not related_id:
        return None
    if not related_type:
        v.add("related_type", "is required with related_id")
    elif related_type not in RELATED_TYPES:
        v.add("related_type", f"must be one of: {', '.join(RELATED_TYPES)}")
    if not related_id:
        v.add("related_id", "is required with related_type")
    elif len(related_id) > ID_MAX:
        v.add("related_id", f"must be at most {ID_MAX} characters")
    return Related(related_type, related_id)
