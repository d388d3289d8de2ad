"""Signed identity between the CRM's processes: a short-lived JWT per call, signed with Ed25519.

Why asymmetric: every service verifies, but only the gateway may say which user is calling. With
a shared secret (HS256) each service would hold the means to mint any identity, so one leaked
service would be every user; with EdDSA the services hold only the gateway's public key.
Ed25519 over ES256: deterministic signatures (no nonce to get wrong), 32-byte keys that fit in
an environment variable as one base64 line, and fast signing on the gateway's every call.

Two kinds of issuer sign tokens:
- the gateway (`crm-gateway`), for the users it authenticated: the token carries their roles;
- a service (`crm-service:<name>`), for calls it makes on its own (a consumer, a scheduler):
  `sub` is `service:<name>`, and the callee grants it at most the roles its own settings list
  for that service, whatever the token claims (least privilege is the callee's decision).
"""

from __future__ import annotations

import base64
import binascii
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import jwt
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
    load_pem_private_key,
    load_pem_public_key,
)

from crm_platform.request_context import Identity

ALGORITHM = "EdDSA"
# One audience for every service: a user's token is forwarded from one service to the next
# (sales asks marketing on the user's behalf), so it must be good at each of them.
AUDIENCE = "crm-services"
GATEWAY_ISSUER = "crm-gateway"
SERVICE_ISSUER_PREFIX = "crm-service:"
SERVICE_SUBJECT_PREFIX = "service:"
# Long enough for one request's fan-out of calls, short enough that a captured token is soon
# worthless; the leeway absorbs clock skew between machines.
TTL_SECONDS = 60
LEEWAY_SECONDS = 5
# Bounds on the per-process caches below: far more identities than one process serves within
# a token's life; past it, the stale entries go first, then everything (never unbounded).
CACHE_LIMIT = 10_000


class TokenRefused(Exception):
    """The token is present but not one to believe: bad signature, expired, wrong issuer..."""


def generate_key_pair() -> tuple[str, str]:
    """A fresh (private, public) pair as the base64 lines the settings take."""
    private = Ed25519PrivateKey.generate()
    private_raw = private.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    public_raw = private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    return base64.b64encode(private_raw).decode(), base64.b64encode(public_raw).decode()


def load_private_key(text: str) -> Ed25519PrivateKey:
    """A private key from base64 of its 32 raw bytes, or from PEM (PKCS#8)."""
    if text.lstrip().startswith("-----BEGIN"):
        key = load_pem_private_key(text.encode(), password=None)
    else:
        key = Ed25519PrivateKey.from_private_bytes(_raw32(text, "private"))
    if not isinstance(key, Ed25519PrivateKey):
        raise ValueError("identity signing key: not an Ed25519 private key")
    return key


def load_public_key(text: str) -> Ed25519PublicKey:
    """A public key from base64 of its 32 raw bytes, or from PEM (SubjectPublicKeyInfo)."""
    if text.lstrip().startswith("-----BEGIN"):
        key = load_pem_public_key(text.encode())
    else:
        key = Ed25519PublicKey.from_public_bytes(_raw32(text, "public"))
    if not isinstance(key, Ed25519PublicKey):
        raise ValueError("identity public key: not an Ed25519 public key")
    return key


def _raw32(text: str, kind: str) -> bytes:
    try:
        raw = base64.b64decode(text.strip(), validate=True)
    except binascii.Error as error:
        raise ValueError(f"identity {kind} key: not base64") from error
    if len(raw) != 32:
        raise ValueError(f"identity {kind} key: expected 32 bytes, got {len(raw)}")
    return raw


