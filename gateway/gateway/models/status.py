"""What is up behind the gateway: its database, each service and the event broker."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field


class SystemStatus(BaseModel):
    status: Literal["ok", "degraded"] = Field(description="degraded while any part is down")
    checks: dict[str, str] = Field(
        description="Each part's state: database ok; a service's grpc.health.v1 state "
        "(SERVING, NOT_SERVING, unreachable, ...); kafka reachable or unreachable"
    )
    down: list[str] = Field(description="The parts not up, in the order of `checks`")
