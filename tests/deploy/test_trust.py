"""Issue 24 #11-#13: who the gateway and the broker let in, and TLS in production."""

from __future__ import annotations

from deploy.inventory import PARTS, by_kind, produced_topics

from crm_platform.topics import dead_letter_topic

INGRESS_CONTROLLER = {
    "namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": "ingress-nginx"}},
    "podSelector": {
        "matchLabels": {
            "app.kubernetes.io/name": "ingress-nginx",
            "app.kubernetes.io/component": "controller",
        }
    },
}


def test_only_the_ingress_controller_reaches_the_gateway_that_trusts_its_header(rendered):
    """#11: with GATEWAY_TRUSTED_PROXIES set, a pod reaching the gateway directly would pick
    the client address; every ingress rule names the controller's pods and nothing else."""
    for overlay, docs in rendered.items():
        config = by_kind(docs, "ConfigMap")["gateway-config"]["data"]
        assert int(config["GATEWAY_TRUSTED_PROXIES"]) >= 1, overlay
        rules = by_kind(docs, "NetworkPolicy")["gateway"]["spec"]["ingress"]
        assert rules, overlay
        for rule in rules:
            assert rule.get("from") == [INGRESS_CONTROLLER], (overlay, rule)


def test_production_cookies_are_secure_and_hsts_is_sent(rendered):
    """#12: TLS ends at the Ingress; the prod gateway marks cookies Secure and sends HSTS."""
    config = by_kind(rendered["overlays/prod"], "ConfigMap")["gateway-config"]["data"]
    assert config["GATEWAY_SECURE_COOKIES"] == "true"
    assert int(config["GATEWAY_HSTS_SECONDS"]) >= 180 * 24 * 3600
    assert int(config["GATEWAY_TRUSTED_PROXIES"]) == 1
    ingress = by_kind(rendered["overlays/prod"], "Ingress")["gateway"]["spec"]
    assert ingress["tls"][0]["secretName"] == "crm-tls"


def consumed_topics() -> dict[str, set[str]]:
    """What each service's consumer subscribes to: its event handlers' topics."""
    from activities.entrypoints.event_handlers import event_handlers as activities
    from notifications.entrypoints.event_handlers import event_handlers as notifications
    from notifications.settings import NotificationsSettings

    from marketing.entrypoints.event_handlers import event_handlers as marketing
    from reporting.entrypoints.event_handlers import event_handlers as reporting
    from service_desk.entrypoints.event_handlers import event_handlers as service_desk
    from service_desk.settings import ServiceDeskSettings

    desk = ServiceDeskSettings(database_url="sqlite://", grpc_address="127.0.0.1:1")
    return {
        "marketing": set(marketing(None)),
        "service-desk": set(service_desk(desk)),
        "reporting": set(reporting(None)),
        "activities": set(activities(None)),
        "notifications": set(notifications(NotificationsSettings(database_url="sqlite://"))),
    }


def granted(user: dict) -> dict[tuple[str, str], set[str]]:
    """(resource type, name or prefix*) -> operations, from a KafkaUser's simple ACLs."""
    grants: dict[tuple[str, str], set[str]] = {}
    for acl in user["spec"]["authorization"]["acls"]:
        resource = acl["resource"]
        name = resource["name"] + ("*" if resource.get("patternType") == "prefix" else "")
        grants.setdefault((resource["type"], name), set()).update(acl["operations"])
    return grants


def test_kafka_users_write_only_their_topics_and_read_only_what_they_consume(rendered):
    """#13: only sales writes sales.*, each consumer reads its subscriptions (in its group)
    and writes their dead letters; nothing more, for every part."""
    users = by_kind(rendered["overlays/prod"], "KafkaUser")
    consumed, produced = consumed_topics(), produced_topics()
    assert set(users) == set(PARTS)
    for part in PARTS:
        user = users[part]
        assert user["spec"]["authentication"]["type"] == "scram-sha-512", part
        expected = {("topic", "*"): {"Describe"}}
        for name in produced.get(part, ()):
            expected[("topic", name)] = {"Write"}
        for name in consumed.get(part, ()):
            expected[("topic", name)] = {"Read"}
            expected[("topic", dead_letter_topic(name))] = {"Write"}
        if part in consumed:
            expected[("group", part)] = {"Read", "Describe"}
        if part == "reporting":
            expected[("group", "reporting-rebuild-*")] = {"Read", "Describe"}
        assert granted(user) == expected, part


def test_the_broker_takes_only_tls_and_scram_from_the_crm_pods(rendered):
    """#13: one client listener, TLS and SCRAM, ACLs enforced, Strimzi's NetworkPolicy
    admitting the CRM's parts only; every CRM process logs in as its part's user."""
    docs = rendered["overlays/prod"]
    kafka = by_kind(docs, "Kafka")["crm"]["spec"]["kafka"]
    assert kafka["authorization"]["type"] == "simple"
    (listener,) = kafka["listeners"]
    assert listener["tls"] is True and listener["authentication"]["type"] == "scram-sha-512"
    (peer,) = listener["networkPolicyPeers"]
    (rule,) = peer["podSelector"]["matchExpressions"]
    assert (rule["key"], rule["operator"], set(rule["values"])) == (
        "app.kubernetes.io/name", "In", set(PARTS),
    )  # fmt: skip
    common = by_kind(docs, "ConfigMap")["crm-common"]["data"]
    assert common["KAFKA_SECURITY_PROTOCOL"] == "SASL_SSL"
    assert common["KAFKA_SASL_MECHANISM"] == "SCRAM-SHA-512"
    ca_dir = common["KAFKA_SSL_CAFILE"].rsplit("/", 1)[0]
    for name, deployment in by_kind(docs, "Deployment").items():
        part = deployment["metadata"]["labels"]["app.kubernetes.io/name"]
        pod = deployment["spec"]["template"]
        assert pod["metadata"]["labels"]["app.kubernetes.io/name"] == part
        container = pod["spec"]["containers"][0]
        env = {e["name"]: e for e in container["env"]}
        username = env["KAFKA_SASL_USERNAME"]["valueFrom"]["fieldRef"]["fieldPath"]
        assert username == "metadata.labels['app.kubernetes.io/name']", name
        assert env["KAFKA_SASL_PASSWORD"]["valueFrom"]["secretKeyRef"] == {
            "name": part, "key": "password",
        }, name  # fmt: skip
        mounts = {m["mountPath"]: m["name"] for m in container["volumeMounts"]}
        volumes = {v["name"]: v for v in pod["spec"]["volumes"]}
        assert volumes[mounts[ca_dir]]["secret"]["secretName"] == "crm-cluster-ca-cert", name
