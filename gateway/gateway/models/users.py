"""User accounts as the admin API shows and takes them."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AwareDatetime, BaseModel, Field

from gateway.domain.account import Account
from gateway.models.common import JsonBody, Moment, Page

# `integration` marks a machine account, which alone may hold API tokens.
Role = Literal["admin", "manager", "marketing", "sales", "service", "integration"]
Username = Annotated[
    str, Field(min_length=1, max_length=150, pattern=r"^[A-Za-z0-9][A-Za-z0-9._@-]*$")
]
Password = Annotated[
    str, Field(min_length=8, max_length=1024, json_schema_extra={"writeOnly": True})
]
Email = Annotated[str, Field(max_length=320, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
AllowedIps = Annotated[
    list[str], Field(max_length=100, description="IP addresses or CIDR networks; empty: any")
]
DisplayName = Annotated[str, Field(max_length=200)]


class UserOut(BaseModel):
    id: str
    username: str
    display_name: str
    email: str | None
    roles: list[Role]
    locked: bool
    expires_at: AwareDatetime | None
    allowed_ips: list[str]
    created_at: AwareDatetime
    updated_at: AwareDatetime

    @classmethod
    def of(cls, account: Account) -> UserOut:
        return cls(
            id=account.id,
            username=account.username,
            display_name=account.display_name,
            email=account.email,
            roles=sorted(account.roles),
            locked=account.locked,
            expires_at=account.expires_at,
            allowed_ips=list(account.allowed_ips),
            created_at=account.created_at,
            updated_at=account.updated_at,
        )


class UserCreate(JsonBody):
    username: Username
    password: Password
    display_name: DisplayName = ""
    email: Email | None = None
    roles: list[Role] = Field(default_factory=list)
    locked: bool = False
    expires_at: Moment | None = None
    allowed_ips: AllowedIps = Field(default_factory=list)


class UserPatch(JsonBody):
    """Only the fields sent change; `null` clears `email` and `expires_at`."""

    # Defaults are not validated, so these may be left out but not sent as null.
    username: Username = None
    password: Password = None
    display_name: DisplayName = None
    email: Email | None = None
    roles: list[Role] = None
    locked: bool = None
    expires_at: Moment | None = None
    allowed_ips: AllowedIps = None
    # Not a field of the account: how a password reset treats the user's API tokens.
    keep_api_tokens: bool = Field(
        False,
        description="With `password`: keep the user's API tokens (an integration's); a reset "
        "otherwise ends every session and API token of the user",
    )


class RevokeSessions(JsonBody):
    api_tokens: bool = Field(False, description="Revoke the user's API tokens too")


class SessionsRevoked(BaseModel):
    sessions: int = Field(description="Sessions (logins) ended")
    api_tokens: int = Field(description="API tokens revoked")


class UserList(Page[UserOut]):
    page_size: int
    q: str | None
