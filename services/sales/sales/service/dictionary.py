"""Use cases on the data dictionary."""

from __future__ import annotations

from crm_platform.unit_of_work import UnitOfWork
from sales.adapters.dictionary_repository import load_dictionary
from sales.domain.dictionary import Dictionary


def get_dictionary(uow: UnitOfWork) -> Dictionary:
    # Every role reads the dictionary: forms and reports of every area need its lists.
    with uow.read_only():
        return load_dictionary(uow.session)
