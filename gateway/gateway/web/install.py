"""Puts the web UI on the app: languages, the pages under /ui, their error pages."""

from __future__ import annotations

from flask import Blueprint, Flask, g, redirect, render_template, request, url_for
from flask_babel import get_locale
from werkzeug.exceptions import HTTPException

from crm_platform.errors import DomainError
from gateway.errors import status_of
from gateway.http.csrf import CSRF_HEADER, csrf_token_for
from gateway.web.auth_views import add_auth_routes
from gateway.web.campaign_file_views import add_campaign_file_routes
from gateway.web.campaign_views import add_campaign_routes
from gateway.web.contact_views import add_contact_routes
from gateway.web.customer_views import add_customer_routes
from gateway.web.deal_views import add_deal_routes
from gateway.web.follow_up_views import add_follow_up_routes
from gateway.web.i18n import LANGUAGE_NAMES, install_i18n, language_of
from gateway.web.labels import label
from gateway.web.lead_views import add_lead_routes
from gateway.web.note_views import add_note_routes
from gateway.web.report_views import add_report_routes
from gateway.web.session import banner_context, menu_for
from gateway.web.task_views import add_task_routes
from gateway.web.ticket_views import add_ticket_routes
from gateway.web.user_admin_views import add_user_admin_routes

PREFIX = "/ui"


def web_blueprint() -> Blueprint:
    bp = Blueprint(
        "web", __name__, url_prefix=PREFIX, template_folder="templates", static_folder="static"
    )
    for add_routes in (add_auth_routes, add_campaign_routes, add_lead_routes, add_deal_routes):
        add_routes(bp)
    add_report_routes(bp)
    add_campaign_file_routes(bp)
    for add_routes in (
        add_customer_routes,
        add_contact_routes,
        add_follow_up_routes,
        add_ticket_routes,
        add_user_admin_routes,
        add_note_routes,
        add_task_routes,
    ):
        add_routes(bp)
    bp.context_processor(page_context)
    bp.register_error_handler(HTTPException, http_error_page)
    bp.register_error_handler(DomainError, domain_error_page)
    bp.after_request(no_store)
    return bp


def install_web(app: Flask) -> None:
    install_i18n(app)
    app.register_blueprint(web_blueprint())
    app.add_url_rule("/", "web_root", lambda: redirect(url_for("web.home")))


def page_context() -> dict:
    account = g.get("account")
    token = g.get("access_token")
    return {
        "account": account,
        "menu": menu_for(account.roles) if account else [],
        "csrf_token": csrf_token_for(token) if token else "",
        "csrf_header": CSRF_HEADER,
        "label": label,
        "languages": LANGUAGE_NAMES,
        "language": language_of(str(get_locale() or "en")),
        **banner_context(),
    }


def http_error_page(error: HTTPException):
    return render_template("error.html", status=error.code, reason=error.description), error.code


def domain_error_page(error: DomainError):
    status = status_of(error)
    # A failure behind the gateway is logged there; the page only says it is unavailable.
    detail = error.message if status < 500 else ""
    return render_template("error.html", status=status, reason=detail), status


def no_store(response):
    # Pages show one user's data: no shared cache may keep them.
    if request.endpoint != "web.static":
        response.headers.setdefault("Cache-Control", "no-store")
    return response
