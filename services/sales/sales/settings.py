"""The sales service's settings: `SALES_DATABASE_URL`, `SALES_GRPC_ADDRESS`, ..."""

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from crm_platform.settings import ServiceSettings


class SalesSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="SALES_", extra="ignore", frozen=True)

    database_url: str = "sqlite:///var/sales.db"
    grpc_address: str = "127.0.0.1:50052"
    # The same name the gateway and marketing itself read, so one value serves every process.
    marketing_grpc_address: str = Field(
        "127.0.0.1:50051", validation_alias="MARKETING_GRPC_ADDRESS"
    )
    # How long a campaign check may wait for marketing before the change is refused (503).
    marketing_deadline_seconds: float = 2.0
