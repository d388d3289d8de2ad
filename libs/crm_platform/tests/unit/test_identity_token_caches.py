"""The signer's reuse of a token per identity and the verifier's memory of verified tokens:
both save the Ed25519 work per call, neither may stretch a token past its life."""

import json
import time

import pytest

from crm_platform import identity_token
from crm_platform.identity_token import (
    LEEWAY_SECONDS,
    TTL_SECONDS,
    IdentitySigner,
    IdentityVerifier,
    TokenRefused,
    generate_key_pair,
)
from crm_platform.request_context import Identity

PRIVATE, PUBLIC = generate_key_pair()
REP = Identity("rep-1", frozenset({"sales"}))


@pytest.fixture
def clock(monkeypatch):
    """identity_token's view of the time, moved by the test (PyJWT keeps the real one)."""
    now = [time.time()]
    monkeypatch.setattr(identity_token.time, "time", lambda: now[0])
    return now


def test_one_identity_gets_the_same_token_for_half_its_life(clock):
    signer = IdentitySigner.gateway(PRIVATE)
    first = signer.token_for(REP)
    clock[0] += TTL_SECONDS / 2 - 2
    assert signer.token_for(REP) == first
    clock[0] += 3
    renewed = signer.token_for(REP)
    assert renewed != first
    assert _claims(renewed)["iat"] > _claims(first)["iat"]


def test_other_roles_or_users_get_their_own_token():
    signer = IdentitySigner.gateway(PRIVATE)
    verifier = IdentityVerifier.from_keys(PUBLIC)
    manager = Identity("rep-1", frozenset({"sales", "manager"}))
    other = Identity("rep-2", frozenset({"sales"}))
    for identity in (REP, manager, other):
        assert verifier.verify(signer.token_for(identity)) == identity


def test_a_verified_token_is_believed_from_memory_until_it_expires(clock, monkeypatch):
    verifier = IdentityVerifier.from_keys(PUBLIC)
    token = IdentitySigner.gateway(PRIVATE).sign(REP, now=clock[0])
    assert verifier.verify(token) == REP

    def refuse(_self, _token):
        raise TokenRefused("checked in full")

    # From memory: the full check is not repeated while the token is good...
    monkeypatch.setattr(IdentityVerifier, "_verify", refuse)
    clock[0] += TTL_SECONDS + LEEWAY_SECONDS - 1
    assert verifier.verify(token) == REP
    # ...and is again once it is not, whatever the memory says.
    clock[0] += 2
    with pytest.raises(TokenRefused, match="checked in full"):
        verifier.verify(token)


def test_a_token_differing_from_a_verified_one_is_checked_in_full():
    verifier = IdentityVerifier.from_keys(PUBLIC)
    token = IdentitySigner.gateway(PRIVATE).sign(REP)
    assert verifier.verify(token) == REP
    header, _, signature = token.split(".")
    forged = identity_token.base64.urlsafe_b64encode(
        json.dumps(_claims(token) | {"roles": ["admin"]}).encode()
    )
    with pytest.raises(TokenRefused, match="Signature"):
        verifier.verify(f"{header}.{forged.rstrip(b'=').decode()}.{signature}")


def test_a_refused_token_is_refused_every_time():
    other_private, _ = generate_key_pair()
    token = IdentitySigner.gateway(other_private).sign(REP)
    verifier = IdentityVerifier.from_keys(PUBLIC)
    for _ in range(2):
        with pytest.raises(TokenRefused):
            verifier.verify(token)


def test_the_memory_is_bounded(monkeypatch):
    monkeypatch.setattr(identity_token, "CACHE_LIMIT", 3)
    signer = IdentitySigner.gateway(PRIVATE)
    verifier = IdentityVerifier.from_keys(PUBLIC)
    for n in range(10):
        identity = Identity(f"rep-{n}", frozenset({"sales"}))
        assert verifier.verify(signer.token_for(identity)) == identity
    assert len(signer._issued) <= 3 and len(verifier._verified) <= 3


def _claims(token: str) -> dict:
    part = token.split(".")[1]
    return json.loads(identity_token.base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))
