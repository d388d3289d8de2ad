"""The audit log as the REST API shows it: who changed what, when, the values before and after."""

from __future__ import annotations

import json
from typing import Any, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, model_validator

from gateway.domain.audited_objects import OWNER_OF
from gateway.models.common import Page

# The types the services log, spelled out for the OpenAPI document's enum.
ObjectType = Literal[tuple(OWNER_OF)]  # type: ignore[valid-type]


class AuditQuery(BaseModel):
    model_config = ConfigDict(extra="forbid")

    object_type: ObjectType = Field(description="The kind of record; picks the owning service")
    object_id: str | None = Field(None, max_length=64, description="One record's entries")
    actor_id: str | None = Field(
        None, max_length=200, description="Changes by one user, or a 'system:…' process"
    )
    page_size: int = Field(50, ge=1, le=200)
    page_token: str | None = Field(None, max_length=200)


class AuditEntryOut(BaseModel):
    id: int
    occurred_at: AwareDatetime
    actor_id: str = Field(description="A user id, or 'system:<process>' for consumers and jobs")
    actor_roles: list[str]
    correlation_id: str
    object_type: str
    object_id: str
    action: str = Field(description="created, updated, deleted, converted, moved, …")
    old_values: dict[str, Any] | None = Field(
        description="Before: every field for a deletion, the changed ones for an update"
    )
    new_values: dict[str, Any] | None = Field(
        description="After: every field for a creation, the changed ones for an update"
    )
    client_address: str | None = Field(
        None, description="The caller's address: on the gateway's security entries only"
    )

    @model_validator(mode="before")
    @classmethod
    def _values_from_json(cls, data: Any) -> Any:
        """The service sends each side as a JSON object in a string, empty for no side."""
        if isinstance(data, dict) and "old_values_json" in data:
            data = dict(data)
            for side in ("old_values", "new_values"):
                data[side] = json.loads(data.pop(f"{side}_json", "") or "null")
        return data


class AuditList(Page[AuditEntryOut]):
    pass
