"""A follow-up's new, edit and cancel pages, through the same service-desk calls as
/api/v1/follow-ups. The due time is typed in the pages' time zone (the one they show times in)
and sent as an instant; the service desk checks the rest (an edit or cancel only while
scheduled, the contact one of the customer's)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask import Blueprint, render_template, request, url_for
from flask_babel import get_timezone
from flask_babel import gettext as _

from crm_platform.errors import InvalidArgument
from gateway.http.current import clients, current_gateway
from gateway.models.follow_ups import FollowUpOut
from gateway.service.staff_names import staff_choices
from gateway.web.customer_views import customer_choices
from gateway.web.deletion import Doomed, confirm
from gateway.web.forms import filled, form_context, form_post
from gateway.web.labels import TICKET_PRIORITIES
from gateway.web.session import page

NEW_FIELDS = ("customer_id", "deal_id", "subject", "due_at", "priority", "owner_id")
EDIT_FIELDS = ("subject", "due_at", "priority", "owner_id")
OWNERS = frozenset({"admin", "manager", "service", "sales"})
TYPED = "%Y-%m-%dT%H:%M"  # an <input type="datetime-local">'s value


def add_follow_up_form_routes(bp: Blueprint, workers: tuple[str, ...]) -> None:
    @bp.route("/follow-ups/new", methods=["GET", "POST"])
    @page(*workers)
    def new_follow_up():
        desk = clients().service_desk
        if request.method == "POST":
            return form_post(
                NEW_FIELDS,
                lambda values: desk.schedule_follow_up(as_fields(filled(values))),
                lambda values, errors: follow_up_form(values, errors, None),
                lambda created: listed(created.id, "saved"),
            )
        chosen = {name: request.args.get(name, "") for name in ("customer_id", "deal_id")}
        return follow_up_form({**chosen, "priority": "normal"}, {}, None)

    @bp.route("/follow-ups/<follow_up_id>/edit", methods=["GET", "POST"])
    @page(*workers)
    def edit_follow_up(follow_up_id: str):
        desk = clients().service_desk
        follow_up = desk.get_follow_up(follow_up_id)
        if request.method == "POST":
            return form_post(
                EDIT_FIELDS,
                lambda values: desk.update_follow_up(follow_up_id, as_fields(values)),
                lambda values, errors: follow_up_form(values, errors, follow_up),
                lambda _: listed(follow_up_id, "saved"),
            )
        values = {name: getattr(follow_up, name) for name in EDIT_FIELDS}
        return follow_up_form({**values, "due_at": typed(follow_up.due_at)}, {}, follow_up)

    @bp.route("/follow-ups/<follow_up_id>/cancel", methods=["GET", "POST"])
    @page(*workers)
    def cancel_follow_up(follow_up_id: str):
        desk = clients().service_desk
        return confirm(
            lambda: Doomed(
                _("Cancel follow-up"),
                desk.get_follow_up(follow_up_id).subject,
                _("It stays in the list as cancelled; no survey is sent for it."),
                _("Cancel the follow-up"),
                url_for("web.follow_ups", _anchor=f"follow-up-{follow_up_id}"),
            ),
            lambda: desk.cancel_follow_up(follow_up_id),
            url_for("web.follow_ups", who="all", notice="cancelled"),
        )


def listed(follow_up_id: str, notice: str) -> str:
    """Everyone's scheduled follow-ups, at this one."""
    return url_for("web.follow_ups", who="all", notice=notice, _anchor=f"follow-up-{follow_up_id}")


def as_fields(values: dict[str, str]) -> dict[str, Any]:
    """The form's values as the client's: the due time an aware instant, no owner the caller."""
    fields: dict[str, Any] = {**values}
    if "due_at" in values:
        fields["due_at"] = due(values["due_at"])
    if "owner_id" in values and not values["owner_id"]:
        del fields["owner_id"]
    return fields


def due(text: str) -> datetime | None:
    """A typed due time in the pages' zone; empty is none (the service says it is needed)."""
    if not text:
        return None
    try:
        naive = datetime.strptime(text, TYPED)
    except ValueError:
        raise InvalidArgument.field("due_at", _("Enter a date and a time.")) from None
    zone = get_timezone()  # pytz's zones are attached with localize, not replace
    return zone.localize(naive) if hasattr(zone, "localize") else naive.replace(tzinfo=zone)


def typed(moment: datetime) -> str:
    return moment.astimezone(get_timezone()).strftime(TYPED)


def follow_up_form(values: dict, errors: dict, follow_up: FollowUpOut | None) -> str:
    return render_template(
        "service/follow_up_form.html",
        follow_up=follow_up,
        customers=customer_choices(values.get("customer_id")) if follow_up is None else {},
        owners=staff_choices(current_gateway().deps, OWNERS, values.get("owner_id")),
        priorities=TICKET_PRIORITIES,
        **form_context(values, errors),
    )
