"""Logging in."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from gateway.models.common import JsonBody
from gateway.models.users import UserOut


class LoginIn(JsonBody):
    username: str = Field(min_length=1, max_length=150)
    # Bounded so that hashing a huge "password" cannot be used to load the server.
    password: str = Field(min_length=1, max_length=1024, json_schema_extra={"writeOnly": True})


class TokenOut(BaseModel):
    access_token: str
    token_type: Literal["Bearer"] = "Bearer"
    expires_in: int = Field(description="Seconds until the token expires")
    user: UserOut
