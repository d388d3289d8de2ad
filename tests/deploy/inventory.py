"""What the deployment checks compare: the parts, their settings' names and ports, the overlays."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
K8S = REPO / "deploy" / "k8s"
OVERLAYS = ("base", "overlays/dev", "overlays/prod")
PARTS = ("marketing", "sales", "service-desk", "reporting", "gateway")
SERVICES = PARTS[:-1]
# Read by libpq, not by a settings class: the database user and password.
LIBPQ_ENV = {"PGUSER", "PGPASSWORD"}


def settings_classes() -> dict[str, type]:
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
        "gateway": GatewaySettings,
    }


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