@dataclass(frozen=True)
class IdentitySigner:
    """Signs the identities one issuer vouches for."""

    key: Ed25519PrivateKey
    issuer: str
    ttl_seconds: int = TTL_SECONDS
    # identity → (token, when it was signed): signing is most of a call's cost at the gateway
    # (an Ed25519 signature and a JWT encoding), and a user makes many calls a minute.
    _issued: dict[Identity, tuple[str, float]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    @classmethod
    def gateway(cls, private_key: str) -> IdentitySigner:
        return cls(load_private_key(private_key), GATEWAY_ISSUER)

    @classmethod
    def service(cls, name: str, private_key: str) -> IdentitySigner:
        return cls(load_private_key(private_key), SERVICE_ISSUER_PREFIX + name)

    def sign(self, identity: Identity, *, now: float | None = None) -> str:
        issued = int(time.time() if now is None else now)
        claims = {
            "sub": identity.user_id,
            "roles": sorted(identity.roles),
            "iat": issued,
            "exp": issued + self.ttl_seconds,
            "iss": self.issuer,
            "aud": AUDIENCE,
        }
        return jwt.encode(claims, self.key, algorithm=ALGORITHM)

    def token_for(self, identity: Identity) -> str:
        """A token for `identity`: the one signed for it last while that one has more than half
        its life left (plenty for a request's fan-out, and long enough for the callees' caches
        of verified tokens to pay), else a fresh one."""
        now = time.time()
        reuse_before = now - self.ttl_seconds / 2
        issued = self._issued.get(identity)
        if issued is not None and issued[1] > reuse_before:
            return issued[0]
        token = self.sign(identity, now=now)
        # `iat` is whole seconds: age the token from there, or it would be reused past its half.
        _remember(self._issued, identity, (token, float(int(now))), reuse_before)
        return token

    def sign_self(self, *, now: float | None = None, roles: Iterable[str] = ()) -> str:
        """A token for this service's own calls (only for a service issuer)."""
        if not self.issuer.startswith(SERVICE_ISSUER_PREFIX):
            raise ValueError("only a service signs for itself")
        name = self.issuer.removeprefix(SERVICE_ISSUER_PREFIX)
        return self.sign(Identity(SERVICE_SUBJECT_PREFIX + name, frozenset(roles)), now=now)


@dataclass(frozen=True)
class TrustedService:
    """Another service whose own calls this one accepts, and the most it may act as."""

    public_key: Ed25519PublicKey
    roles: frozenset[str] = frozenset()


@dataclass(frozen=True)
class IdentityVerifier:
    """Believes the gateway about users, and each trusted service about itself only."""

    gateway_key: Ed25519PublicKey
    services: Mapping[str, TrustedService] = field(default_factory=dict)
    # token → (identity, the moment it stops being good): a signature check and two JWT
    # decodings per call otherwise, for a token the same caller sends for half a minute. Keyed
    # by the token's exact text, so any other token (a tampered one too) is checked in full.
    _verified: dict[str, tuple[Identity, float]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    @classmethod
    def from_keys(
        cls, gateway_public_key: str, services: Mapping[str, tuple[str, Iterable[str]]] = {}
    ) -> IdentityVerifier:
        """`services`: name → (public key, the roles this callee grants that service)."""
        return cls(
            load_public_key(gateway_public_key),
            {
                name: TrustedService(load_public_key(key), frozenset(roles))
                for name, (key, roles) in services.items()
            },
        )

    def verify(self, token: str) -> Identity:
        now = time.time()
        known = self._verified.get(token)
        if known is not None and now < known[1]:
            return known[0]
        identity, claims = self._verify(token)
        # Good until PyJWT would call it expired: `exp` plus the same leeway.
        _remember(self._verified, token, (identity, claims["exp"] + LEEWAY_SECONDS), now)
        return identity

    def _verify(self, token: str) -> tuple[Identity, dict]:
        issuer = self._unverified_issuer(token)
        if issuer == GATEWAY_ISSUER:
            claims = self._decode(token, self.gateway_key, issuer)
            return Identity(claims["sub"], frozenset(claims["roles"])), claims
        name = issuer.removeprefix(SERVICE_ISSUER_PREFIX)
        trusted = self.services.get(name) if issuer.startswith(SERVICE_ISSUER_PREFIX) else None
        if trusted is None:
            raise TokenRefused(f"untrusted issuer {issuer!r}")
        claims = self._decode(token, trusted.public_key, issuer)
        # A service speaks only for itself, and with no more than the callee grants it.
        if claims["sub"] != SERVICE_SUBJECT_PREFIX + name:
            raise TokenRefused(f"service {name!r} may not speak for {claims['sub']!r}")
        return Identity(claims["sub"], frozenset(claims["roles"]) & trusted.roles), claims

    @staticmethod
    def _unverified_issuer(token: str) -> str:
        # Only to pick the key; every claim is checked again against that key's signature.
        try:
            claims = jwt.decode(token, options={"verify_signature": False})
        except jwt.PyJWTError as error:
            raise TokenRefused(f"unreadable token: {error}") from error
        issuer = claims.get("iss")
        if not isinstance(issuer, str):
            raise TokenRefused("token names no issuer")
        return issuer

    @staticmethod
    def _decode(token: str, key: Ed25519PublicKey, issuer: str) -> dict:
        try:
            claims = jwt.decode(
                token,
                key,
                algorithms=[ALGORITHM],
                audience=AUDIENCE,
                issuer=issuer,
                leeway=LEEWAY_SECONDS,
                options={"require": ["sub", "iat", "exp", "iss", "aud"]},
            )
        except jwt.PyJWTError as error:
            raise TokenRefused(str(error)) from error
        roles = claims.get("roles")
        if not isinstance(claims["sub"], str) or not claims["sub"]:
            raise TokenRefused("token names no subject")
        if not isinstance(roles, list) or not all(isinstance(r, str) for r in roles):
            raise TokenRefused("token roles are not a list of names")
        return claims


def _remember(cache: dict, key: object, value: tuple, stale_before: float) -> None:
    """Put `value` in a bounded cache whose values end with a time (stale when before
    `stale_before`). Callers share it across threads: each step is one dict operation, and a
    lost race only costs a signature."""
    if len(cache) >= CACHE_LIMIT:
        for old_key, old_value in list(cache.items()):
            if old_value[-1] < stale_before:
                cache.pop(old_key, None)
        if len(cache) >= CACHE_LIMIT:
            cache.clear()
    cache[key] = value


if __name__ == "__main__":
    # `python -m crm_platform.identity_token`: a fresh gateway key pair as environment lines.
    private, public = generate_key_pair()
    print(f"GATEWAY_IDENTITY_SIGNING_KEY={private}")
    print(f"IDENTITY_GATEWAY_PUBLIC_KEY={public}")
