"""The public survey endpoint: no login, bodies checked, and rate limited per address."""

from __future__ import annotations

ANSWER = {"score": 4, "comment": "Fine"}


def test_no_account_is_needed_and_the_body_is_checked(client) -> None:
    bad = client.post("/api/v1/public/surveys/some-token", json={"score": 9})
    assert bad.status_code == 400
    assert bad.content_type == "application/problem+json"
    assert bad.get_json()["errors"][0]["field"] == "score"

    # Past authentication and validation; the service behind is down in this test.
    assert client.post("/api/v1/public/surveys/some-token", json=ANSWER).status_code == 503


def test_an_address_past_its_burst_gets_429_with_retry_after(make_app, monkeypatch) -> None:
    monkeypatch.setenv("GATEWAY_PUBLIC_SURVEY_PER_MINUTE", "1")
    monkeypatch.setenv("GATEWAY_PUBLIC_SURVEY_BURST", "2")
    client = make_app().test_client()

    def answer(address: str):
        return client.post(
            "/api/v1/public/surveys/t", json=ANSWER, environ_base={"REMOTE_ADDR": address}
        )

    statuses = [answer("198.51.100.7").status_code for _ in range(3)]
    limited = answer("198.51.100.7")

    assert statuses[:2] == [503, 503] and statuses[2] == 429
    assert limited.status_code == 429
    assert limited.content_type == "application/problem+json"
    # 2 per 120 s: the window frees a place when the first answer is two minutes old
    assert 1 <= int(limited.headers["Retry-After"]) <= 120
    assert answer("198.51.100.8").status_code == 503  # another address is not held back
