"""The Flask application factory: everything is built here, nothing at import time."""

from __future__ import annotations

from flask import Flask
from sqlalchemy.exc import OperationalError, ProgrammingError
from werkzeug.middleware.proxy_fix import ProxyFix

from crm_platform.logs import configure_logging
from gateway.bootstrap import bootstrap
from gateway.entrypoints.activities_api import activities_blueprint
from gateway.entrypoints.audit_api import audit_blueprint
from gateway.entrypoints.auth_api import auth_blueprint
from gateway.entrypoints.bulk_jobs_api import bulk_jobs_blueprint
from gateway.entrypoints.campaign_files_api import campaign_files_blueprint
from gateway.entrypoints.campaign_notes_api import campaign_notes_blueprint
from gateway.entrypoints.campaigns_api import campaigns_blueprint
from gateway.entrypoints.contacts_api import contacts_blueprint
from gateway.entrypoints.correlation import install_correlation
from gateway.entrypoints.customers_api import customers_blueprint
from gateway.entrypoints.deals_api import deals_blueprint
from gateway.entrypoints.dictionary_api import dictionary_blueprint
from gateway.entrypoints.follow_ups_api import follow_ups_blueprint
from gateway.entrypoints.health_api import health_blueprint
from gateway.entrypoints.leads_api import leads_blueprint
from gateway.entrypoints.notes_api import notes_blueprint
from gateway.entrypoints.notifications_api import notifications_blueprint
from gateway.entrypoints.openapi import make_spectree, openapi_blueprint
from gateway.entrypoints.public_surveys_api import public_surveys_blueprint
from gateway.entrypoints.rate_limits import install_rate_limits
from gateway.entrypoints.reports_api import reports_blueprint
from gateway.entrypoints.request_body import install_body_checks
from gateway.entrypoints.saved_views_api import saved_views_blueprint
from gateway.entrypoints.security_headers import install_security_headers
from gateway.entrypoints.status_api import status_blueprint
from gateway.entrypoints.surveys_api import surveys_blueprint
from gateway.entrypoints.tasks_api import tasks_blueprint
from gateway.entrypoints.tickets_api import tickets_blueprint
from gateway.entrypoints.users_api import users_blueprint
from gateway.errors import register_error_handlers
from gateway.first_start import announce_first_admin
from gateway.http.current import EXTENSION
from gateway.settings import GatewaySettings
from gateway.web.install import install_web
from gateway.web.notification_views import notification_pages


def create_app(settings: GatewaySettings | None = None) -> Flask:
    settings = settings or GatewaySettings()
    configure_logging("gateway", settings.log_level, settings.log_format)

    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = settings.max_body_bytes
    app.json.sort_keys = False
    if settings.trusted_proxies:
        # Only the hops we run may say the client's address (allowed_ips and the rate limits
        # use it) and whether it spoke HTTPS (the cookies' Secure flag): one layer for both, so
        # the original values it records are the connection's own.
        hops = settings.trusted_proxies
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)

    gateway = bootstrap(settings)
    app.extensions[EXTENSION] = gateway

    register_error_handlers(app)
    install_correlation(app)
    install_security_headers(app)

    api = make_spectree()
    install_body_checks(app, api)  # before any view: which routes take a form, from `api`
    for make_blueprint in (
        health_blueprint,
        status_blueprint,
        auth_blueprint,
        users_blueprint,
        dictionary_blueprint,
        campaigns_blueprint,
        campaign_notes_blueprint,
        campaign_files_blueprint,
        follow_ups_blueprint,
        tickets_blueprint,
        surveys_blueprint,
        public_surveys_blueprint,
        leads_blueprint,
        customers_blueprint,
        contacts_blueprint,
        deals_blueprint,
        notes_blueprint,
        reports_blueprint,
        audit_blueprint,
        tasks_blueprint,
        activities_blueprint,
        saved_views_blueprint,
        bulk_jobs_blueprint,
        notifications_blueprint,
        notification_pages,
        openapi_blueprint,
    ):
        app.register_blueprint(make_blueprint(api))
    install_web(app)  # the staff web UI under /ui, on the same use cases as the API
    install_rate_limits(app)  # wraps views of the blueprints above, so it comes after them

    try:
        announce_first_admin(gateway.deps, settings)
    except (OperationalError, ProgrammingError) as error:
        gateway.close()
        raise RuntimeError(
            "the gateway database has no schema yet: run `crm-gateway migrate` first"
        ) from error
    return app
