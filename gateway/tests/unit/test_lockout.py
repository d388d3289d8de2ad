from datetime import UTC, datetime, timedelta

from gateway.domain.account import Account
from gateway.domain.lockout import LockoutPolicy, is_locked_out

NOW = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)
POLICY = LockoutPolicy(threshold=3, duration=timedelta(minutes=15))


def account(**overrides) -> Account:
    fields = dict(
        id="u1",
        username="alice",
        display_name="Alice",
        email=None,
        roles=frozenset({"sales"}),
        password_hash="x",
    )
    return Account(**(fields | overrides))


def test_failures_below_threshold_only_count():
    assert POLICY.after_failure(0, NOW) == (1, None)
    assert POLICY.after_failure(1, NOW) == (2, None)


def test_reaching_threshold_locks_for_the_duration_and_restarts_the_count():
    assert POLICY.after_failure(2, NOW) == (0, NOW + timedelta(minutes=15))


def test_lockout_ends_after_its_time():
    until = NOW + timedelta(minutes=15)
    assert is_locked_out(until, NOW)
    assert not is_locked_out(until, until)
    assert not is_locked_out(None, NOW)


def test_account_locks_itself_after_repeated_failures_and_success_resets():
    user = account()
    for _ in range(3):
        user.record_failed_login(POLICY, NOW)
    assert user.login_refusal(NOW, None) == "locked after repeated failures"
    assert user.login_refusal(NOW + timedelta(minutes=16), None) is None
    user.record_failed_login(POLICY, NOW)
    user.record_successful_login()
    assert (user.failed_logins, user.locked_until) == (0, None)


def test_refusals_for_locked_expired_and_foreign_address():
    assert account(locked=True).login_refusal(NOW, None) == "locked by an administrator"
    assert account(expires_at=NOW).login_refusal(NOW, None) == "expired"
    assert account(expires_at=NOW + timedelta(days=1)).login_refusal(NOW, None) is None
    fenced = account(allowed_ips=("10.0.0.0/8",))
    assert fenced.login_refusal(NOW, "192.0.2.1") == "address outside allowed_ips"
    assert fenced.login_refusal(NOW, "10.2.3.4") is None
