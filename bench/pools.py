"""Records handed out one per request, for operations a record can take only once (converting
a lead) or that must alternate (moving a deal there and back)."""

from __future__ import annotations

import itertools
from pathlib import Path


class PoolExhausted(Exception):
    """No record left: a closed loop stops its worker rather than measure refusals."""


class Pool:
    """Each id once, in order; thread-safe (`next` on itertools.count is atomic)."""

    def __init__(self, ids: list[str]) -> None:
        self._ids, self._counter = ids, itertools.count()

    def take(self) -> str:
        index = next(self._counter)
        if index >= len(self._ids):
            raise PoolExhausted
        return self._ids[index]


class Alternating:
    """(id, stage) round after round over the ids: the first pass moves every deal to
    `stages[1]`, the next pass back to `stages[0]`, and so on; never runs out."""

    def __init__(self, ids: list[str], stages: tuple[str, str]) -> None:
        self._ids, self._stages, self._counter = ids, stages, itertools.count()

    def take(self) -> tuple[str, str]:
        index = next(self._counter)
        passes, position = divmod(index, len(self._ids))
        return self._ids[position], self._stages[(passes + 1) % 2]


def write_ids(path: Path, ids: list[str]) -> Path:
    path.write_text("".join(f"{i}\n" for i in ids))
    return path
