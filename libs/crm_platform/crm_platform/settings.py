"""Settings shared by every service process, read from environment variables only.

Each service subclasses `ServiceSettings` with its own prefix (`SALES_`, `MARKETING_`, ...),
so one machine can run all of them from one environment: `SALES_DATABASE_URL`,
`SALES_GRPC_ADDRESS`, `SALES_METRICS_PORT`. What every process shares has no prefix:
`KAFKA_BOOTSTRAP_SERVERS`, `LOG_LEVEL`, `LOG_FORMAT`.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class PlatformSettings(BaseSettings):
    """What every process of the CRM reads, whichever service it belongs to."""

    model_config = SettingsConfigDict(extra="ignore", frozen=True)

    kafka_bootstrap_servers: str = Field(
        "127.0.0.1:9092", validation_alias="KAFKA_BOOTSTRAP_SERVERS", min_length=1
    )
    # Locally the processes create the topics they need; where topics are managed elsewhere
    # (Strimzi's KafkaTopic in production) set it to false and they wait for them instead.
    kafka_create_topics: bool = Field(True, validation_alias="KAFKA_CREATE_TOPICS")
    log_level: str = Field("INFO", validation_alias="LOG_LEVEL")
    log_format: Literal["json", "text"] = Field("json", validation_alias="LOG_FORMAT")


class ServiceSettings(PlatformSettings):
    """One service's processes (gRPC server, outbox relay, event consumer)."""

    database_url: str = Field(min_length=1)
    grpc_address: str = Field(min_length=1)
    # Each process of a service has its own /metrics port; 0: that process exposes none.
    metrics_port: int = Field(0, ge=0, le=65535)
    relay_metrics_port: int = Field(0, ge=0, le=65535)
    consumer_metrics_port: int = Field(0, ge=0, le=65535)
    metrics_host: str = "127.0.0.1"
    grpc_workers: int = Field(16, ge=1)
    relay_batch_size: int = Field(500, ge=1)
    relay_poll_interval: float = Field(0.2, gt=0)
