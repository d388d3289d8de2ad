"""The small XML parts of a workbook checked before openpyxl reads them: no part of a
workbook has a DTD, so one declaring it (entity expansion tricks) is refused, as is a part
that is not well-formed; both as ValueError, which the import reports as "not a workbook".

The first sheet and the shared strings are left out: their own expat parsers refuse the same,
as they read. Other sheets are never read, and are left out too.
"""

from __future__ import annotations

import zipfile
from xml.parsers import expat

FEED_BYTES = 64 * 1024
_XML_SUFFIXES = (".xml", ".rels", ".vml")


def refuse_doctype(*_: object) -> None:
    raise ValueError("a workbook part may not declare a DTD")


def check_parts(archive: zipfile.ZipFile) -> None:
    for member in archive.infolist():
        name = member.filename
        if not name.lower().endswith(_XML_SUFFIXES) or _read_by_its_own_parser(name):
            continue
        parser = expat.ParserCreate()
        parser.StartDoctypeDeclHandler = refuse_doctype
        try:
            with archive.open(member) as source:
                while block := source.read(FEED_BYTES):
                    parser.Parse(block, False)
            parser.Parse(b"", True)
        except expat.ExpatError as error:
            raise ValueError(f"{name} is not well-formed XML ({error})") from error


def _read_by_its_own_parser(name: str) -> bool:
    lowered = name.lower()
    return lowered.startswith("xl/worksheets/") or lowered.endswith("sharedstrings.xml")
