"""Search and company matching ignore case, width, accents and spacing."""

import pytest

from sales.domain.text import company_key, fold, search_key


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Müller", "muller"),
        ("  MÜLLER   Bau  ", "muller bau"),
        ("\uff2d\uff35\uff2c\uff2c\uff25\uff32", "muller"),  # full width
        ("Straße", "strasse"),  # casefold, not lower
        ("Crème\tBrûlée", "creme brulee"),
        ("北京贸易", "北京贸易"),
    ],
)
def test_fold(text, folded):
    assert fold(text) == folded


def test_search_key_joins_the_fields_given():
    assert search_key("Zoë Ärger", None, "", "ZOE@Example.com") == "zoe arger zoe@example.com"


@pytest.mark.parametrize(
    "name", ["Acme", "ACME Ltd.", "acme, inc", "\uff21\uff43\uff4d\uff45 GmbH", " Acme  Co. Ltd "]
)
def test_company_key_ignores_legal_form(name):
    assert company_key(name) == "acme"


def test_company_key_keeps_a_name_that_is_only_a_legal_form():
    assert company_key("Company") == "company"
    assert company_key("Müller Bau AG") == "muller bau"
