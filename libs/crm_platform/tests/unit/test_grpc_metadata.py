import pytest

from crm_platform.grpc_metadata import identity_from_metadata, outgoing_metadata
from crm_platform.identity_token import IdentitySigner, TokenRefused
from crm_platform.request_context import ANONYMOUS, Identity, bound


def test_identity_survives_the_trip():
    identity = Identity("u-42", frozenset({"sales", "service"}))
    assert identity_from_metadata(outgoing_metadata(identity, "c-1")) == (identity, "c-1")


def test_identity_travels_only_as_a_signed_bearer_token():
    keys = dict(outgoing_metadata(Identity("u-1", frozenset({"sales"})), "c-1"))
    assert set(keys) == {"authorization", "x-correlation-id"}
    assert keys["authorization"].startswith("Bearer ey")


def test_no_user_means_anonymous():
    assert identity_from_metadata(outgoing_metadata(ANONYMOUS, "c-2")) == (ANONYMOUS, "c-2")
    assert identity_from_metadata([]) == (ANONYMOUS, "")


def test_plain_identity_headers_are_not_believed():
    metadata = [("x-crm-user-id", "admin-1"), ("x-crm-roles", "admin")]
    assert identity_from_metadata(metadata) == (ANONYMOUS, "")


def test_a_bad_token_is_refused_not_taken_for_anonymous():
    with pytest.raises(TokenRefused):
        identity_from_metadata([("authorization", "Bearer forged")])


def test_within_a_call_the_token_that_came_in_is_forwarded():
    identity = Identity("u-7", frozenset({"sales"}))
    came_in = dict(outgoing_metadata(identity, "c-1"))["authorization"].removeprefix("Bearer ")
    with bound(identity, "c-1", came_in):
        assert dict(outgoing_metadata(identity, "c-1"))["authorization"] == f"Bearer {came_in}"
        # Anyone else is signed afresh (only where this process holds the signing key).
        other = dict(outgoing_metadata(Identity("u-8"), "c-1"))["authorization"]
        assert other != f"Bearer {came_in}"


def test_a_process_without_signing_key_cannot_invent_a_user(monkeypatch):
    from crm_platform import grpc_metadata

    monkeypatch.setattr(grpc_metadata, "_signer", None)
    monkeypatch.delenv(grpc_metadata.SIGNING_KEY_VARIABLE)
    with pytest.raises(RuntimeError, match="no identity signing key"):
        dict(outgoing_metadata(Identity("u-1"), "c-1"))


def test_a_service_signs_only_for_itself():
    from crm_platform.grpc_metadata import service_metadata
    from crm_platform.identity_token import generate_key_pair

    private, _ = generate_key_pair()
    keys = dict(service_metadata(IdentitySigner.service("sales", private), "c-3"))
    assert keys["x-correlation-id"] == "c-3" and keys["authorization"].startswith("Bearer ")
