"""Report filters on time: a half-open window [start, end), either side open when None."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Window:
    start: datetime | None = None
    end: datetime | None = None

    def contains(self, moment: datetime | None) -> bool:
        """Whether `moment` falls inside; an unknown moment only fits a window open both ways."""
        if moment is None:
            return self.start is None and self.end is None
        if self.start is not None and moment < self.start:
            return False
        return self.end is None or moment < self.end


EVERYTHING = Window()
