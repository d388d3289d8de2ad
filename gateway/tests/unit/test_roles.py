import pytest

from crm_platform.errors import InvalidArgument
from gateway.domain.account import normalize_username
from gateway.domain.roles import validate_roles


def test_known_roles_pass():
    assert validate_roles(["admin", "sales", "sales"]) == frozenset({"admin", "sales"})


def test_unknown_roles_are_a_field_error():
    with pytest.raises(InvalidArgument) as caught:
        validate_roles(["sales", "root"])
    assert caught.value.violations[0].field == "roles"
    assert "root" in caught.value.violations[0].message


def test_usernames_are_case_insensitive_and_checked():
    assert normalize_username("  Alice.Smith ") == "alice.smith"
    with pytest.raises(InvalidArgument):
        normalize_username("has space")
