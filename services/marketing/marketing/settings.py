"""The marketing service's settings: `MARKETING_DATABASE_URL`, `MARKETING_GRPC_ADDRESS`, ..."""

from pydantic_settings import SettingsConfigDict

from crm_platform.settings import ServiceSettings


class MarketingSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="MARKETING_", extra="ignore", frozen=True)

    database_url: str = "sqlite:///var/marketing.db"
    grpc_address: str = "127.0.0.1:50051"
