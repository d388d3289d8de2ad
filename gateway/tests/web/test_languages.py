"""English and Simplified Chinese: the browser's language by default, the user's pick after."""

from __future__ import annotations


def test_the_login_page_follows_the_browsers_language(browser):
    chinese = browser.client.get("/ui/login", headers={"Accept-Language": "zh-CN,zh;q=0.9"})
    page = chinese.get_data(as_text=True)
    assert '<html lang="zh-CN">' in page and "用户名" in page and "密码" in page
    english = browser.client.get("/ui/login", headers={"Accept-Language": "en-US,en;q=0.8"})
    assert "Username" in english.get_data(as_text=True)


def test_switching_to_chinese_translates_menus_labels_and_formats(admin):
    admin.client.post(
        "/api/v1/campaigns",
        json={
            "name": "广交会",
            "type": "trade_show",
            "budget": "12500",
            "currency": "CNY",
            "start_date": "2026-04-15",
        },
        headers={"X-CSRF-Token": admin.csrf},
    )
    switched = admin.client.get("/ui/language/zh?next=/ui/campaigns")
    assert switched.status_code == 302 and switched.headers["Location"] == "/ui/campaigns"
    page = admin.get("/ui/campaigns?q=广交会", headers={"Accept-Language": "en"}).get_data(
        as_text=True
    )
    assert "市场活动" in page and "商机看板" in page and "退出登录" in page
    assert "展会" in page and "计划中" in page  # type and status codes, translated
    assert "¥12,500.00" in page and "2026年4月15日" in page

    english = admin.client.get("/ui/language/en?next=//evil.example/")
    assert english.headers["Location"] == "/ui/"  # only paths on this site
    assert "Campaigns" in admin.get("/ui/campaigns").get_data(as_text=True)
