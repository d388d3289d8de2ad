"""The login, user and API-token bodies take JSON's own types like every other body (issue 24,
finding 17): `locked: 1` is no boolean, `expires_at: 0` no time (it was 1970-01-01, an account
or token expired at once)."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from gateway.models.api_tokens import ApiTokenCreate
from gateway.models.auth import LoginIn
from gateway.models.users import RevokeSessions, UserCreate, UserPatch

USER = {"username": "ada", "password": "password-123"}
LATER = "2030-01-01T00:00:00+00:00"


@pytest.mark.parametrize(
    ("model", "data", "field"),
    [
        (LoginIn, {"username": "ada", "password": 12345678}, "password"),
        (UserCreate, USER | {"locked": "true"}, "locked"),
        (UserCreate, USER | {"locked": 0}, "locked"),
        (UserCreate, USER | {"expires_at": 0}, "expires_at"),
        (UserCreate, USER | {"expires_at": "1700000000"}, "expires_at"),
        (UserPatch, {"locked": 1}, "locked"),
        (UserPatch, {"expires_at": 1.7e9}, "expires_at"),
        (UserPatch, {"keep_api_tokens": "yes"}, "keep_api_tokens"),
        (ApiTokenCreate, {"name": "ERP", "expires_at": 0}, "expires_at"),
        (RevokeSessions, {"api_tokens": 1}, "api_tokens"),
    ],
)
def test_an_account_body_value_of_another_type_is_refused_not_coerced(model, data, field):
    with pytest.raises(ValidationError) as raised:
        model.model_validate(data)
    assert [error["loc"] for error in raised.value.errors()] == [(field,)]


def test_account_bodies_of_json_types_still_validate():
    created = UserCreate.model_validate(USER | {"locked": True, "expires_at": LATER})
    patched = UserPatch.model_validate({"expires_at": None, "roles": ["sales"]})
    token = ApiTokenCreate.model_validate({"name": "ERP", "expires_at": LATER})

    assert created.locked and created.expires_at == dt.datetime(2030, 1, 1, tzinfo=dt.UTC)
    assert patched.model_dump(exclude_unset=True) == {"expires_at": None, "roles": ["sales"]}
    assert token.expires_at == created.expires_at
