"""Integration accounts' API tokens, and the signed token for gRPC, as the API shows them."""

from __future__ import annotations

from typing import Literal

from pydantic import AwareDatetime, BaseModel, Field

from gateway.domain.api_token import ApiToken
from gateway.models.common import JsonBody, Moment


class ApiTokenCreate(JsonBody):
    name: str = Field(min_length=1, max_length=200, description="What uses it, e.g. 'ERP sync'")
    expires_at: Moment | None = Field(None, description="Empty: a year from now; at most two years")


class ApiTokenOut(BaseModel):
    id: str
    user_id: str
    name: str
    created_by: str
    created_at: AwareDatetime
    expires_at: AwareDatetime
    revoked_at: AwareDatetime | None

    @classmethod
    def of(cls, token: ApiToken) -> ApiTokenOut:
        return cls(
            id=token.id,
            user_id=token.user_id,
            name=token.name,
            created_by=token.created_by,
            created_at=token.created_at,
            expires_at=token.expires_at,
            revoked_at=token.revoked_at,
        )


class ApiTokenIssued(ApiTokenOut):
    token: str = Field(description="The bearer token; shown this once, never again")


class ApiTokenList(BaseModel):
    items: list[ApiTokenOut]


class ServiceTokenOut(BaseModel):
    access_token: str = Field(
        description="A signed identity: send it as 'authorization: Bearer …' gRPC metadata"
    )
    token_type: Literal["Bearer"] = "Bearer"
    expires_in: int = Field(description="Seconds until it expires: ask for a new one before")
