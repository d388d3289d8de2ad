"""Languages of the web UI (English, Simplified Chinese) with Flask-Babel.

The catalogs are committed as .po files and compiled in memory when the app starts, so no
build step writes .mo files and a read-only root filesystem is fine.
"""

from __future__ import annotations

import io
from decimal import Decimal, InvalidOperation
from pathlib import Path

from babel import Locale
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations
from flask import Flask, g, request
from flask_babel import Babel, format_currency, format_date, format_datetime, format_decimal

TRANSLATIONS = Path(__file__).resolve().parent / "translations"
LOCALE_COOKIE = "crm_locale"
# What a user may pick, by the language subtag a browser sends.
LANGUAGES = {"en": "en", "zh": "zh_Hans_CN"}
LANGUAGE_NAMES = {"en": "English", "zh": "简体中文"}


def language_of(locale_name: str) -> str:
    return Locale.parse(locale_name).language


def choose_locale() -> str:
    """The logged-in user's stored choice, else the one in this browser's cookie (set by the
    language switch, and at login from the stored choice), else the browser's language."""
    account = g.get("account")
    chosen = getattr(account, "language", None) or request.cookies.get(LOCALE_COOKIE, "")
    if chosen in LANGUAGES:
        return LANGUAGES[chosen]
    for offered, _quality in request.accept_languages:
        language = offered.replace("_", "-").split("-")[0].lower()
        if language in LANGUAGES:
            return LANGUAGES[language]
    return "en"


def compiled_catalogs() -> dict[tuple[str, str], Translations]:
    """Every messages.po under translations/, compiled to in-memory catalogs."""
    catalogs = {}
    for po_path in sorted(TRANSLATIONS.glob("*/LC_MESSAGES/messages.po")):
        locale = po_path.parent.parent.name
        with po_path.open("rb") as po_file:
            catalog = read_po(po_file, locale=locale)
        buffer = io.BytesIO()
        write_mo(buffer, catalog)
        buffer.seek(0)
        catalogs[str(Locale.parse(locale)), "messages"] = Translations(buffer, domain="messages")
    return catalogs


def money(amount: str | None, currency: str | None) -> str:
    if not amount:
        return ""
    try:
        value = Decimal(amount)
    except InvalidOperation:
        return amount
    return format_currency(value, currency) if currency else format_decimal(value)


def install_i18n(app: Flask) -> None:
    babel = Babel(app, locale_selector=choose_locale)
    with app.app_context():  # the domain reads its name from the app's Babel settings
        babel.domain_instance.cache.update(compiled_catalogs())
    app.jinja_env.filters.update(money=money, date=format_date, datetime=format_datetime)
