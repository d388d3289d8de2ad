"""The deployment files agree with the code: every process, port and setting name."""

from __future__ import annotations

import re
import tomllib
from urllib.parse import urlsplit

from deploy.inventory import (
    K8S,
    PARTS,
    REPO,
    SERVICES,
    by_kind,
    default_port,
    read_env,
    settings_classes,
)


def compose_env(service: dict) -> dict[str, str]:
    return {k: str(v) for k, v in service.get("environment", {}).items()}


def container_env(docs: list[dict], container: dict) -> set[str]:
    names = {e["name"] for e in container.get("env", [])}
    configs = by_kind(docs, "ConfigMap")
    for source in container.get("envFrom", []):
        names |= set(configs[source["configMapRef"]["name"]]["data"])
    return names


def test_every_procfile_process_runs_in_compose_with_its_image_and_command(compose, procfile):
    for name, (part, command) in procfile.items():
        service = compose["services"].get(name)
        assert service is not None, f"{name} of the Procfile is not in docker-compose.yml"
        assert service["image"].split(":")[0] == f"crm/{part}", name
        assert service["command"] == [command], name


def test_every_procfile_process_is_a_deployment_with_its_image_and_command(rendered, procfile):
    deployments = by_kind(rendered["base"], "Deployment")
    for name, (part, command) in procfile.items():
        assert name in deployments, f"{name} of the Procfile has no Deployment"
        container = deployments[name]["spec"]["template"]["spec"]["containers"][0]
        assert container["image"].split(":")[0] == f"crm/{part}", name
        assert container["args"] == [command], name
    crm = {n for n, d in deployments.items() if d["metadata"]["name"] in procfile}
    assert crm == set(deployments), "a Deployment that the Procfile does not run"


def test_compose_environment_names_are_the_settings_names(compose):
    classes = settings_classes()
    for name, service in compose["services"].items():
        part = service.get("image", "").split(":")[0].removeprefix("crm/")
        if part not in classes or name == "topics":
            continue
        unknown = set(compose_env(service)) - read_env(part)
        assert not unknown, f"{name}: {sorted(unknown)} not read by {classes[part].__name__}"


def test_manifest_environment_names_are_the_settings_names(rendered):
    classes = settings_classes()
    docs = rendered["base"]
    for doc in docs:
        if doc["kind"] not in ("Deployment", "Job"):
            continue
        part = doc["metadata"]["labels"]["app.kubernetes.io/name"]
        for container in doc["spec"]["template"]["spec"]["containers"]:
            unknown = container_env(docs, container) - read_env(part)
            assert not unknown, f"{doc['metadata']['name']}: {sorted(unknown)}"
    for overlay in ("overlays/dev", "overlays/prod"):
        for name, configmap in by_kind(rendered[overlay], "ConfigMap").items():
            part = name.removesuffix("-config")
            if part in classes:
                assert set(configmap["data"]) <= read_env(part), name


def address_port(value: str) -> int:
    return int(value.rsplit(":", 1)[1])


def test_ports_agree_with_the_settings_defaults(compose, rendered):
    docs = rendered["base"]
    services, deployments = by_kind(docs, "Service"), by_kind(docs, "Deployment")
    configs = by_kind(docs, "ConfigMap")
    for part in PARTS:
        port = default_port(part)
        key = (
            "GATEWAY_BIND"
            if part == "gateway"
            else f"{part.upper().replace('-', '_')}_GRPC_ADDRESS"
        )
        assert address_port(compose_env(compose["services"][part])[key]) == port, part
        assert address_port(configs[f"{part}-config"]["data"][key]) == port, part
        port_name = "http" if part == "gateway" else "grpc"
        service_port = next(p for p in services[part]["spec"]["ports"] if p["name"] == port_name)
        assert service_port["port"] == port, part
        container = deployments[part]["spec"]["template"]["spec"]["containers"][0]
        assert {p["name"]: p["containerPort"] for p in container["ports"]}[port_name] == port
    # Callers address each service by its Service name and port.
    for configmap in [c["data"] for c in configs.values()] + [
        compose_env(s) for s in compose["services"].values()
    ]:
        for part in SERVICES:
            key = f"{part.upper().replace('-', '_')}_GRPC_ADDRESS"
            value = configmap.get(key, "")
            if value and not value.startswith("0.0.0.0"):
                assert value == f"{part}:{default_port(part)}", (key, value)


def test_compose_database_urls_name_the_databases_postgres_creates(compose):
    sql = (REPO / "deploy/compose/postgres-init/01-databases.sql").read_text()
    created = set(re.findall(r"CREATE DATABASE (\w+);", sql))
    used = set()
    for service in compose["services"].values():
        for key, value in compose_env(service).items():
            if key.endswith("_DATABASE_URL"):
                url = urlsplit(value)
                assert url.hostname == "postgres" and url.password is None, value
                used.add(url.path.lstrip("/"))
    assert used == created


def test_the_dev_overlay_creates_the_same_databases_as_compose():
    compose_sql = REPO / "deploy/compose/postgres-init/01-databases.sql"
    dev_sql = K8S / "overlays/dev/postgres-init/01-databases.sql"
    assert dev_sql.read_text() == compose_sql.read_text()


def test_the_dockerfile_builds_every_part_and_each_part_has_its_command():
    dockerfile = (REPO / "Dockerfile").read_text()
    listed = re.search(r"marketing\|sales\|[\w|-]+\)", dockerfile)[0].rstrip(")").split("|")
    assert sorted(listed) == sorted(PARTS)
    for part in PARTS:
        folder = REPO / ("gateway" if part == "gateway" else f"services/{part}")
        scripts = tomllib.loads((folder / "pyproject.toml").read_text())["project"]["scripts"]
        assert f"crm-{part}" in scripts, part
        assert (folder / "migrations").is_dir(), part
