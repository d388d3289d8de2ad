"""Every overlay renders, validates against the Kubernetes schemas and holds what issue 8 asks."""

from __future__ import annotations

import kubernetes_validate
import pytest
import yaml
from deploy.inventory import K8S, OVERLAYS, PARTS, SERVICES, by_kind, pod_templates

from crm_platform.topics import all_topics

KUBERNETES_VERSION = "1.33.0"
CUSTOM_GROUPS = ("kafka.strimzi.io", "postgresql.cnpg.io")


def crm_docs(docs: list[dict]) -> list[dict]:
    return [
        d for d in docs if d["metadata"].get("labels", {}).get("app.kubernetes.io/part-of") == "crm"
    ]


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_builtin_kinds_validate_strictly_against_the_kubernetes_schemas(rendered, overlay):
    builtin = [d for d in rendered[overlay] if d["apiVersion"].split("/")[0] not in CUSTOM_GROUPS]
    assert builtin
    for doc in builtin:
        # Raises with the offending path; strict: no field the schema does not know.
        kubernetes_validate.validate(doc, KUBERNETES_VERSION, strict=True)


def test_the_reporting_rebuild_job_validates():
    doc = yaml.safe_load((K8S / "jobs" / "reporting-rebuild.yaml").read_text())
    kubernetes_validate.validate(doc, KUBERNETES_VERSION, strict=True)
    container = doc["spec"]["template"]["spec"]["containers"][0]
    assert container["args"] == ["rebuild"]
    assert "REPORTING_REBUILD_DATABASE_URL" in {e["name"] for e in container["env"]}


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_no_secret_value_is_committed(rendered, overlay):
    assert not by_kind(rendered[overlay], "Secret")
    for doc, pod in pod_templates(rendered[overlay]):
        for container in pod["containers"] + pod.get("initContainers", []):
            for env in container.get("env", []):
                if env["name"] in (
                    "PGPASSWORD",
                    "CRM_ADMIN_PASSWORD",
                    "POSTGRES_PASSWORD",
                    "GATEWAY_IDENTITY_SIGNING_KEY",
                    "IDENTITY_GATEWAY_PUBLIC_KEY",
                ):
                    assert "secretKeyRef" in env["valueFrom"], (doc["metadata"]["name"], env)


def test_every_crm_pod_is_locked_down(rendered):
    templates = [
        (d, p) for d, p in pod_templates(rendered["base"]) if d in crm_docs(rendered["base"])
    ]
    assert len(templates) >= 12
    for doc, pod in templates:
        name = doc["metadata"]["name"]
        part = doc["metadata"]["labels"]["app.kubernetes.io/name"]
        assert pod["serviceAccountName"] == part, name
        assert pod["automountServiceAccountToken"] is False, name
        assert pod["securityContext"]["runAsNonRoot"] is True, name
        assert pod["securityContext"]["runAsUser"] != 0, name
        volumes = {v["name"]: v for v in pod["volumes"]}
        for container in pod["containers"]:
            security = container["securityContext"]
            assert security["readOnlyRootFilesystem"] is True, name
            assert security["allowPrivilegeEscalation"] is False, name
            assert security["capabilities"]["drop"] == ["ALL"], name
            assert set(container["resources"]) == {"requests", "limits"}, name
            tmp = [m for m in container["volumeMounts"] if m["mountPath"] == "/tmp"]
            assert tmp and "emptyDir" in volumes[tmp[0]["name"]], name


def test_servers_are_probed_grpc_health_and_the_gateway_over_http(rendered):
    deployments = by_kind(rendered["base"], "Deployment")
    for part in SERVICES:
        container = deployments[part]["spec"]["template"]["spec"]["containers"][0]
        grpc_port = next(p["containerPort"] for p in container["ports"] if p["name"] == "grpc")
        for probe in ("readinessProbe", "livenessProbe", "startupProbe"):
            assert container[probe]["grpc"]["port"] == grpc_port, (part, probe)
    gateway = deployments["gateway"]["spec"]["template"]["spec"]["containers"][0]
    assert gateway["readinessProbe"]["httpGet"]["path"] == "/readyz"
    assert gateway["livenessProbe"]["httpGet"]["path"] == "/healthz"


def test_each_part_has_its_service_config_migration_job_autoscaler_and_budget(rendered):
    docs = rendered["base"]
    services, jobs = by_kind(docs, "Service"), by_kind(docs, "Job")
    hpas, pdbs = by_kind(docs, "HorizontalPodAutoscaler"), by_kind(docs, "PodDisruptionBudget")
    for part in PARTS:
        ports = {p["name"] for p in services[part]["spec"]["ports"]}
        assert ("http" if part == "gateway" else "grpc") in ports
        assert f"{part}-config" in by_kind(docs, "ConfigMap")
        assert part in by_kind(docs, "ServiceAccount")
        assert jobs[f"{part}-migrate"]["spec"]["template"]["spec"]["containers"][0]["args"] == [
            "migrate"
        ]
        assert hpas[part]["spec"]["scaleTargetRef"]["name"] == part
        assert pdbs[part]["spec"]["selector"]["matchLabels"]["app.kubernetes.io/name"] == part
        # The autoscaler owns the count: a fixed `replicas` would undo it on every apply.
        assert "replicas" not in by_kind(docs, "Deployment")[part]["spec"]
    assert (
        by_kind(docs, "Ingress")["gateway"]["spec"]["rules"][0]["http"]["paths"][0]["backend"][
            "service"
        ]["name"]
        == "gateway"
    )


