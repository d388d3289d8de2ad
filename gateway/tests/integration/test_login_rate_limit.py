"""Logins are rate limited per address (beside the lockout of one account): 429 problem+json
with Retry-After, and another address is not held back."""

from __future__ import annotations


def test_an_address_past_its_login_burst_gets_429_with_retry_after(make_app, monkeypatch):
    monkeypatch.setenv("GATEWAY_LOGIN_PER_MINUTE", "2")
    monkeypatch.setenv("GATEWAY_LOGIN_BURST", "3")
    client = make_app().test_client()

    def log_in(address: str, username: str):
        body = {"username": username, "password": "wrong-password"}
        return client.post("/api/v1/auth/login", json=body, environ_base={"REMOTE_ADDR": address})

    # a different account each time: the per-account lockout never comes into play
    statuses = [log_in("203.0.113.5", f"user{n}").status_code for n in range(3)]
    limited = log_in("203.0.113.5", "user9")

    assert statuses == [401, 401, 401]
    assert limited.status_code == 429
    assert limited.content_type == "application/problem+json"
    assert limited.get_json()["status"] == 429
    assert 1 <= int(limited.headers["Retry-After"]) <= 90  # 3 per 90 s
    assert log_in("203.0.113.6", "user1").status_code == 401


def test_the_login_page_is_limited_too_but_showing_it_is_not(make_app, monkeypatch):
    monkeypatch.setenv("GATEWAY_LOGIN_PER_MINUTE", "1")
    monkeypatch.setenv("GATEWAY_LOGIN_BURST", "1")
    client = make_app().test_client()
    form = {"username": "nobody", "password": "wrong-password"}
    address = {"REMOTE_ADDR": "203.0.113.7"}
    client.post("/ui/login", data=form, environ_base=address)
    assert client.post("/ui/login", data=form, environ_base=address).status_code == 429
    assert client.get("/ui/login", environ_base=address).status_code == 200
