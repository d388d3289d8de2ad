"""Finding 4 of issue 24 on the login: a stranger's wrong passwords hold back the stranger's
address only; stuffing from many addresses locks the account for new addresses, yet the owner
still logs in from an address that logged in before (the integration conftest's threshold: 3
tries per address, so 12 from strangers lock the account)."""

from __future__ import annotations

OWNER, STRANGER = "192.0.2.1", "203.0.113.66"


def test_a_stranger_cannot_lock_the_owner_out(api, create_user):
    create_user("alice")
    for _ in range(api.lockout_threshold + 2):
        assert api.log_in("alice", "wrong-password", address=STRANGER).status_code == 401
    # The reported attack: the account worked nowhere any more. Now only the stranger waits.
    assert api.log_in("alice", "password-123", address=OWNER).status_code == 200
    assert api.log_in("alice", "password-123", address="198.51.100.4").status_code == 200
    assert api.log_in("alice", "password-123", address=STRANGER).status_code == 401


def test_the_owners_own_address_waits_after_failures_too(api, create_user):
    create_user("bob")
    for _ in range(api.lockout_threshold):
        api.log_in("bob", "wrong-password", address=OWNER)
    refused = api.log_in("bob", "password-123", address=OWNER)
    assert refused.status_code == 401
    assert refused.get_data() == api.log_in("nobody", "x", address=OWNER).get_data()


def test_stuffing_from_many_addresses_locks_everyone_but_the_owner(api, create_user):
    create_user("carla")
    assert api.log_in("carla", "password-123", address=OWNER).status_code == 200
    strangers = [f"203.0.113.{n}" for n in range(1, 5)]
    for address in strangers:
        for _ in range(api.lockout_threshold):
            assert api.log_in("carla", "wrong-password", address=address).status_code == 401
    assert api.log_in("carla", "password-123", address="198.51.100.9").status_code == 401
    assert api.log_in("carla", "password-123", address=OWNER).status_code == 200


def test_an_admins_unlock_ends_every_wait(client, api, create_user, admin_headers):
    user = create_user("dina")
    for _ in range(api.lockout_threshold):
        api.log_in("dina", "wrong-password", address=STRANGER)
    assert api.log_in("dina", "password-123", address=STRANGER).status_code == 401
    client.patch(f"/api/v1/users/{user['id']}", json={"locked": False}, headers=admin_headers)
    assert api.log_in("dina", "password-123", address=STRANGER).status_code == 200
