"""The metadata that carries identity and correlation between the gateway and the services.

Identity travels as `authorization: Bearer <jwt>`, a short-lived token signed by the gateway
(see crm_platform.identity_token); a server believes nothing else, so plain user-id headers
from a client that reaches a service port directly are ignored.

`outgoing_metadata(identity, correlation_id)` picks the token: inside a call that came in with
a verified token for that same identity, it forwards it (sales asking marketing on the user's
behalf); otherwise it signs one with this process's identity signer, which only the gateway
(and tools and tests that stand in for it) holds. A service holds no user signer, so outside
a user's call it cannot claim to be that user.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable, Iterator

from crm_platform.identity_token import IdentitySigner, IdentityVerifier
from crm_platform.request_context import Identity, current_identity, current_token
from crm_platform.settings import IdentityTrustSettings

AUTHORIZATION = "authorization"
CORRELATION_ID = "x-correlation-id"
# The client's Idempotency-Key, sent by the gateway with each call of a keyed request: the
# service records it with the write (crm_platform.idempotency).
IDEMPOTENCY_KEY = "idempotency-key"
# Read by processes standing in for the gateway (tools, tests) when none was installed.
SIGNING_KEY_VARIABLE = "GATEWAY_IDENTITY_SIGNING_KEY"

_lock = threading.Lock()
_signer: IdentitySigner | None = None


def sign_identities_with(signer: IdentitySigner | None) -> None:
    """Install the signer for calls made on behalf of users (the gateway does, at start)."""
    global _signer
    with _lock:
        _signer = signer


def outgoing_metadata(identity: Identity, correlation_id: str) -> SignedMetadata:
    """Metadata for a call made on behalf of `identity` (pass as `metadata=` to a stub call).

    It may be kept and reused (a client's constant): its token is renewed when half way to
    expiry, so it never sends a stale one."""
    return SignedMetadata(identity, correlation_id)


def service_metadata(signer: IdentitySigner, correlation_id: str) -> tuple[tuple[str, str], ...]:
    """Metadata for a call a service makes on its own, as itself (a consumer, a scheduler)."""
    return ((CORRELATION_ID, correlation_id), (AUTHORIZATION, f"Bearer {signer.sign_self()}"))


class SignedMetadata:
    """The pairs gRPC sends for one identity: the correlation id and, unless anonymous, the
    bearer token. gRPC reads it once per call (`tuple(metadata)`)."""

    def __init__(self, identity: Identity, correlation_id: str = "") -> None:
        self.identity = identity
        self.correlation_id = correlation_id
        # Inside a call that came in for this same identity, pass on the token it came with.
        self._forwarded = current_token() if current_identity() == identity else ""

    def __iter__(self) -> Iterator[tuple[str, str]]:
        yield (CORRELATION_ID, self.correlation_id)
        if not self.identity.is_anonymous:
            yield (AUTHORIZATION, f"Bearer {self._fresh_token()}")

    def __len__(self) -> int:
        return 1 if self.identity.is_anonymous else 2

    def __getitem__(self, index: int) -> tuple[str, str]:
        return tuple(self)[index]

    def __repr__(self) -> str:
        return f"SignedMetadata({self.identity!r}, {self.correlation_id!r})"

    def _fresh_token(self) -> str:
        if self._forwarded:
            return self._forwarded
        signer = _signer or _signer_from_environment()
        if signer is None:
            # Never fall back to sending no identity: the callee would take the user for
            # anonymous and the failure would surface far from its cause.
            raise RuntimeError(
                f"cannot call as {self.identity.user_id!r}: no token came in for that "
                "identity and this process holds no identity signing key "
                f"({SIGNING_KEY_VARIABLE})"
            )
        # The signer keeps one token per identity while it has half its life left, so a
        # request (or a kept instance) costs a signature only every TTL_SECONDS / 2.
        return signer.token_for(self.identity)


def _signer_from_environment() -> IdentitySigner | None:
    global _signer
    key = os.environ.get(SIGNING_KEY_VARIABLE, "")
    if not key:
        return None
    with _lock:
        if _signer is None:
            _signer = IdentitySigner.gateway(key)
        return _signer


def bearer_token(metadata: Iterable[tuple[str, str | bytes]]) -> str:
    """The bearer token in `metadata` ("" when none was sent)."""
    for key, value in metadata:
        if key == AUTHORIZATION and isinstance(value, str):
            scheme, _, token = value.partition(" ")
            return token.strip() if scheme.lower() == "bearer" else value
    return ""


def correlation_id_of(metadata: Iterable[tuple[str, str | bytes]]) -> str:
    for key, value in metadata:
        if key == CORRELATION_ID and isinstance(value, str):
            return value
    return ""


def idempotency_key_of(metadata: Iterable[tuple[str, str | bytes]]) -> str:
    for key, value in metadata:
        if key == IDEMPOTENCY_KEY and isinstance(value, str):
            return value
    return ""


def identity_from_metadata(
    metadata: Iterable[tuple[str, str | bytes]], verifier: IdentityVerifier | None = None
) -> tuple[Identity, str]:
    """The caller's verified identity and correlation id (anonymous if no token was sent);
    TokenRefused if a token was sent but is not to be believed. Without `verifier`, the one
    the environment describes (IDENTITY_GATEWAY_PUBLIC_KEY)."""
    metadata = list(metadata)
    token = bearer_token(metadata)
    if not token:
        return Identity(), correlation_id_of(metadata)
    verifier = verifier or IdentityTrustSettings().identity_verifier()
    return verifier.verify(token), correlation_id_of(metadata)


def as_caller(user_id: str, roles: str = "") -> SignedMetadata:
    """`as_caller("rep-1", "sales,manager")`: signed metadata for that user and those roles
    (for tools and tests standing in for the gateway)."""
    return outgoing_metadata(Identity(user_id, frozenset(r for r in roles.split(",") if r)), "")
