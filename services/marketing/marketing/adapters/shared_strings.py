"""A workbook's shared-string table kept on disk, so that reading it takes flat memory.

openpyxl holds the table as a list of str: 3 million unique strings (a 7.9 MB workbook) cost
the server 455 MB. Here each string's UTF-8 bytes go to a temporary file as expat reads the
part, and where each one ends goes to a second file, 8 bytes a string; a cell's string is two
`pread`s (the page cache keeps them cheap). The table is also bounded: more strings than any
import within the row limit needs refuse the file (InvalidArgument on `file`) before the sheet
is read.
"""

from __future__ import annotations

import os
import struct
import tempfile
from typing import IO

from crm_platform.errors import InvalidArgument
from marketing.adapters.xml_parts import fed, parser

# An import is at most 100,000 rows of 11 fields: a table with more strings than that could
# name is no campaign list, whatever it weighs.
MAX_SHARED_STRINGS = 1_100_000
_END = struct.Struct("<Q")  # where one string's bytes end in the text file
_TWO_ENDS = struct.Struct("<QQ")  # the end of the string before, and of this one
_WRITE_BUFFER = 256 * 1024


class SpilledStrings:
    """The table by index, as openpyxl's list would give it (rich-text runs joined, phonetic
    runs left out, openpyxl's "x005F_" escape dropped)."""

    def __init__(self, text: IO[bytes], ends: IO[bytes], count: int) -> None:
        self._text, self._ends, self._count = text, ends, count

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, index: int) -> str:
        if not 0 <= index < self._count:
            raise IndexError(index)
        if index == 0:
            start, (end,) = 0, _END.unpack(os.pread(self._ends.fileno(), _END.size, 0))
        else:
            at = (index - 1) * _END.size
            start, end = _TWO_ENDS.unpack(os.pread(self._ends.fileno(), _TWO_ENDS.size, at))
        return os.pread(self._text.fileno(), end - start, start).decode()

    def close(self) -> None:
        self._text.close()
        self._ends.close()


def spill_shared_strings(source: IO[bytes]) -> SpilledStrings:
    """Reads the sharedStrings part; ValueError when it is not well-formed or has a DTD."""
    # Not in `with`: they outlive this call, closed by SpilledStrings.close (or below).
    text = tempfile.TemporaryFile(buffering=_WRITE_BUFFER)  # noqa: SIM115
    ends = tempfile.TemporaryFile(buffering=_WRITE_BUFFER)  # noqa: SIM115
    try:
        count = _Table(text, ends, MAX_SHARED_STRINGS).read(source)
        text.flush()
        ends.flush()
    except BaseException:
        text.close()
        ends.close()
        raise
    return SpilledStrings(text, ends, count)


class _Table:
    """expat callbacks writing each <si>'s text out as it ends."""

    def __init__(self, text: IO[bytes], ends: IO[bytes], limit: int) -> None:
        self._text, self._ends, self._limit = text, ends, limit
        self._count = self._offset = 0
        self._parts: list[str] | None = None  # the texts of the <si> being read
        self._chars: list[str] | None = None  # the characters of its <t> being read
        self._phonetic = False

    def read(self, source: IO[bytes]) -> int:
        table = parser(self._start, self._end, self._characters)
        for _block in fed(table, source, "the shared strings"):
            pass
        return self._count

    def _start(self, tag: str, _attributes: dict[str, str]) -> None:
        tag = tag.rpartition(":")[2]  # "x:si" reads as "si"
        if tag == "si":
            self._parts = []
        elif tag == "t" and self._parts is not None and not self._phonetic:
            self._chars = []
        elif tag == "rPh":
            self._phonetic = True

    def _end(self, tag: str) -> None:
        tag = tag.rpartition(":")[2]
        if tag == "t" and self._chars is not None and self._parts is not None:
            self._parts.append("".join(self._chars))
            self._chars = None
        elif tag == "rPh":
            self._phonetic = False
        elif tag == "si" and self._parts is not None:
            self._add("".join(self._parts).replace("x005F_", ""))
            self._parts = None

    def _characters(self, data: str) -> None:
        if self._chars is not None:
            self._chars.append(data)

    def _add(self, string: str) -> None:
        if self._count >= self._limit:
            raise InvalidArgument.field(
                "file",
                f"holds more than {self._limit:,} distinct texts; split it into smaller files",
            )
        data = string.encode()
        self._text.write(data)
        self._offset += len(data)
        self._ends.write(_END.pack(self._offset))
        self._count += 1
