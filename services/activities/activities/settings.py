"""The activities service's settings: `ACTIVITIES_DATABASE_URL`, `ACTIVITIES_GRPC_ADDRESS`, ..."""

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from crm_platform.settings import ServiceSettings


class ActivitiesSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="ACTIVITIES_", extra="ignore", frozen=True)

    database_url: str = "sqlite:///var/activities.db"
    grpc_address: str = "127.0.0.1:50055"
    # The owners of the records a task or activity is about; the same names the gateway reads.
    sales_grpc_address: str = Field(
        "127.0.0.1:50052", validation_alias="SALES_GRPC_ADDRESS", min_length=1
    )
    service_desk_grpc_address: str = Field(
        "127.0.0.1:50053", validation_alias="SERVICE_DESK_GRPC_ADDRESS", min_length=1
    )
    marketing_grpc_address: str = Field(
        "127.0.0.1:50051", validation_alias="MARKETING_GRPC_ADDRESS", min_length=1
    )
    # How long a related record's check may wait for its owner before the change is refused.
    records_deadline_seconds: float = Field(2.0, gt=0)
    # `crm-activities schedule`: how often it looks for reminders to send, and how many tasks
    # one transaction handles. Reminders go out at most this late.
    schedule_interval_seconds: float = Field(15, gt=0)
    schedule_batch_size: int = Field(500, ge=1)
    scheduler_metrics_port: int = Field(0, ge=0, le=65535)
