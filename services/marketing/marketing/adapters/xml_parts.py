"""The small XML parts of a workbook checked before openpyxl reads them: no part of a
workbook has a DTD, so one declaring it (entity expansion tricks) is refused, as is a part
that is not well-formed; both as ValueError, which the import reports as "not a workbook".

The first sheet and the shared strings are left out: their own expat parsers refuse the same,
as they read. Other sheets are never read, and are left out too.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Iterator
from typing import IO, Any
from xml.parsers import expat

FEED_BYTES = 64 * 1024
_XML_SUFFIXES = (".xml", ".rels", ".vml")


def _refuse_doctype(*_: object) -> None:
    raise ValueError("a workbook part may not declare a DTD")


def parser(
    start: Callable[[str, dict[str, str]], None] | None = None,
    end: Callable[[str], None] | None = None,
    characters: Callable[[str], None] | None = None,
) -> Any:
    """An expat parser with these callbacks that refuses a DTD (entity expansion tricks).
    Without namespace processing (a third of expat's time on a sheet): a tag comes with its
    prefix, if any ("x:c")."""
    created = expat.ParserCreate()
    created.buffer_text = True
    created.StartDoctypeDeclHandler = _refuse_doctype
    for name, callback in (
        ("StartElementHandler", start),
        ("EndElementHandler", end),
        ("CharacterDataHandler", characters),
    ):
        if callback is not None:
            setattr(created, name, callback)
    return created


def fed(parser: Any, source: IO[bytes], what: str) -> Iterator[None]:
    """Feeds `source` to `parser` a block at a time, yielding after each block (a caller
    hands out what the block completed); ValueError when it is not well-formed XML."""
    try:
        while block := source.read(FEED_BYTES):
            parser.Parse(block, False)
            yield
        parser.Parse(b"", True)
    except expat.ExpatError as error:
        raise ValueError(f"{what} is not well-formed XML ({error})") from error


def check_parts(archive: zipfile.ZipFile) -> None:
    for member in archive.infolist():
        name = member.filename
        if not name.lower().endswith(_XML_SUFFIXES) or _read_by_its_own_parser(name):
            continue
        with archive.open(member) as source:
            for _block in fed(parser(), source, name):
                pass


def _read_by_its_own_parser(name: str) -> bool:
    lowered = name.lower()
    return lowered.startswith("xl/worksheets/") or lowered.endswith("sharedstrings.xml")
