"""Opaque page tokens for list endpoints (an offset, so clients do not build them)."""

from __future__ import annotations

import base64
import re

from crm_platform.errors import InvalidArgument

# An offset in a list of accounts: nine digits is far past any, and within what every
# database's integer takes (a 140-digit one overflowed SQLite's: a 500).
_TOKEN_TEXT = re.compile(r"o:([0-9]{1,9})")


def encode_page_token(offset: int) -> str:
    return base64.urlsafe_b64encode(f"o:{offset}".encode()).decode().rstrip("=")


def decode_page_token(token: str | None) -> int:
    if not token:
        return 0
    try:
        text = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode()
    except ValueError:  # not base64 (or not ASCII at all), not UTF-8
        text = ""
    if found := _TOKEN_TEXT.fullmatch(text):
        return int(found.group(1))
    raise InvalidArgument.field("page_token", "not a page token this API handed out")


def next_page_token(offset: int, returned: int, total: int) -> str | None:
    following = offset + returned
    return encode_page_token(following) if returned and following < total else None
