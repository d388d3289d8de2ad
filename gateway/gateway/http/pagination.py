"""Opaque page tokens for list endpoints (an offset, so clients do not build them)."""

from __future__ import annotations

import base64

from crm_platform.errors import InvalidArgument


def encode_page_token(offset: int) -> str:
    return base64.urlsafe_b64encode(f"o:{offset}".encode()).decode().rstrip("=")


def decode_page_token(token: str | None) -> int:
    if not token:
        return 0
    try:
        text = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode()
        prefix, _, offset = text.partition(":")
        if prefix == "o" and offset.isdigit():
            return int(offset)
    except ValueError:  # not base64 (or not ASCII at all), not UTF-8, too many digits
        pass
    raise InvalidArgument.field("page_token", "not a page token this API handed out")


def next_page_token(offset: int, returned: int, total: int) -> str | None:
    following = offset + returned
    return encode_page_token(following) if returned and following < total else None
