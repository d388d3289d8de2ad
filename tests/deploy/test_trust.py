"""Issue 24 #11-#13: who the gateway and the broker let in, and TLS in production."""

from __future__ import annotations

from deploy.inventory import by_kind

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
