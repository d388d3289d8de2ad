"""The reporting service's settings: `REPORTING_DATABASE_URL`, `REPORTING_GRPC_ADDRESS`, ..."""

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from crm_platform.settings import ServiceSettings

CONSUMER_GROUP = "reporting"


class ReportingSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="REPORTING_", extra="ignore", frozen=True)

    database_url: str = "sqlite:///var/reporting.db"
    grpc_address: str = "127.0.0.1:50054"
    # Where `crm-reporting rebuild` builds the new read models. Unset with SQLite: a new file
    # beside the live one, renamed over it at the end. PostgreSQL: an empty database or schema;
    # operators then point REPORTING_DATABASE_URL at it (see the reporting README).
    rebuild_database_url: str = ""
    # gRPC health of crm.reporting.v1.ReportingService turns NOT_SERVING when the consumer is
    # more than this many events behind on any topic.
    max_ready_lag: int = Field(1000, ge=0)
    lag_check_interval: float = Field(5.0, gt=0)
