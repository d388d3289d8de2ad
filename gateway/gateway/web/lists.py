"""One list page for every kind: server-side sort, page size, position with previous and next,
the kind's filters, chosen columns, saved views and the bulk bar, all kept in the URL so that a
list can be bookmarked and shared.

A kind's page declares its columns and filters (ListSpec); the list call and its query model
are service/bulk_records.py's, which the bulk jobs share. A filter or a sort the kind's query
model does not (yet) take is left out rather than sent.

Paging is by the services' keyset tokens: `page_token` is the page shown, `page` its number,
and `back` the tokens of the pages before it (joined by "~", which base64url never holds),
so "previous" needs no offset.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from flask import g, render_template, request, url_for
from flask_babel import gettext as _
from pydantic import BaseModel, ValidationError
from werkzeug.datastructures import MultiDict

from crm_platform.errors import InvalidArgument, PermissionDenied, Unavailable
from gateway.http.current import clients, current_gateway
from gateway.models.campaigns import CampaignListQuery
from gateway.service import saved_views
from gateway.service.bulk_records import KINDS
from gateway.service.staff_names import display_names, staff_choices
from gateway.web.forms import FORM_ERROR

PAGE_SIZES = (20, 50, 100)
BACK_KEPT = 30  # previous pages remembered; further back is "First page"
PAGING = ("page_token", "page", "back")
OWNER_ROLES = frozenset({"admin", "manager", "marketing", "sales", "service"})


@dataclass(frozen=True)
class Column:
    key: str  # its name in `cols`
    title: Any
    sort: str = ""  # the list's sort key, when the kind sorts by it
    num: bool = False


@dataclass(frozen=True)
class Filter:
    name: str  # the query parameter, as the kind's list query names it
    title: Any
    type: str = "select"  # select, date, number or search
    options: Callable[[], dict[str, Any]] | None = None


@dataclass(frozen=True)
class Bulk:
    """A bulk action offered on the page; `values` gives its choices (none: it takes none)."""

    action: str
    title: Any
    values: Callable[[], dict[str, Any]] | None = None


@dataclass(frozen=True)
class ListSpec:
    kind: str  # as service/bulk_records.py and the saved views name it
    endpoint: str
    title: Any
    row: str  # each row's data attribute (data-lead-id), as the pages' tests find rows
    columns: tuple[Column, ...]
    filters: tuple[Filter, ...]
    bulk: tuple[Bulk, ...] = ()
    defaults: dict[str, str] = field(default_factory=dict)  # filters applied when none given


@dataclass
class ListPage:
    """What the list macros show."""

    spec: ListSpec
    listing: Any
    args: dict[str, str]  # the filters and sort in force
    columns: list[Column]
    hidden: set[str]
    errors: dict[str, list[str]]
    page: int
    page_size: int
    sort: str
    sortable: set[str]
    views: list[Any]
    owners: dict[str, str]

    @property
    def first_row(self) -> int:
        return (self.page - 1) * self.page_size + 1 if self.listing.items else 0

    @property
    def last_row(self) -> int:
        return self.first_row + len(self.listing.items) - 1 if self.listing.items else 0

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.listing.total / self.page_size))

    def url(self, **changes: Any) -> str:
        """This list with `changes` (None drops a parameter); paging restarts unless given."""
        params = MultiDict(request.args)
        if not any(name in changes for name in PAGING):
            for name in PAGING:
                params.pop(name, None)
        for name, value in changes.items():
            params.pop(name, None)
            if value not in (None, ""):
                params[name] = value
        return url_for(self.spec.endpoint, **params.to_dict(flat=False))

    def view_url(self, view: Any) -> str:
        """A saved view's list: its filters and sort, its columns shown."""
        hide = [c.key for c in self.spec.columns if view.columns and c.key not in view.columns]
        params = {**view.filters, "hide": hide}
        if view.sort:
            params["sort"] = view.sort
        return url_for(self.spec.endpoint, **params)

    def kept(self) -> list[tuple[str, str]]:
        """The filters and sort in force as (name, value): the hidden fields of the forms that
        act on "all matching" or save the view."""
        return list(self.args.items())

    def bulk_choices(self) -> list[tuple[Any, dict[str, Any]]]:
        """(group title, {"action:value": shown}) of the bulk actions, for one choice list."""
        groups = []
        for bulk in self.spec.bulk:
            if bulk.values is None:
                groups.append((bulk.title, {f"{bulk.action}:": bulk.title}))
            else:
                values = bulk.values()
                groups.append((bulk.title, {f"{bulk.action}:{k}": v for k, v in values.items()}))
        return groups

    def sort_url(self, column: Column) -> str:
        return self.url(sort=column.sort if self.sort != column.sort else f"-{column.sort}")

    def sort_state(self, column: Column) -> str:
        """aria-sort of the column's header."""
        if self.sort == column.sort:
            return "ascending"
        return "descending" if self.sort == f"-{column.sort}" else "none"

    def next_url(self) -> str | None:
        token = self.listing.next_page_token
        if not token:
            return None
        back = [*_back(), request.args.get("page_token", "")][-BACK_KEPT:]
        return self.url(page_token=token, page=self.page + 1, back="~".join(back) or "~")

    def previous_url(self) -> str | None:
        if self.page <= 1:
            return None
        back = _back()
        if not back or self.page == 2:  # the first page, or further back than remembered
            return self.url()
        return self.url(page_token=back[-1], page=self.page - 1, back="~".join(back[:-1]) or "~")


