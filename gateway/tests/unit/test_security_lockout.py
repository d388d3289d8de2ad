"""Finding 4 of issue 24, the domain rule: failures are throttled per (account, address) with
a growing wait; the account-wide lock takes many addresses and spares the owner's."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from gateway.domain.account import Account
from gateway.domain.lockout import ADDRESSES_FOR_A_LOCK, LockoutPolicy
from gateway.domain.login_history import AddressHistory
from gateway.domain.network import address_key

NOW = datetime(2026, 12, 3, 12, 0, tzinfo=UTC)
POLICY = LockoutPolicy.for_addresses(5, timedelta(minutes=15))


def account() -> Account:
    return Account("u1", "admin", "Admin", None, frozenset({"admin"}), "x")


def test_an_address_waits_after_its_tries_twice_as_long_each_time_up_to_the_cap():
    waits = [POLICY.wait_after(n, NOW) for n in range(1, 12)]
    assert waits[:4] == [None] * 4
    seconds = [(w - NOW).total_seconds() for w in waits[4:]]
    assert seconds == [30, 60, 120, 240, 480, 900, 900]
    assert POLICY.wait_after(10_000, NOW) == NOW + timedelta(minutes=15)


def test_tries_while_waiting_neither_count_nor_lengthen_the_wait():
    history = AddressHistory()
    for _ in range(5):
        history.record_failure(POLICY, NOW)
    assert history.waiting(NOW) and history.wait_until == NOW + timedelta(seconds=30)
    history.record_failure(POLICY, NOW + timedelta(seconds=10))
    assert (history.failures, history.wait_until) == (5, NOW + timedelta(seconds=30))
    assert not history.waiting(NOW + timedelta(seconds=30))
    history.record_failure(POLICY, NOW + timedelta(seconds=31))
    assert history.wait_until == NOW + timedelta(seconds=91)


def test_a_success_ends_the_wait_and_makes_the_address_known():
    history = AddressHistory()
    assert not history.known
    history.record_failure(POLICY, NOW)
    history.record_success(NOW)
    assert history.known and history.failures == 0 and not history.waiting(NOW)


def test_one_address_alone_never_reaches_the_account_lock():
    assert POLICY.per_address == 5 and POLICY.threshold == 5 * ADDRESSES_FOR_A_LOCK
    user = account()
    for _ in range(POLICY.per_address):
        user.record_failed_login(POLICY, NOW)
    assert user.login_refusal(NOW, "203.0.113.9") is None


def test_stuffing_from_many_addresses_locks_strangers_out_but_not_the_owner():
    user = account()
    for _ in range(POLICY.threshold):
        user.record_failed_login(POLICY, NOW)
    assert user.login_refusal(NOW, "203.0.113.9") == "locked after repeated failures"
    assert user.login_refusal(NOW, "192.0.2.1", known_address=True) is None
    assert user.login_refusal(NOW + timedelta(minutes=15), "203.0.113.9") is None


def test_an_administrators_lock_spares_no_address():
    user = account()
    user.locked = True
    assert user.login_refusal(NOW, "192.0.2.1", known_address=True) == "locked by an administrator"


def test_ipv6_clients_count_by_their_64_and_ipv4_as_it_is():
    assert address_key("2001:db8:1:2:aaaa::1") == address_key("2001:db8:1:2:bbbb::2")
    assert address_key("2001:db8:1:2::1") != address_key("2001:db8:1:3::1")
    assert address_key("::ffff:192.0.2.7") == address_key("192.0.2.7") == "192.0.2.7"
    assert address_key(None) == "" and address_key("not an ip") == "not an ip"
