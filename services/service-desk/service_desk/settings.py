"""The service desk's settings: `SERVICE_DESK_DATABASE_URL`, `SERVICE_DESK_GRPC_ADDRESS`, ..."""

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from crm_platform.settings import ServiceSettings
from service_desk.domain.follow_up_policy import FollowUpPolicy
from service_desk.domain.policies import Policies
from service_desk.domain.sla import SlaPolicy
from service_desk.domain.survey import SurveyPolicy


class ServiceDeskSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="SERVICE_DESK_", extra="ignore", frozen=True)

    database_url: str = "sqlite:///var/service-desk.db"
    grpc_address: str = "127.0.0.1:50053"
    # The same name the gateway and sales itself read, so one value serves every process.
    sales_grpc_address: str = Field(
        "127.0.0.1:50052", validation_alias="SALES_GRPC_ADDRESS", min_length=1
    )
    # How long a customer or contact check may wait for sales before the change is refused (503).
    sales_deadline_seconds: float = Field(2.0, gt=0)

    # A won deal's follow-up is due this many days after the close, owned by the deal's owner
    # unless FOLLOW_UP_OWNER_ID names the agent who takes them all.
    follow_up_days_after_close: int = Field(7, ge=0)
    follow_up_owner_id: str = ""
    # Hours to resolve a ticket, per priority.
    sla_urgent_hours: float = Field(4, gt=0)
    sla_high_hours: float = Field(8, gt=0)
    sla_normal_hours: float = Field(24, gt=0)
    sla_low_hours: float = Field(72, gt=0)
    # The customer-facing page a survey link points to; the token is appended.
    survey_base_url: str = Field("http://127.0.0.1:8080/surveys", min_length=1)
    survey_ttl_days: int = Field(30, ge=1)
    # `crm-service-desk schedule`: how often it looks for missed follow-ups and SLA breaches,
    # and how many it handles per transaction.
    schedule_interval_seconds: float = Field(60, gt=0)
    schedule_batch_size: int = Field(500, ge=1)
    scheduler_metrics_port: int = Field(0, ge=0, le=65535)

    def policies(self) -> Policies:
        return Policies(
            sla=SlaPolicy(
                urgent_hours=self.sla_urgent_hours,
                high_hours=self.sla_high_hours,
                normal_hours=self.sla_normal_hours,
                low_hours=self.sla_low_hours,
            ),
            surveys=SurveyPolicy(base_url=self.survey_base_url, ttl_days=self.survey_ttl_days),
            follow_ups=FollowUpPolicy(
                days_after_close=self.follow_up_days_after_close,
                owner_id=self.follow_up_owner_id,
            ),
        )
