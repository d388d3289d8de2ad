from datetime import UTC, datetime, timedelta

from gateway.domain.idempotency import (
    KEY_LIFETIME,
    Decision,
    StoredResponse,
    decide,
    fingerprint,
)

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
PRINT = fingerprint("POST", "/api/v1/leads/1:convert?", b'{"create_deal":true}')


def test_fingerprint_tells_requests_apart():
    assert fingerprint("POST", "/api/v1/leads/1:convert?", b'{"create_deal":true}') == PRINT
    assert fingerprint("POST", "/api/v1/leads/2:convert?", b'{"create_deal":true}') != PRINT
    assert fingerprint("POST", "/api/v1/leads/1:convert?", b'{"create_deal":false}') != PRINT
    # Parts are length-prefixed: moving bytes between path and body changes the print.
    assert fingerprint("POST", "/a", b"b") != fingerprint("POST", "/ab", b"")


def test_a_fresh_key_proceeds():
    assert decide(None, PRINT, NOW) is Decision.PROCEED


def test_the_same_request_replays_the_first_answer():
    assert decide(StoredResponse(PRINT, 200, NOW), PRINT, NOW) is Decision.REPLAY


def test_another_request_under_the_same_key_is_refused():
    assert decide(StoredResponse("other", 200, NOW), PRINT, NOW) is Decision.MISMATCH


def test_a_running_first_request_makes_the_retry_wait():
    assert decide(StoredResponse(PRINT, None, NOW), PRINT, NOW) is Decision.IN_PROGRESS


def test_after_a_day_the_key_is_free_again():
    old = StoredResponse("other", 201, NOW - KEY_LIFETIME - timedelta(seconds=1))
    assert decide(old, PRINT, NOW) is Decision.PROCEED
