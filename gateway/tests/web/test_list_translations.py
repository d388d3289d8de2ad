"""Every string of the list pages (filters, saved views, the bulk bar and the bulk job's page)
has its Simplified Chinese translation in the catalog, as the record pages' do."""

from __future__ import annotations

from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

import gateway.web

WEB = Path(gateway.web.__file__).resolve().parent
CATALOG = WEB / "translations/zh_Hans_CN/LC_MESSAGES/messages.po"
LIST_PAGES = (
    "lists.py", "list_actions.py", "templates/bulk/", "templates/leads/list.html",
    "templates/deals/list.html", "templates/customers/list.html",
    "templates/contacts/list.html", "templates/campaigns/list.html",
)  # fmt: skip
METHODS = [("**.py", "python"), ("templates/**.html", "jinja2")]


def test_every_string_of_the_list_pages_is_translated():
    catalog = read_po(CATALOG.open("rb"), locale="zh_Hans_CN")
    found = extract_from_dir(WEB, METHODS, keywords={"_": None, "_l": None, "gettext": None})
    messages = {(name, text[0] if isinstance(text, tuple) else text) for name, _, text, *_ in found}
    mine = {(name, text) for name, text in messages if name.startswith(LIST_PAGES)}
    assert sorted((n, t) for n, t in mine if not getattr(catalog.get(t), "string", "")) == []


def test_a_list_page_reads_in_chinese(admin):
    admin.client.get("/ui/language/zh")
    page = admin.get("/ui/leads").get_data(as_text=True)
    assert "每页行数" in page and "保存此视图" in page and "批量操作" in page
