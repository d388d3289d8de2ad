import base64
import json
import time

import pytest

from crm_platform.identity_token import (
    IdentitySigner,
    IdentityVerifier,
    TokenRefused,
    generate_key_pair,
)
from crm_platform.request_context import Identity

GATEWAY_PRIVATE, GATEWAY_PUBLIC = generate_key_pair()
SALES_PRIVATE, SALES_PUBLIC = generate_key_pair()
REP = Identity("rep-1", frozenset({"sales"}))


def verifier(**services) -> IdentityVerifier:
    return IdentityVerifier.from_keys(GATEWAY_PUBLIC, services)


def test_a_gateway_token_gives_back_the_identity_it_was_signed_for():
    token = IdentitySigner.gateway(GATEWAY_PRIVATE).sign(REP)
    assert verifier().verify(token) == REP


def test_the_token_carries_the_documented_claims():
    before = int(time.time())
    token = IdentitySigner.gateway(GATEWAY_PRIVATE).sign(REP)
    claims = _claims(token)
    assert claims["sub"] == "rep-1" and claims["roles"] == ["sales"]
    assert claims["iss"] == "crm-gateway" and claims["aud"] == "crm-services"
    assert before <= claims["iat"] and claims["exp"] - claims["iat"] == 60
    assert _header(token)["alg"] == "EdDSA"


def test_an_expired_token_is_refused():
    token = IdentitySigner.gateway(GATEWAY_PRIVATE).sign(REP, now=time.time() - 120)
    with pytest.raises(TokenRefused, match="expired"):
        verifier().verify(token)


def test_a_token_signed_with_another_key_is_refused():
    other_private, _ = generate_key_pair()
    token = IdentitySigner.gateway(other_private).sign(REP)
    with pytest.raises(TokenRefused):
        verifier().verify(token)


def test_a_token_for_another_audience_is_refused():
    signer = IdentitySigner.gateway(GATEWAY_PRIVATE)
    token = _resign(signer, {"aud": "some-other-system"})
    with pytest.raises(TokenRefused, match=r"(?i)audience"):
        verifier().verify(token)


def test_tampered_roles_break_the_signature():
    token = IdentitySigner.gateway(GATEWAY_PRIVATE).sign(REP)
    header, _, signature = token.split(".")
    claims = _claims(token) | {"roles": ["admin"]}
    forged_payload = _b64(json.dumps(claims).encode())
    with pytest.raises(TokenRefused, match="Signature"):
        verifier().verify(f"{header}.{forged_payload}.{signature}")


def test_an_unsigned_token_is_refused():
    claims = _claims(IdentitySigner.gateway(GATEWAY_PRIVATE).sign(REP))
    header = _b64(json.dumps({"alg": "none", "typ": "JWT"}).encode())
    with pytest.raises(TokenRefused):
        verifier().verify(f"{header}.{_b64(json.dumps(claims).encode())}.")


def test_garbage_is_refused():
    with pytest.raises(TokenRefused):
        verifier().verify("not-a-token")


def test_a_service_cannot_mint_a_user_identity():
    # Sales holds its own key; signing as the gateway with it fails the gateway's key check,
    # and claiming a user under its own issuer is refused by the callee.
    as_gateway = IdentitySigner(IdentitySigner.service("sales", SALES_PRIVATE).key, "crm-gateway")
    trusting_sales = verifier(sales=(SALES_PUBLIC, ["sales"]))
    with pytest.raises(TokenRefused):
        trusting_sales.verify(as_gateway.sign(REP))
    with pytest.raises(TokenRefused, match="may not speak for"):
        trusting_sales.verify(IdentitySigner.service("sales", SALES_PRIVATE).sign(REP))


def test_a_service_gets_no_more_roles_than_the_callee_grants():
    token = IdentitySigner.service("sales", SALES_PRIVATE).sign_self(roles=["admin", "sales"])
    identity = verifier(sales=(SALES_PUBLIC, ["sales"])).verify(token)
    assert identity == Identity("service:sales", frozenset({"sales"}))


def test_a_service_the_callee_does_not_list_is_refused():
    token = IdentitySigner.service("sales", SALES_PRIVATE).sign_self()
    with pytest.raises(TokenRefused, match="untrusted issuer"):
        verifier().verify(token)


def test_keys_load_from_pem_as_well():
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    signer = IdentitySigner.gateway(GATEWAY_PRIVATE)
    pem = signer.key.public_key().public_bytes(Encoding.PEM, PublicFormat.SubjectPublicKeyInfo)
    assert IdentityVerifier.from_keys(pem.decode()).verify(signer.sign(REP)) == REP


def test_a_malformed_key_is_a_clear_error():
    with pytest.raises(ValueError, match="32 bytes"):
        IdentitySigner.gateway(base64.b64encode(b"short").decode())


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _part(token: str, index: int) -> dict:
    part = token.split(".")[index]
    return json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))


def _claims(token: str) -> dict:
    return _part(token, 1)


def _header(token: str) -> dict:
    return _part(token, 0)


def _resign(signer: IdentitySigner, changes: dict) -> str:
    import jwt

    claims = _claims(signer.sign(REP)) | changes
    return jwt.encode(claims, signer.key, algorithm="EdDSA")