def ingress_sources(policy: dict) -> set[str]:
    sources = set()
    for rule in policy["spec"].get("ingress", []):
        if any(p["port"] == "grpc" for p in rule.get("ports", [])):
            for peer in rule.get("from", []):
                sources.add(peer["podSelector"]["matchLabels"]["app.kubernetes.io/name"])
    return sources


def egress_targets(policy: dict) -> set[tuple[str, int]]:
    targets = set()
    for rule in policy["spec"]["egress"]:
        for peer in rule.get("to", []):
            if "ipBlock" in peer:  # outside the cluster, by address
                targets.update((peer["ipBlock"]["cidr"], p["port"]) for p in rule["ports"])
                continue
            labels = dict(peer["podSelector"]["matchLabels"])
            # A part's gRPC server by its name, a database or broker by its crm/* label.
            if labels.pop("app.kubernetes.io/component", "server") != "server":
                continue
            for key, value in labels.items():
                label = value if key == "app.kubernetes.io/name" else key
                targets.update((label, p["port"]) for p in rule["ports"])
    return targets


def test_network_policies_let_only_the_gateway_and_named_callers_in(rendered):
    policies = by_kind(rendered["base"], "NetworkPolicy")
    callers = {
        "marketing": {"gateway", "sales", "activities"},
        "sales": {"gateway", "service-desk", "activities"},
        "service-desk": {"gateway", "activities"},
    }
    calls = {
        "sales": {("marketing", 50051)},
        "service-desk": {("sales", 50052)},
        # The owners of a task's related record.
        "activities": {("marketing", 50051), ("sales", 50052), ("service-desk", 50053)},
        # The mail relay, wherever it is.
        "notifications": {("0.0.0.0/0", 25), ("0.0.0.0/0", 465), ("0.0.0.0/0", 587)},
    }
    for part in SERVICES:
        policy = policies[part]
        assert policy["spec"]["podSelector"]["matchLabels"] == {"app.kubernetes.io/name": part}
        assert set(policy["spec"]["policyTypes"]) == {"Ingress", "Egress"}
        assert ingress_sources(policy) == callers.get(part, {"gateway"}), part
        expected = {(f"crm/db-{part}", 5432), ("crm/kafka", 9092), *calls.get(part, ())}
        assert egress_targets(policy) == expected, part
        dns = [r for r in policy["spec"]["egress"] if "to" not in r]
        assert [p["port"] for p in dns[0]["ports"]] == [53, 53]
    gateway = egress_targets(policies["gateway"])
    assert {n for n, _ in gateway} == {"crm/db-gateway", "crm/kafka", *SERVICES}


def test_database_and_kafka_pods_carry_the_labels_the_policies_allow(rendered):
    dev = by_kind(rendered["overlays/dev"], "StatefulSet")
    postgres_labels = dev["postgres"]["spec"]["template"]["metadata"]["labels"]
    assert {f"crm/db-{p}" for p in PARTS} <= set(postgres_labels)
    assert dev["kafka"]["spec"]["template"]["metadata"]["labels"]["crm/kafka"] == "true"
    prod = rendered["overlays/prod"]
    for part, cluster in ((p, by_kind(prod, "Cluster")[f"{p}-db"]) for p in PARTS):
        assert cluster["spec"]["inheritedMetadata"]["labels"] == {f"crm/db-{part}": "true"}
    pool = by_kind(prod, "KafkaNodePool")["dual"]
    assert pool["spec"]["template"]["pod"]["metadata"]["labels"]["crm/kafka"] == "true"


def config(docs: list[dict], name: str) -> dict[str, str]:
    return by_kind(docs, "ConfigMap")[name]["data"]


@pytest.mark.parametrize("overlay", ["overlays/dev", "overlays/prod"])
def test_database_urls_name_a_database_of_the_overlay(rendered, overlay):
    docs = rendered[overlay]
    for part in PARTS:
        prefix = part.upper().replace("-", "_")
        url = config(docs, f"{part}-config")[f"{prefix}_DATABASE_URL"]
        assert url.startswith("postgresql+psycopg://") and "@" not in url, url
        host, database = url.removeprefix("postgresql+psycopg://").split("/")
        if overlay == "overlays/dev":
            assert host == "postgres:5432"
            sql = (K8S / "overlays/dev/postgres-init/01-databases.sql").read_text()
            assert f"CREATE DATABASE {database};" in sql
        else:
            cluster = by_kind(docs, "Cluster")[f"{part}-db"]
            assert host == f"{part}-db-rw:5432"
            assert cluster["spec"]["bootstrap"]["initdb"]["database"] == database


