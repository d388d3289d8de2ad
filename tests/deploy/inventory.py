"""What the deployment checks compare: the parts, their settings' names and ports, the overlays."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
K8S = REPO / "deploy" / "k8s"
OVERLAYS = ("base", "overlays/dev", "overlays/prod")
PARTS = (
    "marketing",
    "sales",
    "service-desk",
    "reporting",
    "activities",
    "notifications",
    "gateway",
)
SERVICES = PARTS[:-1]
# Read by libpq, not by a settings class: the database user and password.
LIBPQ_ENV = {"PGUSER", "PGPASSWORD"}
# Read by the gateway's clients from the environment itself (gateway/gateway/clients/), until
# GatewaySettings declares them: the addresses of the two services of issue 17.
GATEWAY_CLIENT_ENV = {"ACTIVITIES_GRPC_ADDRESS", "NOTIFICATIONS_GRPC_ADDRESS"}


def settings_classes() -> dict[str, type]:
    from activities.settings import ActivitiesSettings
    from notifications.settings import NotificationsSettings

    from gateway.settings import GatewaySettings
    from marketing.settings import MarketingSettings
    from reporting.settings import ReportingSettings
    from sales.settings import SalesSettings
    from service_desk.settings import ServiceDeskSettings

    return {
        "marketing": MarketingSettings,
        "sales": SalesSettings,
        "service-desk": ServiceDeskSettings,
        "reporting": ReportingSettings,
        "activities": ActivitiesSettings,
        "notifications": NotificationsSettings,
        "gateway": GatewaySettings,
    }


def read_env(part: str) -> set[str]:
    """Every environment variable a part's processes read."""
    names = env_names(settings_classes()[part]) | LIBPQ_ENV
    return names | GATEWAY_CLIENT_ENV if part == "gateway" else names


def produced_topics() -> dict[str, set[str]]:
    """Each part's event topics: crm_platform.topics' declarations, and the gateway's own
    (its relay declares gateway.user-changed until crm_platform.topics does)."""
    from crm_platform.topics import EVENT_TOPICS
    from gateway.adapters.outbox_relay import OWN_TOPICS

    produced: dict[str, set[str]] = {}
    for topic in EVENT_TOPICS:
        produced.setdefault(topic.producer, set()).add(topic.name)
    produced.setdefault("gateway", set()).update(
        t.name for t in OWN_TOPICS if not t.name.endswith(".dlq")
    )
    return produced


def env_names(settings_class: type) -> set[str]:
    """The environment variables a pydantic-settings class reads, by its aliases and prefix."""
    prefix = settings_class.model_config.get("env_prefix", "")
    names = set()
    for name, field in settings_class.model_fields.items():
        alias = field.validation_alias
        if alias is None:
            names.add((prefix + name).upper())
        elif isinstance(alias, str):
            names.add(alias.upper())
        else:  # AliasChoices
            names.update(c.upper() for c in alias.choices if isinstance(c, str))
    return names


def default_port(part: str) -> int:
    cls = settings_classes()[part]
    field = "bind" if part == "gateway" else "grpc_address"
    return int(cls.model_fields[field].default.rsplit(":", 1)[1])


def find_kustomize() -> str | None:
    candidates = [os.environ.get("KUSTOMIZE"), str(REPO / "build" / "bin" / "kustomize")]
    for candidate in candidates:
        if candidate and Path(candidate).is_file():
            return candidate
    return shutil.which("kustomize")


def by_kind(docs: list[dict], kind: str) -> dict[str, dict]:
    return {d["metadata"]["name"]: d for d in docs if d["kind"] == kind}


def pod_templates(docs: list[dict]):
    """(document, pod spec) of every Deployment, StatefulSet and Job."""
    for doc in docs:
        if doc["kind"] in ("Deployment", "StatefulSet", "Job"):
            yield doc, doc["spec"]["template"]["spec"]
