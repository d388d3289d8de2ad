"""The bell in the header, the notifications page (opening one marks it read and goes to its
record) and the settings page, in English and Simplified Chinese, over a real notifications
gRPC server."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from notifications import bootstrap
from notifications.domain.facts import Notify
from notifications.service.deliver import notify
from notifications.service.mailing import Mailing
from notifications.settings import NotificationsSettings

from crm_platform import migrations
from crm_platform.database import make_engine, make_session_factory
from crm_platform.grpc_server.server import start_server


@pytest.fixture
def notifications_db(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'notifications.db'}"
    migrations.upgrade(bootstrap.MIGRATIONS, url)
    engine = make_engine(url)
    session_factory = make_session_factory(engine)
    server = start_server(
        "127.0.0.1:0", bootstrap.grpc_bindings(NotificationsSettings(), session_factory), workers=2
    )
    monkeypatch.setenv("NOTIFICATIONS_GRPC_ADDRESS", f"127.0.0.1:{server.port}")
    yield session_factory
    server.stop(0)
    engine.dispose()


@pytest.fixture
def rep(notifications_db, browser, make_user, user_password, app):
    username = make_user("sales")
    assert browser.log_in(username, user_password).status_code == 302
    with app.app_context():
        from gateway.http.current import current_gateway

        with current_gateway().deps.uow().read_only() as uow:
            user_id = uow.users.get_by_username(username).id
    return browser, user_id


def tell(session_factory, user_id: str, related_id: str) -> None:
    with session_factory() as session:
        fact = Notify("deal_assigned", user_id, "deal", related_id, {"subject": "Big deal"})
        notify(session, fact, datetime.now(UTC), Mailing())
        session.commit()


def test_the_bell_and_the_list_and_opening_marks_read(rep, notifications_db):
    browser, user_id = rep
    tell(notifications_db, user_id, "deal-1")
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
    tell(notifications_db, user_id, "deal-1")
    tell(notifications_db, user_id, "deal-2")
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
