"""Text folded for search and matching, so that "Müller GmbH", "MULLER gmbh" and "MÜLLER" in
full-width letters find each other, the same way on SQLite and PostgreSQL (neither database
folds accents, and they fold case differently).
"""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")
_PUNCTUATION = re.compile(r"[.,;:'\"()]+")
# Legal-form suffixes that do not tell two companies apart ("Acme Ltd." is "ACME").
_COMPANY_SUFFIXES = frozenset(
    {"inc", "ltd", "llc", "gmbh", "ag", "co", "corp", "corporation", "company", "limited", "sa",
     "srl", "bv", "plc", "kg", "oy", "ab", "as"}
)  # fmt: skip


def fold(text: str) -> str:
    """Case-, width- and accent-insensitive form: NFKD, no combining marks, casefolded,
    trimmed, inner spaces collapsed to one."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _SPACES.sub(" ", bare.casefold()).strip()


def search_key(*parts: str | None) -> str:
    """The folded text a `q` search looks in: every searchable field, space separated."""
    return " ".join(folded for part in parts if part and (folded := fold(part)))


def company_key(name: str) -> str:
    """The key a lead's company is matched by: folded, punctuation and legal form dropped."""
    words = _PUNCTUATION.sub(" ", fold(name)).split()
    while len(words) > 1 and words[-1] in _COMPANY_SUFFIXES:
        words.pop()
    return " ".join(words)
