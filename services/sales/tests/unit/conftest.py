"""The dictionary exactly as migration 0001 seeds it, built without a database."""

from __future__ import annotations

import importlib.util

import pytest

from sales.bootstrap import MIGRATIONS
from sales.domain.dictionary import DealStage, Dictionary, Entry


def seeded_dictionary() -> Dictionary:
    path = MIGRATIONS / "versions" / "0001_dictionary.py"
    spec = importlib.util.spec_from_file_location("sales_migration_0001", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    stages = tuple(
        DealStage(code, name, p, i, closed, won)
        for i, (code, name, p, closed, won) in enumerate(module.DEAL_STAGES, start=1)
    )
    entries = {
        kind: tuple(Entry(code, name, i) for i, (code, name) in enumerate(values, start=1))
        for kind, values in module.ENTRIES.items()
    }
    return Dictionary(stages, entries)


@pytest.fixture(scope="session")
def dictionary() -> Dictionary:
    return seeded_dictionary()
