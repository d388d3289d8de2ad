"""Each user's language: chosen once, stored with the account, applied at every login and in
any browser; before any choice the browser's language decides."""

from __future__ import annotations


def text(response) -> str:
    return response.get_data(as_text=True)


def test_a_choice_is_stored_and_applied_at_the_next_login_in_another_browser(
    app, make_user, user_password, new_browser
):
    username = make_user("sales")
    first = new_browser(app)
    first.log_in(username, user_password)
    english = first.get("/ui/leads", headers={"Accept-Language": "en-US"})
    assert "Leads" in text(english) and 'data-language="zh"' in text(english)

    chosen = first.post("/ui/language/zh?next=/ui/leads")
    assert chosen.status_code == 302 and chosen.headers["Location"] == "/ui/leads"
    assert "线索" in text(first.get("/ui/leads", headers={"Accept-Language": "en-US"}))

    # Another browser, whose language is English: the login page follows it, then the
    # stored choice takes over from the login on.
    second = new_browser(app)
    login_page = second.client.get("/ui/login", headers={"Accept-Language": "en-US"})
    assert "Username" in text(login_page)
    second.log_in(username, user_password)
    page = second.get("/ui/leads", headers={"Accept-Language": "en-US"})
    assert '<html lang="zh-CN">' in text(page) and "线索" in text(page)
    assert second.client.get_cookie("crm_locale").value == "zh"  # for the pages before login

    # Back to English, stored too.
    second.post("/ui/language/en?next=/ui/leads")
    third = new_browser(app)
    third.log_in(username, user_password)
    assert "Leads" in text(third.get("/ui/leads", headers={"Accept-Language": "zh-CN"}))


def test_without_a_stored_choice_the_browsers_language_decides(app, make_user, user_password,
                                                              new_browser):  # fmt: skip
    username = make_user("sales")
    browser = new_browser(app)
    browser.log_in(username, user_password)
    assert "线索" in text(browser.get("/ui/leads", headers={"Accept-Language": "zh-CN,zh"}))
    assert "Leads" in text(browser.get("/ui/leads", headers={"Accept-Language": "en-GB"}))


def test_storing_a_choice_needs_the_sessions_csrf_token(admin):
    refused = admin.post("/ui/language/zh?next=/ui/leads", csrf=False)
    assert refused.status_code == 400
    assert "Leads" in text(admin.get("/ui/leads", headers={"Accept-Language": "en"}))
