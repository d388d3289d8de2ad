"""Each list kind's list call, query model and bulk actions, as the typed clients do them one
record at a time: a bulk reassign is the same `leads.update(id, {"owner_id": ...})` a lead's
edit page makes, so each record gets its events, audit entry and the service's authorization.

The web lists and the bulk jobs share it, so a kind's filters mean the same in both.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ValidationError

from crm_platform.errors import InvalidArgument
from gateway.models.campaigns import CampaignListQuery
from gateway.models.contacts import ContactListQuery
from gateway.models.customers import CustomerListQuery
from gateway.models.deals import DealListQuery
from gateway.models.follow_ups import FollowUpQuery
from gateway.models.leads import LeadListQuery
from gateway.models.tickets import TicketQuery

if TYPE_CHECKING:
    from gateway.clients import ServiceClients

Action = Callable[["ServiceClients", str, str], Any]
PAGE = 100  # records asked per list call when gathering "all matching"


@dataclass(frozen=True)
class RecordKind:
    query: type[BaseModel]
    list: Callable[[ServiceClients, BaseModel], Any]
    get: Callable[[ServiceClients, str], Any]
    actions: dict[str, Action]


def _sales(kind: str, query: type[BaseModel], **more: Action) -> RecordKind:
    """A sales kind: its generic records client lists, updates and deletes."""

    def records(c: ServiceClients) -> Any:
        return getattr(c.sales, kind)

    return RecordKind(
        query,
        lambda c, q: records(c).list(q),
        lambda c, i: records(c).get(i),
        {
            "reassign": lambda c, i, v: records(c).update(i, {"owner_id": v}),
            **more,
            "delete": lambda c, i, v: records(c).delete(i),
        },
    )


KINDS: dict[str, RecordKind] = {
    "leads": _sales(
        "leads",
        LeadListQuery,
        state=lambda c, i, v: c.sales.leads.update(i, {"state": v}),
        campaign=lambda c, i, v: c.sales.bind_campaign(i, v),
    ),
    "customers": _sales("customers", CustomerListQuery),
    "contacts": _sales("contacts", ContactListQuery),
    "deals": _sales("deals", DealListQuery, stage=lambda c, i, v: c.sales.move_deal(i, v)),
    "campaigns": RecordKind(
        CampaignListQuery,
        lambda c, q: c.marketing.list_campaigns(q),
        lambda c, i: c.marketing.get_campaign(i),
        {
            "reassign": lambda c, i, v: c.marketing.update_campaign(i, {"owner_id": v}),
            "state": lambda c, i, v: c.marketing.update_campaign(i, {"status": v}),
            "delete": lambda c, i, v: c.marketing.delete_campaign(i),
        },
    ),
    "tickets": RecordKind(
        TicketQuery,
        lambda c, q: c.service_desk.list_tickets(q),
        lambda c, i: c.service_desk.get_ticket(i),
        {"reassign": lambda c, i, v: c.service_desk.update_ticket(i, {"assignee_id": v})},
    ),
    "follow_ups": RecordKind(
        FollowUpQuery,
        lambda c, q: c.service_desk.list_follow_ups(q),
        lambda c, i: c.service_desk.get_follow_up(i),
        {
            "reassign": lambda c, i, v: c.service_desk.update_follow_up(i, {"owner_id": v}),
            "cancel": lambda c, i, v: c.service_desk.cancel_follow_up(i),
        },
    ),
}


def filter_query(kind: str, filters: dict[str, Any], page_size: int = PAGE) -> BaseModel:
    """The kind's list query of `filters` (paging left out), or InvalidArgument naming the
    filter at fault as `filter.<name>`."""
    model = KINDS[kind].query
    values = {k: v for k, v in filters.items() if k not in ("page_token", "page_size")}
    try:
        return model.model_validate({**values, "page_size": page_size})
    except ValidationError as invalid:
        error = invalid.errors()[0]
        where = ".".join(str(part) for part in error["loc"])
        raise InvalidArgument.field(f"filter.{where}", error["msg"]) from None


def matching_ids(clients: ServiceClients, kind: str, query: BaseModel, limit: int) -> list[str]:
    """The ids of every record `query` matches, a page at a time; InvalidArgument on `filter`
    when more than `limit` match."""
    ids: list[str] = []
    for item in all_matching(clients, kind, query):
        if len(ids) == limit:
            raise InvalidArgument.field("filter", f"More than {limit} records match")
        ids.append(item.id)
    return ids


def all_matching(clients: ServiceClients, kind: str, query: BaseModel) -> Iterator[Any]:
    token = None
    while True:
        listing = KINDS[kind].list(clients, query.model_copy(update={"page_token": token}))
        yield from listing.items
        token = listing.next_page_token
        if not token:
            return
