"""The bell's pages: the caller's notifications (opening one marks it read) and their
notification settings. Same notifications-service calls as /api/v1/notifications."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, request, url_for
from flask.blueprints import BlueprintSetupState
from flask_babel import lazy_gettext as _l

from gateway.http.current import clients
from gateway.models.notifications import CHANNELS, FREQUENCIES, KINDS
from gateway.web.forms import FormErrors, submit
from gateway.web.session import page

# The web UI's prefix (gateway.web.install, which imports the view modules).
PREFIX = "/ui"

KIND_NAMES = {
    "task_due": _l("A task of mine is due"),
    "task_overdue": _l("A task of mine is overdue"),
    "follow_up_due": _l("A follow-up of mine is due tomorrow"),
    "follow_up_overdue": _l("A follow-up of mine is overdue"),
    "ticket_assigned": _l("A ticket is assigned to me"),
    "ticket_sla_warning": _l("A ticket of mine is at 80 % of its SLA"),
    "ticket_sla_breached": _l("A ticket of mine is past its SLA"),
    "lead_assigned": _l("A lead is assigned to me"),
    "deal_assigned": _l("A deal is assigned to me"),
    "deal_moved": _l("A deal of mine moved"),
    "deal_closed": _l("A deal of mine closed"),
    "survey_low_score": _l("A survey on my ticket scored 1 or 2"),
}
CHANNEL_NAMES = {
    "in_app": _l("In the app"),
    "email": _l("By e-mail"),
    "both": _l("In the app and by e-mail"),
    "none": _l("Not at all"),
}
FREQUENCY_NAMES = {"immediate": _l("At once"), "daily_digest": _l("Once a day, in a digest")}
assert set(KIND_NAMES) == set(KINDS) and set(CHANNEL_NAMES) == set(CHANNELS)
assert set(FREQUENCY_NAMES) == set(FREQUENCIES)


def record_url(link: str) -> str:
    """A notification's link (a record's path, "/deals/<id>") as the web UI's page."""
    return f"{PREFIX}{link}" if link.startswith("/") else url_for("web.notifications")


def notifications():
    unread = request.args.get("unread") == "1"
    listing = clients().notifications.list(unread_only=unread, page_size=100)
    return render_template(
        "notifications/list.html", listing=listing, unread_only=unread, record_url=record_url
    )


def open_notification(notification_id: str):
    """Mark it read and go to its record."""
    opened = clients().notifications.mark_read(notification_id)
    return redirect(record_url(opened.link))


def read_all_notifications():
    clients().notifications.mark_all_read()
    return redirect(url_for("web.notifications"))


def notification_settings():
    if request.method == "GET":
        return settings_page(clients().notifications.settings(), {})
    chosen = {k: request.form.get(k, "") for k in KINDS if request.form.get(k)}
    frequency = request.form.get("email_frequency") or None
    try:
        submit(lambda: clients().notifications.put_settings(chosen, frequency))
    except FormErrors as refused:
        return settings_page(clients().notifications.settings(), refused.errors), 400
    return redirect(url_for("web.notification_settings", notice="saved"))


PAGES = (
    ("/notifications", notifications, ["GET"]),
    ("/notifications/<notification_id>/open", open_notification, ["POST"]),
    ("/notifications/read-all", read_all_notifications, ["POST"]),
    ("/notifications/settings", notification_settings, ["GET", "POST"]),
)


def notification_pages(_api=None) -> Blueprint:
    """Registered by app.py in the REST blueprints' loop (hence the ignored `api`): when the
    app takes it, the pages join the web UI as `web.*` endpoints under /ui, so they get its
    page context, error pages, caching rule and form handling without a change to install.py
    (another helper's)."""
    bp = Blueprint("notification_pages", __name__)
    bp.record_once(_add_pages)
    return bp


def _add_pages(state: BlueprintSetupState) -> None:
    for rule, view, methods in PAGES:
        endpoint = f"web.{view.__name__}"
        state.app.add_url_rule(f"{PREFIX}{rule}", endpoint, page()(view), methods=methods)


def settings_page(settings, errors: dict):
    return render_template(
        "notifications/settings.html",
        settings=settings,
        errors=errors,
        kinds=KIND_NAMES,
        channels=CHANNEL_NAMES,
        frequencies=FREQUENCY_NAMES,
    )
