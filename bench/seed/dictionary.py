"""The codes the seeded records use, read from sales' own seeded dictionary."""

from __future__ import annotations

from pathlib import Path

from sales.adapters.dictionary_repository import load_dictionary
from sales.domain.dictionary import Dictionary
from seed.databases import sessions


def read_dictionary(var_dir: Path) -> Dictionary:
    with sessions(var_dir, "sales") as factory, factory() as session:
        return load_dictionary(session)
