"""The gateway's layers point one way: only clients/ speaks gRPC, and the REST API and the web UI
are peers that share what lies below them instead of importing each other."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "gateway"
WIRE_MODULES = ("grpc", "grpc_status", "grpc_health", "google.protobuf", "google.rpc", "crm")


def imports_of(path: Path) -> set[str]:
    """Every module `path` imports, at any depth of the file (also inside functions)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def modules_under(*folders: str) -> list[Path]:
    return sorted(p for folder in folders for p in (PACKAGE / folder).rglob("*.py"))


def outside_clients() -> list[Path]:
    return [
        p for p in sorted(PACKAGE.rglob("*.py")) if "clients" not in p.relative_to(PACKAGE).parts
    ]


def speaks_wire(name: str) -> bool:
    return any(name == root or name.startswith(f"{root}.") for root in WIRE_MODULES)


@pytest.mark.parametrize("path", outside_clients(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_only_the_clients_import_grpc_or_protobuf(path: Path):
    assert not [name for name in imports_of(path) if speaks_wire(name)]


@pytest.mark.parametrize(
    ("folder", "peer"), [("web", "gateway.entrypoints"), ("entrypoints", "gateway.web")]
)
def test_the_rest_api_and_the_web_ui_do_not_import_each_other(folder: str, peer: str):
    offenders = {
        str(path.relative_to(PACKAGE)): sorted(n for n in imports_of(path) if n.startswith(peer))
        for path in modules_under(folder)
    }
    assert {path: names for path, names in offenders.items() if names} == {}


@pytest.mark.parametrize("folder", ["domain", "models", "http", "clients", "service", "adapters"])
def test_lower_layers_import_neither_the_rest_api_nor_the_web_ui(folder: str):
    upward = ("gateway.entrypoints", "gateway.web")
    offenders = {
        str(path.relative_to(PACKAGE)): sorted(n for n in imports_of(path) if n.startswith(upward))
        for path in modules_under(folder)
    }
    assert {path: names for path, names in offenders.items() if names} == {}


def test_the_check_sees_an_import_of_grpc(tmp_path: Path):
    sample = tmp_path / "sample.py"
    sample.write_text("def f():\n    from crm.sales.v1 import sales_pb2\n    import grpc\n")
    assert {name for name in imports_of(sample) if speaks_wire(name)} == {"crm.sales.v1", "grpc"}
