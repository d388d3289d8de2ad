"""Fixtures of the deployment checks: rendered overlays, the Procfile, the settings' names.

Nothing here needs a Docker engine or a cluster: kustomize renders, the Kubernetes schemas
come with kubernetes-validate, the Compose schema with check-jsonschema.
"""

from __future__ import annotations

import re
import subprocess

import pytest
import yaml
from deploy.inventory import K8S, OVERLAYS, REPO, find_kustomize


@pytest.fixture(scope="session")
def rendered() -> dict[str, list[dict]]:
    """Each overlay's `kustomize build` output, built once per session."""
    kustomize = find_kustomize()
    if kustomize is None:
        pytest.fail("kustomize not found: `make deploy-check` installs it into build/bin")
    out = {}
    for overlay in OVERLAYS:
        result = subprocess.run(
            [kustomize, "build", str(K8S / overlay)], capture_output=True, text=True, timeout=60
        )
        assert result.returncode == 0, f"kustomize build {overlay}:\n{result.stderr}"
        out[overlay] = [d for d in yaml.safe_load_all(result.stdout) if d]
    return out


@pytest.fixture(scope="session")
def compose() -> dict:
    return yaml.safe_load((REPO / "docker-compose.yml").read_text())


@pytest.fixture(scope="session")
def procfile() -> dict[str, tuple[str, str]]:
    """Process name -> (part, command) for every CRM process of the Procfile."""
    processes = {}
    for line in (REPO / "Procfile").read_text().splitlines():
        match = re.fullmatch(r"([\w-]+):\s*crm-([\w-]+)\s+(\w+)\s*", line)
        if match:
            processes[match[1]] = (match[2], match[3])
    assert processes, "no crm-* process in the Procfile"
    return processes
