"""User accounts as the admin API shows and takes them."""

from __future__ import annotations

from typing import Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from gateway.domain.account import Account

Role = Literal["admin", "manager", "marketing", "sales", "service"]
Username = Field(min_length=1, max_length=150, pattern=r"^[A-Za-z0-9][A-Za-z0-9._@-]*$")
Password = Field(min_length=8, max_length=1024, json_schema_extra={"writeOnly": True})
Email = Field(max_length=320, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
AllowedIps = Field(max_length=100, description="IP addresses or CIDR networks; empty: any")


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


class UserCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    username: str = Username
    password: str = Password
    display_name: str = Field("", max_length=200)
    email: str | None = Email
    roles: list[Role] = Field(default_factory=list)
    locked: bool = False
    expires_at: AwareDatetime | None = None
    allowed_ips: list[str] = AllowedIps


class UserPatch(BaseModel):
    """Only the fields sent change; `null` clears `email` and `expires_at`."""

    model_config = ConfigDict(extra="forbid")

    # Defaults are not validated, so these may be left out but not sent as null.
    username: str = Field(None, min_length=1, max_length=150)
    password: str = Password.merge_field_infos(Password, default=None)
    display_name: str = Field(None, max_length=200)
    email: str | None = Email.merge_field_infos(Email, default=None)
    roles: list[Role] = None
    locked: bool = None
    expires_at: AwareDatetime | None = None
    allowed_ips: list[str] = AllowedIps.merge_field_infos(AllowedIps, default=None)


class UserList(BaseModel):
    items: list[UserOut]
    next_page_token: str | None
    total: int
    page_size: int
    q: str | None
