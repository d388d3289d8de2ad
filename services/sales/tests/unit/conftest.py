"""The dictionary as the migrations seed it, built without a database: the stages from their
declaration in the domain, the other lists from migration 0001."""

from __future__ import annotations

import importlib.util

import pytest

from sales.bootstrap import MIGRATIONS
from sales.domain.deal_stages import DEAL_STAGES
from sales.domain.dictionary import Dictionary, Entry


def seeded_dictionary() -> Dictionary:
    path = MIGRATIONS / "versions" / "0001_dictionary.py"
    spec = importlib.util.spec_from_file_location("sales_migration_0001", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    entries = {
        kind: tuple(Entry(code, name, i) for i, (code, name) in enumerate(values, start=1))
        for kind, values in module.ENTRIES.items()
    }
    return Dictionary(DEAL_STAGES, entries)


@pytest.fixture(scope="session")
def dictionary() -> Dictionary:
    return seeded_dictionary()
