"""Issue 24 #13: the Kafka clients take TLS and SASL from the environment; plaintext locally."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from crm_platform.kafka_clients import security_options
from crm_platform.settings import KafkaSecurity

SCRAM = {
    "KAFKA_SECURITY_PROTOCOL": "SASL_SSL",
    "KAFKA_SASL_MECHANISM": "SCRAM-SHA-512",
    "KAFKA_SASL_USERNAME": "sales",
    "KAFKA_SASL_PASSWORD": "s3cret",
    "KAFKA_SSL_CAFILE": "/etc/kafka-ca/ca.crt",
}


def test_plaintext_by_default(monkeypatch):
    for name in SCRAM:
        monkeypatch.delenv(name, raising=False)
    assert security_options() == {"security_protocol": "PLAINTEXT"}


def test_scram_over_tls_from_the_environment(monkeypatch):
    for name, value in SCRAM.items():
        monkeypatch.setenv(name, value)
    assert security_options() == {
        "security_protocol": "SASL_SSL",
        "sasl_mechanism": "SCRAM-SHA-512",
        "sasl_plain_username": "sales",
        "sasl_plain_password": "s3cret",
        "ssl_cafile": "/etc/kafka-ca/ca.crt",
    }


def test_mtls_takes_the_client_certificate():
    settings = KafkaSecurity(
        KAFKA_SECURITY_PROTOCOL="SSL",
        KAFKA_SSL_CAFILE="/ca.crt",
        KAFKA_SSL_CERTFILE="/user.crt",
        KAFKA_SSL_KEYFILE="/user.key",
    )
    assert settings.kafka_client_options() == {
        "security_protocol": "SSL",
        "ssl_cafile": "/ca.crt",
        "ssl_certfile": "/user.crt",
        "ssl_keyfile": "/user.key",
    }


def test_sasl_without_a_password_is_refused_at_start():
    with pytest.raises(ValidationError, match="KAFKA_SASL_PASSWORD"):
        KafkaSecurity(KAFKA_SECURITY_PROTOCOL="SASL_SSL", KAFKA_SASL_MECHANISM="SCRAM-SHA-512")
