import base64
import hashlib

import pytest
from argon2 import PasswordHasher

from crm_platform.errors import InvalidArgument
from gateway.adapters.passwords import Passwords
from gateway.domain.tokens import new_token, token_digest
from gateway.http.pagination import decode_page_token, encode_page_token, next_page_token

# Cheap parameters: the tests check behaviour, not hashing cost.
FAST = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)


def test_passwords_are_argon2_hashed_and_verified():
    passwords = Passwords(FAST)
    stored = passwords.hash("correct horse")
    assert stored.startswith("$argon2id$")
    assert "correct horse" not in stored
    assert passwords.verify(stored, "correct horse")
    assert not passwords.verify(stored, "wrong horse")


def test_a_missing_or_broken_hash_never_verifies():
    passwords = Passwords(FAST)
    assert not passwords.verify(None, "decoy password, never valid")
    assert not passwords.verify("not a hash", "anything")


def test_tokens_are_random_and_stored_as_sha256():
    first, second = new_token(), new_token()
    assert first != second and len(first) >= 43
    assert token_digest(first) == hashlib.sha256(first.encode()).hexdigest()


def test_page_tokens_round_trip():
    assert decode_page_token(encode_page_token(150)) == 150
    assert decode_page_token(None) == 0
    assert next_page_token(0, 50, 120) == encode_page_token(50)
    assert next_page_token(100, 20, 120) is None


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode()


@pytest.mark.parametrize(
    "token",
    ["not base64!", "\U001022e8\u00e9", _b64(b"\xff\xfe"), _b64(b"o:" + b"9" * 5000),
     _b64("o:\u00b2".encode())],
)  # fmt: skip
def test_a_page_token_not_handed_out_is_a_field_error(token: str):
    # Found by the API fuzzer: a non-ASCII token was a 500.
    with pytest.raises(InvalidArgument) as refused:
        decode_page_token(token)
    assert [v.field for v in refused.value.violations] == ["page_token"]