def test_prod_runs_kafka_and_postgres_by_operators_and_creates_no_topic_itself(rendered):
    prod, dev = rendered["overlays/prod"], rendered["overlays/dev"]
    assert not by_kind(prod, "StatefulSet")
    assert config(prod, "crm-common")["KAFKA_CREATE_TOPICS"] == "false"
    assert config(dev, "crm-common")["KAFKA_CREATE_TOPICS"] == "true"
    assert not [d for d in dev if d["apiVersion"].split("/")[0] in CUSTOM_GROUPS]
    assert config(prod, "crm-common")["KAFKA_BOOTSTRAP_SERVERS"] == "crm-kafka-bootstrap:9092"
    assert config(dev, "crm-common")["KAFKA_BOOTSTRAP_SERVERS"] == "kafka:9092"


def test_strimzi_resources_are_complete(rendered):
    prod = rendered["overlays/prod"]
    kafka = by_kind(prod, "Kafka")["crm"]
    assert kafka["apiVersion"] == "kafka.strimzi.io/v1beta2"
    # No plaintext listener: TLS and SCRAM on 9092 only (issue 24 #13, tests/deploy/test_trust.py).
    (listener,) = kafka["spec"]["kafka"]["listeners"]
    assert (listener["port"], listener["type"], listener["tls"]) == (9092, "internal", True)
    assert kafka["spec"]["kafka"]["config"]["auto.create.topics.enable"] is False
    assert {"topicOperator", "userOperator"} <= set(kafka["spec"]["entityOperator"])
    pool = by_kind(prod, "KafkaNodePool")["dual"]
    assert pool["metadata"]["labels"]["strimzi.io/cluster"] == "crm"
    assert set(pool["spec"]["roles"]) == {"controller", "broker"}
    assert pool["spec"]["replicas"] >= 3 and pool["spec"]["storage"]["type"] == "jbod"


def test_a_kafka_topic_for_every_topic_of_the_code_with_its_partitions_kept_forever(rendered):
    topics = by_kind(rendered["overlays/prod"], "KafkaTopic")
    from gateway.adapters.outbox_relay import OWN_TOPICS

    wanted = {t.name: t.partitions for t in [*all_topics(), *OWN_TOPICS]}
    assert {t["spec"]["topicName"]: t["spec"]["partitions"] for t in topics.values()} == wanted
    for topic in topics.values():
        assert topic["apiVersion"] == "kafka.strimzi.io/v1beta2"
        assert topic["metadata"]["labels"]["strimzi.io/cluster"] == "crm"
        assert topic["spec"]["replicas"] == 3
        assert topic["spec"]["config"]["retention.ms"] == -1


def test_cloudnativepg_clusters_and_backups_are_complete(rendered):
    prod = rendered["overlays/prod"]
    clusters, backups = by_kind(prod, "Cluster"), by_kind(prod, "ScheduledBackup")
    assert set(clusters) == {f"{p}-db" for p in PARTS}
    for name, cluster in clusters.items():
        assert cluster["apiVersion"] == "postgresql.cnpg.io/v1"
        assert cluster["spec"]["instances"] >= 2
        assert cluster["spec"]["storage"]["size"]
        assert cluster["spec"]["bootstrap"]["initdb"]["owner"]
        assert cluster["spec"]["backup"]["barmanObjectStore"]["destinationPath"]
        backup = backups[f"{name}-daily"]
        assert backup["spec"]["cluster"]["name"] == name
        assert len(backup["spec"]["schedule"].split()) == 6  # seconds first


# The gateway's identity key pair: the private key for the gateway alone, the public one for
# the services (deploy/README.md says how to make them).
IDENTITY_SECRETS = ("crm-identity-gateway", "crm-identity-public")


def test_every_secret_a_pod_reads_is_one_the_readme_or_an_operator_makes(rendered):
    made_by_cnpg = {f"{p}-db-app" for p in PARTS}
    # Strimzi's User Operator keeps each KafkaUser's password in a Secret of the user's name.
    made_by_strimzi = set(by_kind(rendered["overlays/prod"], "KafkaUser"))
    assert made_by_strimzi
    for overlay in OVERLAYS:
        for _doc, pod in pod_templates(rendered[overlay]):
            for container in pod["containers"]:
                for env in container.get("env", []):
                    ref = env.get("valueFrom", {}).get("secretKeyRef")
                    if ref:
                        by_hand = {"crm-admin", "crm-smtp", "postgres", *IDENTITY_SECRETS}
                        made = made_by_cnpg | (
                            made_by_strimzi if overlay.endswith("prod") else set()
                        )
                        assert ref["name"] in made | by_hand, ref


def test_only_the_gateway_reads_the_identity_signing_key(rendered):
    for overlay in OVERLAYS:
        for doc, pod in pod_templates(rendered[overlay]):
            for container in pod["containers"]:
                for env in container.get("env", []):
                    ref = env.get("valueFrom", {}).get("secretKeyRef") or {}
                    if ref.get("name") == "crm-identity-gateway":
                        assert doc["metadata"]["name"] == "gateway", doc["metadata"]["name"]
