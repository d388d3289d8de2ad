from datetime import UTC, datetime

import pytest

from crm_platform.errors import InvalidArgument
from crm_platform.paging import MAX_PAGE_SIZE, decode_token, encode_token, page_size


def test_tokens_round_trip_with_times():
    key = [datetime(2026, 11, 23, 9, 30, tzinfo=UTC), "id-7", 3]
    assert decode_token(encode_token(key), 3) == key


@pytest.mark.parametrize("token", ["garbage!", "bm90IGpzb24", encode_token([1, 2])])
def test_a_token_we_did_not_hand_out_is_a_field_error(token):
    with pytest.raises(InvalidArgument) as raised:
        decode_token(token, 3)
    assert raised.value.violations[0].field == "page_token"


def test_page_size_bounds():
    assert page_size(0) == 50
    assert page_size(MAX_PAGE_SIZE) == MAX_PAGE_SIZE
    for bad in (-1, MAX_PAGE_SIZE + 1):
        with pytest.raises(InvalidArgument):
            page_size(bad)
