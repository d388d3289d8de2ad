"""E-mail bodies from the Jinja2 templates of each language (text and HTML)."""

from __future__ import annotations

import uuid
from email.utils import parseaddr
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape


@cache
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("notifications", "templates"),
        # The HTML part escapes what users typed (a deal's name); the text part must not.
        autoescape=select_autoescape(enabled_extensions=("html",), default_for_string=False),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )


def render_mail(template: str, language: str, **context: Any) -> tuple[str, str]:
    """(text, html) of `template` ("notification" or "digest") in `language`."""
    env = _environment()
    text = env.get_template(f"{language}/{template}.txt").render(**context)
    html = env.get_template(f"{language}/{template}.html").render(**context)
    return text, html


def new_message_id(mail_from: str) -> str:
    """A Message-ID in our own domain (the sender's), unique per message."""
    domain = parseaddr(mail_from)[1].rpartition("@")[2] or "crm.localhost"
    return f"<{uuid.uuid4().hex}@{domain}>"
