"""Settings shared by every service process, read from environment variables only.

Each service subclasses `ServiceSettings` with its own prefix (`SALES_`, `MARKETING_`, ...),
so one machine can run all of them from one environment: `SALES_DATABASE_URL`,
`SALES_GRPC_ADDRESS`, `SALES_METRICS_PORT`. What every process shares has no prefix:
`KAFKA_BOOTSTRAP_SERVERS` (and `KAFKA_SECURITY_PROTOCOL`, `KAFKA_SASL_*`, `KAFKA_SSL_*`),
`LOG_LEVEL`, `LOG_FORMAT`, `IDENTITY_GATEWAY_PUBLIC_KEY`.

Identity keys (see crm_platform.identity_token) come from here only, never from files in the
image: every service trusts `IDENTITY_GATEWAY_PUBLIC_KEY` for users; a service that calls
others on its own signs with `<PREFIX>IDENTITY_SIGNING_KEY`; a callee lists in
`<PREFIX>TRUSTED_SERVICES` (JSON) the services it believes and the roles it grants each.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from crm_platform.identity_token import IdentitySigner, IdentityVerifier


class KafkaSecurity(BaseSettings):
    """How the Kafka clients reach the broker. Locally: plaintext on loopback. In production
    (Strimzi): SASL_SSL, SCRAM-SHA-512 as the service's KafkaUser, the cluster's CA."""

    model_config = SettingsConfigDict(extra="ignore", frozen=True)

    kafka_security_protocol: Literal["PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"] = Field(
        "PLAINTEXT", validation_alias="KAFKA_SECURITY_PROTOCOL"
    )
    kafka_sasl_mechanism: Literal["PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"] | None = Field(
        None, validation_alias="KAFKA_SASL_MECHANISM"
    )
    kafka_sasl_username: str | None = Field(None, validation_alias="KAFKA_SASL_USERNAME")
    kafka_sasl_password: SecretStr | None = Field(None, validation_alias="KAFKA_SASL_PASSWORD")
    kafka_ssl_cafile: str | None = Field(None, validation_alias="KAFKA_SSL_CAFILE")
    # For mTLS instead of SCRAM: the client's certificate and key.
    kafka_ssl_certfile: str | None = Field(None, validation_alias="KAFKA_SSL_CERTFILE")
    kafka_ssl_keyfile: str | None = Field(None, validation_alias="KAFKA_SSL_KEYFILE")

    @model_validator(mode="after")
    def _sasl_is_complete(self) -> KafkaSecurity:
        if self.kafka_security_protocol.startswith("SASL_") and not (
            self.kafka_sasl_mechanism and self.kafka_sasl_username and self.kafka_sasl_password
        ):
            raise ValueError(
                "KAFKA_SECURITY_PROTOCOL=SASL_* needs KAFKA_SASL_MECHANISM, KAFKA_SASL_USERNAME "
                "and KAFKA_SASL_PASSWORD"
            )
        return self

    def kafka_client_options(self) -> dict[str, Any]:
        """kafka-python's keyword arguments for these settings (none for plaintext)."""
        options: dict[str, Any] = {"security_protocol": self.kafka_security_protocol}
        if self.kafka_security_protocol.startswith("SASL_"):
            assert self.kafka_sasl_password is not None
            options |= {
                "sasl_mechanism": self.kafka_sasl_mechanism,
                "sasl_plain_username": self.kafka_sasl_username,
                "sasl_plain_password": self.kafka_sasl_password.get_secret_value(),
            }
        files = {
            "ssl_cafile": self.kafka_ssl_cafile,
            "ssl_certfile": self.kafka_ssl_certfile,
            "ssl_keyfile": self.kafka_ssl_keyfile,
        }
        if self.kafka_security_protocol.endswith("SSL"):
            options |= {name: path for name, path in files.items() if path}
        return options


class PlatformSettings(KafkaSecurity):
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


class TrustedServiceKey(BaseModel):
    """One entry of `<PREFIX>TRUSTED_SERVICES`: `{"sales": {"public_key": "…", "roles": []}}`."""

    model_config = {"frozen": True}

    public_key: str = Field(min_length=1)
    # The most the caller may act as here; empty: it is known, but may do only what anyone may.
    roles: tuple[str, ...] = ()


class IdentityTrustSettings(BaseSettings):
    """What a gRPC server needs to believe its callers (a service's settings include it)."""

    model_config = SettingsConfigDict(extra="ignore", frozen=True)

    # Required by a gRPC server (a relay or a consumer serves no calls and needs none): a
    # server that could not verify would take every caller for anonymous.
    identity_gateway_public_key: str | None = Field(
        None, validation_alias="IDENTITY_GATEWAY_PUBLIC_KEY", min_length=1
    )
    trusted_services: dict[str, TrustedServiceKey] = Field(default_factory=dict)

    def identity_verifier(self) -> IdentityVerifier:
        if not self.identity_gateway_public_key:
            raise RuntimeError(
                "IDENTITY_GATEWAY_PUBLIC_KEY is not set: a gRPC server needs the gateway's "
                "public key to know who calls it"
            )
        return IdentityVerifier.from_keys(
            self.identity_gateway_public_key,
            {name: (t.public_key, t.roles) for name, t in self.trusted_services.items()},
        )


class ServiceSettings(IdentityTrustSettings, PlatformSettings):
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
    # This service's own key, for calls it makes on no user's behalf (none do yet); the
    # callees list its public key in their TRUSTED_SERVICES.
    identity_signing_key: SecretStr | None = None

    def identity_signer(self, service_name: str) -> IdentitySigner | None:
        if self.identity_signing_key is None:
            return None
        return IdentitySigner.service(service_name, self.identity_signing_key.get_secret_value())
