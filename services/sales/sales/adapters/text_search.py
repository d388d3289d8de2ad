"""`q`: a contains-match over a table's folded `search` text, answered by a substring index.

What `q` means is `search LIKE '%q%'` with the folded query. PostgreSQL runs exactly that,
served by migration 0005's pg_trgm GIN index. SQLite asks the FTS5 trigram table
`<table>_search` of migration 0005 instead for the rowids of the matching rows, once, and the
list and its total read only those rows (`rowid IN` the list, passed as one JSON array); it
falls back to the LIKE when the index would not narrow the search enough to pay.

The FTS5 answer is the LIKE's, not an approximation: the indexed text is the folded `search`
plus two spaces, and every run of three of its characters is a term (case-sensitive, no
folding of its own). A query of three characters or more is found as the phrase of its
trigrams, that is as a substring. A shorter one is found through the terms that start with
it: wherever it occurs, at least two characters follow it, if only the appended spaces. Folded
text and folded queries never end in a space nor hold two in a row, so those spaces add no
false match.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import (
    ColumnElement,
    Table,
    column,
    false,
    func,
    literal_column,
    select,
    table,
    text,
)
from sqlalchemy.orm import Session

from sales.domain.text import fold

TRIGRAM = 3
# A short query that starts more terms than this matches most rows anyway.
MAX_TERMS = 400
# The index pays while the matches are few: each is one lookup by rowid and a place in the
# sort, where the LIKE reads the narrow B-tree index on `search` in one pass. On the bench's
# 100,000 leads the two cost the same at about 6,000 matches, a sixteenth of the table; on a
# small table either is quick.
SHARE_WORTH_INDEXING = 16
MIN_CANDIDATES = 1_000
# Up to this many matches, reading each by rowid beats walking an owner's rows in list order.
FEW = 1_000
_LAST_CHARACTER = "\U0010ffff"


def is_search_index(name: str) -> bool:
    """Whether a database object is one of migration 0005's search indexes (the FTS5 tables,
    their shadow tables and term lists, the GIN indexes), which the mapping does not hold."""
    return any(
        name.startswith(f"{searched}_search") or name == f"ix_{searched}_search_trgm"
        for searched in ("leads", "customers", "contacts", "deals")
    )


@dataclass(frozen=True)
class Search:
    """The condition for `q`, and whether it names so few rows (read by rowid from a list the
    index gave) that they should be read before any other filter narrows them."""

    condition: ColumnElement[bool]
    few: bool = False


def matches(session: Session, searched: Table, q: str) -> Search:
    """Rows of `searched` whose folded text contains the folded `q`."""
    folded = fold(q)
    contains = Search(searched.c.search.contains(folded, autoescape=True))
    if session.get_bind().dialect.name != "sqlite":
        return contains
    expression = _index_query(session, searched.name, folded)
    if expression is None:
        return contains
    if not expression:
        return Search(false())  # no indexed term starts with it: no row holds it
    index = table(f"{searched.name}_search", column("rowid"), column(f"{searched.name}_search"))
    match = index.c[f"{searched.name}_search"].op("MATCH")(expression)
    # The largest rowid stands for the row count: found at once, where count(*) reads the table.
    rows = session.scalar(text(f"SELECT max(rowid) FROM {searched.name}")) or 0
    limit = max(MIN_CANDIDATES, rows // SHARE_WORTH_INDEXING)
    # Asked once, up to the limit only: a long OR of terms costs the index more than the
    # lookups, and a common word stops early before the table is read instead.
    rowids = session.scalars(select(index.c.rowid).where(match).limit(limit + 1)).all()
    if len(rowids) > limit:
        return contains
    listed = func.json_each(json.dumps(rowids)).table_valued("value")
    return Search(
        literal_column(f"{searched.name}.rowid").in_(select(listed.c.value)),
        few=len(rowids) <= FEW,
    )


def not_indexed(searched: Table, name: str) -> ColumnElement:
    """The column `name` in a form SQLite will not look up through an index (unary plus), so
    that it reads the few rows a search found and filters those, not the other way round."""
    return literal_column(f"+{searched.name}.{name}")


def _index_query(session: Session, name: str, folded: str) -> str | None:
    """The FTS5 query that finds exactly the rows containing `folded`; "" when none can; None
    when the index is no help."""
    if len(folded) >= TRIGRAM:
        return _quoted(folded)
    if not folded or (len(folded) == 1 and folded.isascii()):
        # In most rows (a letter or digit of names, emails and phones), and the term list
        # would have to count every occurrence of the hundreds of terms starting with it.
        return None
    terms = session.scalars(
        text(f"SELECT term FROM {name}_search_terms WHERE term >= :low AND term < :high LIMIT :n"),
        {"low": folded, "high": folded + _LAST_CHARACTER, "n": MAX_TERMS + 1},
    ).all()
    if len(terms) > MAX_TERMS:
        return None
    return " OR ".join(_quoted(term) for term in terms)


def _quoted(phrase: str) -> str:
    """An FTS5 string: in double quotes, any double quote doubled; nothing else is special."""
    return '"' + phrase.replace('"', '""') + '"'
