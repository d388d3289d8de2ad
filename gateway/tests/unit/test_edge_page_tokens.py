"""The gateway's own page tokens (the users list's offsets) are client input: a crafted one is
a field error, never an offset a database cannot take (issue 24, finding 15: a 140-digit
offset overflowed SQLite's INTEGER, a 500)."""

from __future__ import annotations

import base64

import pytest

from crm_platform.errors import InvalidArgument
from gateway.http.pagination import decode_page_token, encode_page_token


def token_of(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode()).decode()


@pytest.mark.parametrize(
    "token",
    [
        token_of("o:" + "9" * 140),
        token_of("o:" + "9" * 10),
        token_of("o:-1"),
        token_of("o:\u0663"),  # an Arabic-Indic three: a digit to str.isdigit, not to us
        token_of("o:"),
        token_of("x:1"),
        "!!garbage!!",
        base64.urlsafe_b64encode(b"\xff\xfe").decode(),
    ],
)
def test_a_crafted_token_is_a_field_error(token):
    with pytest.raises(InvalidArgument) as raised:
        decode_page_token(token)
    assert [v.field for v in raised.value.violations] == ["page_token"]


def test_the_tokens_we_hand_out_read_back():
    assert decode_page_token(encode_page_token(123_456_789)) == 123_456_789
    assert decode_page_token(None) == decode_page_token("") == 0
