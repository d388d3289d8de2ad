"""The bell in the header, the notifications page (opening one marks it read and goes to its
record) and the settings page, in English and Simplified Chinese, over a real notifications
gRPC server."""

from __future__ import annotations

import pytest

from gateway.http.current import current_gateway

from ..notifications_server import notifications_server, tell


@pytest.fixture
def notifications_db(tmp_path, monkeypatch):
    with notifications_server(tmp_path, monkeypatch) as session_factory:
        yield session_factory


@pytest.fixture
def rep(notifications_db, browser, make_user, user_password, app):
    username = make_user("sales")
    assert browser.log_in(username, user_password).status_code == 302
    with app.app_context(), current_gateway().deps.uow().read_only() as uow:
        user_id = uow.users.get_by_username(username).id
    return browser, user_id


def test_the_bell_and_the_list_and_opening_marks_read(rep, notifications_db):
    browser, user_id = rep
    tell(notifications_db, user_id, "deal_assigned", "deal-1")
    page = browser.get("/ui/notifications").get_data(as_text=True)
    assert 'class="bell"' in page and 'data-count-url="/api/v1/notifications:count"' in page
    assert "bell.js" in page
    assert "Deal assigned to you: Big deal" in page and 'data-read="false"' in page
    assert browser.api("GET", "/api/v1/notifications:count") == {"unread": 1}

    (notification_id,) = [n["id"] for n in browser.api("GET", "/api/v1/notifications")["items"]]
    opened = browser.post(f"/ui/notifications/{notification_id}/open")
    assert opened.status_code == 302 and opened.headers["Location"].endswith("/ui/deals/deal-1")
    assert browser.api("GET", "/api/v1/notifications:count") == {"unread": 0}
    assert 'data-read="true"' in browser.get("/ui/notifications").get_data(as_text=True)


def test_mark_all_read_and_the_unread_filter(rep, notifications_db):
    browser, user_id = rep
    tell(notifications_db, user_id, "deal_assigned", "deal-1")
    tell(notifications_db, user_id, "deal_assigned", "deal-2")
    assert browser.post("/ui/notifications/read-all").status_code == 302
    assert "No notifications." in browser.get("/ui/notifications?unread=1").get_data(as_text=True)


def test_settings_saved_and_shown_in_chinese(rep):
    browser, _ = rep
    page = browser.get("/ui/notifications/settings").get_data(as_text=True)
    assert "A ticket of mine is at 80 % of its SLA" in page
    saved = browser.post(
        "/ui/notifications/settings", {"deal_moved": "none", "email_frequency": "daily_digest"}
    )
    assert saved.status_code == 302
    assert browser.api("GET", "/api/v1/me/notification-settings")["preferences"]["deal_moved"] == (
        "none"
    )
    refused = browser.post("/ui/notifications/settings", {"deal_moved": "sms"})
    assert refused.status_code == 400

    browser.post("/ui/language/zh?next=/ui/notifications/settings")
    chinese = browser.get("/ui/notifications/settings").get_data(as_text=True)
    assert "通知设置" in chinese and "我的工单已用去 80 % 的 SLA 时间" in chinese
    assert "每日摘要" in chinese
