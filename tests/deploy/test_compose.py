"""docker-compose.yml against the Compose specification, and its start-up order."""

from __future__ import annotations

import json
import re
from importlib import resources

import jsonschema
from deploy.inventory import PARTS, REPO


def test_compose_file_validates_against_the_compose_specification(compose):
    # The schema as check-jsonschema vendors it from compose-spec/compose-spec.
    schema = json.loads(
        (
            resources.files("check_jsonschema.builtin_schemas.vendor") / "compose-spec.json"
        ).read_text()
    )
    validator = jsonschema.validators.validator_for(schema)(schema)
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(compose)]
    assert not errors


def healthchecked(service: dict) -> bool:
    check = service.get("healthcheck")
    return bool(check) and not check.get("disable") and bool(check.get("test"))


def test_depends_on_names_existing_services_with_a_condition_they_can_meet(compose):
    services = compose["services"]
    for name, service in services.items():
        for target, rule in service.get("depends_on", {}).items():
            assert target in services, f"{name} depends on unknown {target}"
            if rule["condition"] == "service_healthy":
                assert healthchecked(services[target]), f"{name} waits for {target}'s health"
            if rule["condition"] == "service_completed_successfully":
                assert services[target].get("restart") == "no", f"{target} is not a one-shot job"


def test_servers_and_infrastructure_have_health_checks(compose):
    for name in ("kafka", "postgres", "mail-catcher", *PARTS):
        assert healthchecked(compose["services"][name]), name


# Started first, waiting for nothing: the broker, the databases and the local SMTP server.
INFRASTRUCTURE = ("kafka", "postgres", "mail-catcher")


def test_every_job_and_worker_waits_for_what_it_needs(compose):
    services = compose["services"]
    for name, service in services.items():
        if name in INFRASTRUCTURE:
            continue
        deps = service.get("depends_on", {})
        assert deps, f"{name} starts without waiting for anything"
        if service.get("command") == ["migrate"]:
            assert deps["postgres"]["condition"] == "service_healthy"
        elif name != "topics":
            part = service["image"].split(":")[0].removeprefix("crm/")
            assert f"{part}-migrate" in deps, name


def test_gateway_published_on_8080_and_data_on_volumes(compose):
    assert compose["services"]["gateway"]["ports"] == ["127.0.0.1:8080:8080"]
    assert set(compose["volumes"]) == {"kafka-data", "postgres-data", "mail-data"}


def test_notifications_send_to_the_mail_catcher_which_keeps_a_maildir_on_a_volume(compose):
    services = compose["services"]
    catcher = services["mail-catcher"]
    assert catcher["entrypoint"][-1] == "crm_platform.local.mail_catcher"
    port = catcher["command"][catcher["command"].index("--port") + 1]
    folder = catcher["command"][catcher["command"].index("--dir") + 1]
    assert f"mail-data:{folder}" in catcher["volumes"]
    sender = services["notifications-sender"]["environment"]
    assert (sender["SMTP_HOST"], str(sender["SMTP_PORT"])) == ("mail-catcher", port)


def test_every_variable_compose_reads_is_in_the_env_example(compose):
    text = (REPO / "docker-compose.yml").read_text()
    used = set(re.findall(r"\$\{(\w+)", text))
    example = (REPO / ".env.example").read_text()
    documented = set(re.findall(r"^(\w+)=", example, re.MULTILINE))
    assert used == documented
    # Required values have no default in compose, and none in the example either.
    for name in set(re.findall(r"\$\{(\w+):\?", text)):
        assert re.search(rf"^{name}=$", example, re.MULTILINE), name
