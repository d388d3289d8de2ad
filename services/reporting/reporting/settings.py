"""The reporting service's settings: `REPORTING_DATABASE_URL`, `REPORTING_GRPC_ADDRESS`, ..."""

from pydantic_settings import SettingsConfigDict

from crm_platform.settings import ServiceSettings


class ReportingSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="REPORTING_", extra="ignore", frozen=True)

    database_url: str = "sqlite:///var/reporting.db"
    grpc_address: str = "127.0.0.1:50054"
