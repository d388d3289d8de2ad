"""Every string of the record pages has its Simplified Chinese translation in the catalog
(extracted as babel.cfg says, so a new string nobody translated fails here, not in a review)."""

from __future__ import annotations

from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

import gateway.web

WEB = Path(gateway.web.__file__).resolve().parent
CATALOG = WEB / "translations/zh_Hans_CN/LC_MESSAGES/messages.po"
RECORD_PAGES = (
    "deletion.py", "deal_forms.py", "follow_up_forms.py", "note_views.py", "lead_views.py",
    "deal_views.py", "customer_views.py", "contact_views.py", "campaign_views.py",
    "ticket_views.py", "follow_up_views.py", "templates/confirm.html", "templates/macros.html",
    "templates/base.html", "templates/leads/", "templates/deals/", "templates/customers/",
    "templates/contacts/", "templates/service/", "templates/campaigns/detail.html",
)  # fmt: skip
METHODS = [("**.py", "python"), ("templates/**.html", "jinja2")]


def test_every_string_of_the_record_pages_is_translated():
    with CATALOG.open("rb") as po:
        catalog = read_po(po, locale="zh_Hans_CN")
    untranslated = set()
    for filename, _line, message, _comments, _context in extract_from_dir(
        WEB, METHODS, keywords={"_": None, "_l": None, "gettext": None}
    ):
        msgid = message[0] if isinstance(message, tuple) else message
        if filename.startswith(RECORD_PAGES) and not getattr(catalog.get(msgid), "string", ""):
            untranslated.add((filename, msgid))
    assert sorted(untranslated) == []
