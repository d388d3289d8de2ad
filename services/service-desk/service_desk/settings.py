"""The service desk's settings: `SERVICE_DESK_DATABASE_URL`, `SERVICE_DESK_GRPC_ADDRESS`, ..."""

from pydantic_settings import SettingsConfigDict

from crm_platform.settings import ServiceSettings


class ServiceDeskSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="SERVICE_DESK_", extra="ignore", frozen=True)

    database_url: str = "sqlite:///var/service-desk.db"
    grpc_address: str = "127.0.0.1:50053"
