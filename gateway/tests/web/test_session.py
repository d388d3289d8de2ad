"""Logging in and out of the web UI: the cookie, CSRF, the API's lockout and address rules."""

from __future__ import annotations

from gateway.app import create_app
from gateway.http.csrf import CSRF_HEADER, SESSION_COOKIE


def cookie_header(response, name: str) -> str:
    return next(h for h in response.headers.getlist("Set-Cookie") if h.startswith(f"{name}="))


def test_anonymous_pages_send_to_the_login_page(browser):
    response = browser.client.get("/ui/campaigns?q=x")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/ui/login?next=")
    assert browser.client.get("/").headers["Location"] == "/ui/"


def test_login_sets_an_http_only_lax_session_cookie_and_logout_ends_it(browser, admin_password):
    response = browser.log_in("admin", admin_password)
    assert response.status_code == 302
    cookie = cookie_header(response, SESSION_COOKIE)
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie
    assert browser.get("/ui/campaigns").status_code == 200

    token = browser.client.get_cookie(SESSION_COOKIE).value
    out = browser.post("/ui/logout")
    assert out.status_code == 302 and out.headers["Location"] == "/ui/login"
    # The token itself is revoked, not only the cookie dropped.
    browser.client.set_cookie(SESSION_COOKIE, token)
    assert browser.client.get("/ui/campaigns").status_code == 302


def test_the_cookie_is_secure_when_the_setting_says_so(app, new_browser, admin_password):
    settings = app.extensions["crm_gateway"].settings
    secure_app = create_app(settings.model_copy(update={"secure_cookies": True}))
    response = new_browser(secure_app).log_in("admin", admin_password)
    assert "Secure" in cookie_header(response, SESSION_COOKIE)
    secure_app.extensions["crm_gateway"].close()


def test_a_wrong_password_shows_one_message_and_keeps_the_username(browser, admin_password):
    response = browser.log_in("admin", "wrong")
    page = response.get_data(as_text=True)
    assert response.status_code == 401
    assert "Invalid username or password" in page and 'value="admin"' in page
    assert SESSION_COOKIE not in response.headers.get("Set-Cookie", "")


def test_repeated_failures_lock_the_account_as_for_the_api(browser, make_user, user_password):
    username = make_user("sales")
    for _ in range(3):
        assert browser.log_in(username, "wrong").status_code == 401
    assert browser.log_in(username, user_password).status_code == 401


def test_allowed_addresses_apply(browser, make_user, user_password):
    username = make_user("sales", allowed_ips=["10.0.0.0/8"])
    assert browser.log_in(username, user_password, address="192.0.2.1").status_code == 401
    assert browser.log_in(username, user_password, address="10.1.2.3").status_code == 302


def test_the_login_form_needs_its_csrf_token(browser, admin_password):
    browser.client.get("/ui/login")
    response = browser.client.post(
        "/ui/login", data={"username": "admin", "password": admin_password}
    )
    assert response.status_code == 400
    assert SESSION_COOKIE not in response.headers.get("Set-Cookie", "")


def test_a_form_without_the_csrf_token_is_refused(admin):
    form = {"name": "Spring expo", "type": "trade_show", "status": "planned"}
    refused = admin.post("/ui/campaigns/new", form, csrf=False)
    assert refused.status_code == 400
    assert "did not come from this site" in refused.get_data(as_text=True)
    forged = admin.post("/ui/campaigns/new", {**form, "csrf_token": "0" * 64})
    assert forged.status_code == 400
    assert admin.post("/ui/logout", csrf=False).status_code == 400


def test_the_rest_api_takes_the_cookie_and_wants_the_csrf_header_for_changes(admin):
    client = admin.client
    assert client.get("/api/v1/me").get_json()["username"] == "admin"
    body = {"name": "Cookie campaign", "type": "email"}
    refused = client.post("/api/v1/campaigns", json=body)
    assert refused.status_code == 403 and CSRF_HEADER in refused.get_json()["detail"]
    created = client.post("/api/v1/campaigns", json=body, headers={CSRF_HEADER: admin.csrf})
    assert created.status_code == 201, created.get_json()


def test_menus_follow_roles(browser, make_user, user_password):
    expected = {
        ("marketing",): {"campaigns", "leads"},
        ("sales",): {"leads", "deals", "board"},
        ("service",): set(),
        ("manager",): {"campaigns", "leads", "deals", "board"},
    }
    for roles, menu in expected.items():
        browser.client.delete_cookie(SESSION_COOKIE, path="/")
        assert browser.log_in(make_user(*roles), user_password).status_code == 302
        page = browser.get("/ui/", follow_redirects=True).get_data(as_text=True)
        shown = {key for key in expected[("manager",)] if f'data-menu="{key}"' in page}
        assert shown == menu, roles


def test_a_page_outside_ones_roles_is_forbidden(browser, make_user, user_password):
    browser.log_in(make_user("service"), user_password)
    assert browser.client.get("/ui/campaigns").status_code == 403
    browser.client.delete_cookie(SESSION_COOKIE, path="/")
    browser.log_in(make_user("marketing"), user_password)
    assert browser.client.get("/ui/deals/board").status_code == 403
