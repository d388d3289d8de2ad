"""Log in, log out and pick a language: the web UI's session cookie on the gateway's tokens.

A logged-in user's language is stored with their account (and so follows them to another
browser, applied at login); before login it lives in a cookie, over the browser's default."""

from __future__ import annotations

from flask import Blueprint, g, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _

from crm_platform.errors import Unauthenticated
from gateway.domain.redirects import local_path
from gateway.http.csrf import (
    LOGIN_CSRF_COOKIE,
    SESSION_COOKIE,
    login_csrf_ok,
    login_csrf_token,
    set_cookie,
)
from gateway.http.current import current_gateway
from gateway.service import auth
from gateway.service.commands import LogIn, UpdateUser
from gateway.service.users import update_user
from gateway.web.i18n import LANGUAGES, LOCALE_COOKIE
from gateway.web.session import menu_for, page

YEAR = 365 * 24 * 3600


def secure_cookies() -> bool:
    return current_gateway().settings.secure_cookies or request.is_secure


def safe_next(target: str | None) -> str:
    """Only a path on this site, so the login page cannot send anyone elsewhere."""
    return local_path(target) or url_for("web.home")


def add_auth_routes(bp: Blueprint) -> None:
    @bp.route("/login", methods=["GET", "POST"])
    def login():
        username, error, status = "", "", 200
        if request.method == "POST":
            username = request.form.get("username", "")
            if not login_csrf_ok():
                error, status = _("The form expired; please try again."), 400
            else:
                try:
                    session = auth.log_in(
                        current_gateway().deps,
                        LogIn(
                            username,
                            request.form.get("password", ""),
                            client_address=request.remote_addr,
                        ),
                    )
                except Unauthenticated:
                    error, status = (
                        _("Invalid username or password, or the account may not log in now."),
                        401,
                    )
                else:
                    response = redirect(safe_next(request.args.get("next")))
                    set_cookie(
                        response,
                        SESSION_COOKIE,
                        session.access_token,
                        session.expires_in,
                        secure_cookies(),
                    )
                    response.delete_cookie(LOGIN_CSRF_COOKIE, path="/")
                    account = session.account
                    if account is not None and account.language in LANGUAGES:
                        # The stored choice wins over this browser's, from this page on.
                        set_cookie(
                            response, LOCALE_COOKIE, account.language, YEAR, secure_cookies()
                        )
                    return response
        token = login_csrf_token()
        body = render_template(
            "login.html", username=username, error=error, login_csrf=token, hide_menu=True
        )
        response = make_response(body, status)
        set_cookie(response, LOGIN_CSRF_COOKIE, token, 3600, secure_cookies())
        return response

    @bp.post("/logout")
    @page()
    def logout():
        auth.log_out(current_gateway().deps, g.access_token)
        response = redirect(url_for("web.login"))
        response.delete_cookie(SESSION_COOKIE, path="/")
        return response

    @bp.get("/language/<code>")
    def language(code: str):
        """Before login (the login page's switch): this browser's choice only."""
        response = redirect(safe_next(request.args.get("next")))
        if code in LANGUAGES:
            set_cookie(response, LOCALE_COOKIE, code, YEAR, secure_cookies())
        return response

    @bp.post("/language/<code>")
    @page()
    def choose_language(code: str):
        """A logged-in user's choice, stored with the account (a form, so it needs CSRF)."""
        response = redirect(safe_next(request.args.get("next")))
        if code in LANGUAGES:
            changes = {"language": code}
            update_user(current_gateway().deps, UpdateUser(g.account.id, changes))
            set_cookie(response, LOCALE_COOKIE, code, YEAR, secure_cookies())
        return response

    @bp.get("/")
    @page()
    def home():
        entries = menu_for(g.account.roles)
        if not entries:
            return render_template("home.html")
        return redirect(url_for(entries[0][0]))
