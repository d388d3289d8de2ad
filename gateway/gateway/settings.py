"""The gateway's settings, read from environment variables only (no default secrets)."""

from __future__ import annotations

from pydantic import Field, SecretStr
from pydantic_settings import SettingsConfigDict

from crm_platform.settings import PlatformSettings

MIB = 1024 * 1024


class GatewaySettings(PlatformSettings):
    """Everything the gateway reads; Kafka and log settings come from the platform's base."""

    # Tests and tools pass values by field name; the environment uses the documented names.
    model_config = SettingsConfigDict(
        extra="ignore", frozen=True, validate_by_name=True, validate_by_alias=True
    )

    database_url: str = Field(
        "sqlite:///var/gateway.db", validation_alias="GATEWAY_DATABASE_URL", min_length=1
    )
    bind: str = Field("127.0.0.1:8080", validation_alias="GATEWAY_BIND", min_length=1)
    # gthread workers x threads. Each request is ~4.5 ms of CPU under the GIL and ~3 ms waiting
    # on a service, so threads fill the wait and processes use the cores. On 2 cores, 2 x 8,
    # 4 x 2, 2 x 4 and 1 x 8 read a deal at the same rate within the noise (105-180 req/s at
    # 8 connections, issue 10): 2 x 8 stays, one process per core with room for slow calls.
    workers: int = Field(2, validation_alias="GATEWAY_WORKERS", ge=1)
    threads: int = Field(8, validation_alias="GATEWAY_THREADS", ge=1)

    marketing_grpc_address: str = Field(
        "127.0.0.1:50051", validation_alias="MARKETING_GRPC_ADDRESS", min_length=1
    )
    sales_grpc_address: str = Field(
        "127.0.0.1:50052", validation_alias="SALES_GRPC_ADDRESS", min_length=1
    )
    service_desk_grpc_address: str = Field(
        "127.0.0.1:50053", validation_alias="SERVICE_DESK_GRPC_ADDRESS", min_length=1
    )
    reporting_grpc_address: str = Field(
        "127.0.0.1:50054", validation_alias="REPORTING_GRPC_ADDRESS", min_length=1
    )
    grpc_deadline_seconds: float = Field(
        5.0, validation_alias="GATEWAY_GRPC_DEADLINE_SECONDS", gt=0
    )
    # /readyz must answer well within a probe's timeout, whatever is down.
    readiness_timeout_seconds: float = Field(
        1.0, validation_alias="GATEWAY_READINESS_TIMEOUT_SECONDS", gt=0
    )
    kafka_check_interval_seconds: float = Field(
        5.0, validation_alias="GATEWAY_KAFKA_CHECK_INTERVAL_SECONDS", ge=0
    )

    # Signs, per gRPC call, the identity of the user the gateway authenticated; the services
    # hold only its public key (IDENTITY_GATEWAY_PUBLIC_KEY). No default secret: the app does
    # not start without it (`migrate` needs none, so it may be left out there).
    identity_signing_key: SecretStr | None = Field(
        None, validation_alias="GATEWAY_IDENTITY_SIGNING_KEY"
    )

    admin_password: SecretStr | None = Field(None, validation_alias="CRM_ADMIN_PASSWORD")
    token_ttl_seconds: int = Field(8 * 3600, validation_alias="GATEWAY_TOKEN_TTL_SECONDS", ge=60)
    # Wrong passwords from one address before it must wait (30 s, doubling); the account-wide
    # lock needs 4x as many from addresses that never logged in (domain/lockout.py).
    lockout_threshold: int = Field(5, validation_alias="GATEWAY_LOCKOUT_THRESHOLD", ge=1)
    lockout_seconds: int = Field(15 * 60, validation_alias="GATEWAY_LOCKOUT_SECONDS", ge=1)

    # How many proxies in front of us append to X-Forwarded-For; 0 trusts no header at all,
    # since a client could otherwise pick the address that allowed_ips is checked against.
    trusted_proxies: int = Field(0, validation_alias="GATEWAY_TRUSTED_PROXIES", ge=0)
    max_body_bytes: int = Field(10 * MIB, validation_alias="GATEWAY_MAX_BODY_BYTES", ge=1)
    # The campaign import alone takes more: a 100,000-row .csv is about 15 MB.
    max_import_bytes: int = Field(100 * MIB, validation_alias="GATEWAY_MAX_IMPORT_BYTES", ge=1)
    # The web UI's cookies carry Secure when this is set (behind TLS) or the request is HTTPS;
    # behind trusted proxies, HTTPS is what their X-Forwarded-Proto says.
    secure_cookies: bool = Field(False, validation_alias="GATEWAY_SECURE_COOKIES")
    # Strict-Transport-Security's max-age on every answer; 0 sends none (plain HTTP on
    # loopback under `make up`). The prod overlay sets a year: TLS ends at its ingress.
    hsts_seconds: int = Field(0, validation_alias="GATEWAY_HSTS_SECONDS", ge=0)

    @property
    def service_addresses(self) -> dict[str, str]:
        """The services /readyz checks, by the name it reports them under."""
        return {
            "marketing": self.marketing_grpc_address,
            "sales": self.sales_grpc_address,
            "service-desk": self.service_desk_grpc_address,
            "reporting": self.reporting_grpc_address,
        }
