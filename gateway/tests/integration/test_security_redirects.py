"""Finding 1 of issue 24 through the web UI: the language switch and the login form send a
browser only to a path on this site; anything else goes to the home page."""

from __future__ import annotations

import re

import pytest

CSRF_INPUT = re.compile(r'name="csrf_token" value="([^"]+)"')
HOSTILE = ["/%09/evil.example", "//evil.example", "/%5Cevil.example", "https://evil.example",
           "/%250a/evil.example"]  # fmt: skip


@pytest.mark.parametrize("target", HOSTILE)
def test_the_language_switch_does_not_redirect_elsewhere(client, target):
    response = client.get(f"/ui/language/en?next={target}")
    assert response.status_code == 302
    assert response.headers["Location"] == "/ui/"


def test_the_language_switch_goes_back_to_a_local_page(client):
    response = client.get("/ui/language/zh?next=/ui/leads%3Fq%3Dacme")
    assert response.headers["Location"] == "/ui/leads?q=acme"


@pytest.mark.parametrize("target", [*HOSTILE, "/ui/leads"])
def test_the_login_form_redirects_only_to_a_local_page(client, api, target):
    page = client.get("/ui/login")
    token = CSRF_INPUT.search(page.get_data(as_text=True)).group(1)
    form = {"username": "admin", "password": api.admin_password, "csrf_token": token}
    response = client.post(f"/ui/login?next={target}", data=form)
    assert response.status_code == 302
    expected = target if target == "/ui/leads" else "/ui/"
    assert response.headers["Location"] == expected
