"""The notifications service's settings: `NOTIFICATIONS_DATABASE_URL`,
`NOTIFICATIONS_GRPC_ADDRESS`, ...; the mail relay's are the unprefixed `SMTP_*` and `MAIL_FROM`
(one relay for the whole CRM)."""

from pydantic import Field, SecretStr
from pydantic_settings import SettingsConfigDict

from crm_platform.settings import ServiceSettings


class NotificationsSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="NOTIFICATIONS_", extra="ignore", frozen=True)

    database_url: str = "sqlite:///var/notifications.db"
    grpc_address: str = "127.0.0.1:50056"
    # Where the e-mails' links point: the gateway's web UI as users reach it.
    web_base_url: str = "http://127.0.0.1:8080"
    # The `send` process: how often it looks for mail and due reminders, how many at a time.
    send_interval_seconds: float = Field(2.0, gt=0)
    send_batch_size: int = Field(50, ge=1)
    # A claimed message not marked sent or failed within this is taken again (its sender died).
    claim_seconds: float = Field(120.0, gt=0)
    max_attempts: int = Field(8, ge=1)
    # The daily digest leaves at this hour (UTC) with what came since the last one.
    digest_hour_utc: int = Field(7, ge=0, le=23)
    send_metrics_port: int = Field(0, ge=0, le=65535)

    smtp_host: str = Field("127.0.0.1", validation_alias="SMTP_HOST", min_length=1)
    smtp_port: int = Field(1025, validation_alias="SMTP_PORT", ge=1, le=65535)
    smtp_username: str = Field("", validation_alias="SMTP_USERNAME")
    smtp_password: SecretStr = Field(SecretStr(""), validation_alias="SMTP_PASSWORD")
    smtp_starttls: bool = Field(False, validation_alias="SMTP_STARTTLS")
    smtp_timeout_seconds: float = Field(10.0, validation_alias="SMTP_TIMEOUT_SECONDS", gt=0)
    mail_from: str = Field("CRM <crm@crm.localhost>", validation_alias="MAIL_FROM", min_length=3)
