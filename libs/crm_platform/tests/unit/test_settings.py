import pytest
from pydantic import ValidationError
from pydantic_settings import SettingsConfigDict

from crm_platform.settings import ServiceSettings


class ExampleSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="EXAMPLE_", extra="ignore", frozen=True)


def test_service_values_are_prefixed_and_shared_ones_are_not(monkeypatch):
    monkeypatch.setenv("EXAMPLE_DATABASE_URL", "sqlite:///x.db")
    monkeypatch.setenv("EXAMPLE_GRPC_ADDRESS", "127.0.0.1:1234")
    monkeypatch.setenv("KAFKA_BOOTSTRAP_SERVERS", "broker:9092")
    monkeypatch.setenv("DATABASE_URL", "sqlite:///someone-elses.db")
    settings = ExampleSettings()
    assert settings.database_url == "sqlite:///x.db"
    assert settings.grpc_address == "127.0.0.1:1234"
    assert settings.kafka_bootstrap_servers == "broker:9092"


def test_a_missing_required_value_fails_at_start(monkeypatch):
    monkeypatch.delenv("EXAMPLE_DATABASE_URL", raising=False)
    monkeypatch.setenv("EXAMPLE_GRPC_ADDRESS", "127.0.0.1:1234")
    with pytest.raises(ValidationError, match="database_url"):
        ExampleSettings()


def test_a_bad_value_fails_at_start(monkeypatch):
    monkeypatch.setenv("EXAMPLE_DATABASE_URL", "sqlite:///x.db")
    monkeypatch.setenv("EXAMPLE_GRPC_ADDRESS", "127.0.0.1:1234")
    monkeypatch.setenv("EXAMPLE_METRICS_PORT", "70000")
    with pytest.raises(ValidationError, match="metrics_port"):
        ExampleSettings()
