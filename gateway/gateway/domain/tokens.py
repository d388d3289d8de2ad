"""Access tokens: random, shown to the client once, stored only as a digest."""

from __future__ import annotations

import hashlib
import secrets


def new_token() -> str:
    return secrets.token_urlsafe(32)


def token_digest(token: str) -> str:
    # A fast hash is enough: the token has 256 random bits, unlike a password.
    return hashlib.sha256(token.encode()).hexdigest()


# The kinds of access token, as stored: a login's session, and an integration's API token.
SESSION = "session"
API = "api"