def render_list(
    spec: ListSpec,
    template: str,
    defaults: dict[str, str] | None = None,
    **context: Any,
):
    """The kind's list page from the request's arguments (`defaults` instead of the spec's
    when none is given); a filter the query refuses is shown beside its field (400), the list
    then empty."""
    model = KINDS[spec.kind].query
    args = _arguments(spec, model, spec.defaults if defaults is None else defaults)
    page_size = _page_size()
    errors: dict[str, list[str]] = {}
    listing: Any = _Empty()
    try:
        query = model.model_validate(
            {**args, "page_size": page_size, "page_token": request.args.get("page_token") or None}
        )
        listing = KINDS[spec.kind].list(clients(), query)
    except ValidationError as invalid:
        for error in invalid.errors():
            name = str(error["loc"][0]) if error["loc"] else FORM_ERROR
            errors.setdefault(name, []).append(_("Not a valid value."))
    except InvalidArgument as refused:
        for violation in refused.violations or ():
            errors.setdefault(violation.field, []).append(violation.message)
        errors = errors or {FORM_ERROR: [refused.message]}
    hidden = (
        set(filter(None, request.args.get("cols", "").split(",")))
        if "cols" in request.args
        else set()
    )
    deps = current_gateway().deps
    owners = display_names(deps, (_owner(item) for item in listing.items))
    lst = ListPage(
        spec=spec,
        listing=listing,
        args=args,
        columns=[column for column in spec.columns if column.key not in hidden],
        hidden=hidden,
        errors=errors,
        page=_page_number(),
        page_size=page_size,
        sort=args.get("sort", ""),
        sortable=_sort_keys(model),
        views=saved_views.list_views(deps, g.account.id, spec.kind),
        owners=owners,
    )
    page = render_template(template, lst=lst, listing=listing, **context)
    return (page, 400) if errors else page


def owner_choices() -> dict[str, str]:
    """The staff a record may be owned by or assigned to, by name."""
    if "owner_choices" not in g:
        g.owner_choices = staff_choices(current_gateway().deps, OWNER_ROLES, None)
    return g.owner_choices


CAMPAIGN_CHOICES = 100  # campaigns offered in a filter or a bulk "add to campaign"


def campaign_choices() -> dict[str, str]:
    """The campaigns the caller may see, by name (none when marketing keeps them from them)."""
    if "campaign_choices" not in g:
        try:
            found = clients().marketing.list_campaigns(
                CampaignListQuery(page_size=CAMPAIGN_CHOICES)
            )
            g.campaign_choices = {c.id: c.name for c in found.items}
        except (PermissionDenied, Unavailable):
            g.campaign_choices = {}
    return g.campaign_choices


def _arguments(spec: ListSpec, model: type[BaseModel], defaults: dict[str, str]) -> dict[str, str]:
    """The filters and sort of the URL that the kind's query takes, else the spec's defaults."""
    taken = set(model.model_fields)
    names = [f.name for f in spec.filters if f.name in taken] + (
        ["sort"] if "sort" in taken else []
    )
    given = {name: request.args.get(name, "").strip() for name in names}
    if not any(name in request.args for name in names):
        given.update({k: v for k, v in defaults.items() if k in taken})
    return {name: value for name, value in given.items() if value}


def _page_size() -> int:
    asked = request.args.get("page_size", "")
    return int(asked) if asked.isdigit() and int(asked) in PAGE_SIZES else PAGE_SIZES[0]


def _page_number() -> int:
    asked = request.args.get("page", "")
    return int(asked) if asked.isdigit() and request.args.get("page_token") else 1


def _back() -> list[str]:
    back = request.args.get("back", "")
    return back.split("~") if back and back != "~" else ([""] if back == "~" else [])


def _owner(item: Any) -> str | None:
    return getattr(item, "owner_id", None) or getattr(item, "assignee_id", None)


@cache
def _sort_keys(model: type[BaseModel]) -> set[str]:
    """The sort keys the kind's query takes (ascending names)."""
    if "sort" not in model.model_fields:
        return set()
    keys = set()
    for candidate in (
        "created_at",
        "updated_at",
        "name",
        "full_name",
        "company",
        "amount",
        "expected_close",
        "start_date",
        "due_at",
        "sla_due_at",
        "subject",
        "priority",
        "state",
    ):
        try:
            model.model_validate({"sort": candidate})
        except ValidationError:
            continue
        keys.add(candidate)
    return keys


class _Empty:
    """The list of a refused query: nothing shown, nothing to page."""

    items: list[Any] = []
    total = 0
    next_page_token = None


# The list pages by kind, as each kind's views module declares them (register): the bulk,
# export and saved-view routes (list_actions.py) find a kind's columns and URL here.
SPECS: dict[str, ListSpec] = {}


def register(spec: ListSpec) -> ListSpec:
    SPECS[spec.kind] = spec
    return spec
