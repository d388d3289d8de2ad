"""Where the gateway may send a browser after a login or a language switch: a path on this
site only, never another host (an open redirect turns our login page into a phishing relay).

Browsers are lenient where a naive check is strict: they drop tabs and newlines from a URL
(`/\t/evil.example` becomes `//evil.example`, another host) and read `\\` as `/`. So the target
is normalised first, refusing anything a browser would rewrite, and only then checked for a
scheme or a host, also after one round of percent-decoding (`/%2F/evil`, `/%5Cevil`).
"""

from __future__ import annotations

from urllib.parse import unquote, urlsplit

MAX_LENGTH = 2000


def local_path(target: str | None) -> str | None:
    """`target` when it is a path (with its query) on this site; None for anything else."""
    if not target or len(target) > MAX_LENGTH:
        return None
    for form in (target, unquote(target)):
        if not _is_plain_path(form):
            return None
    return target


def _is_plain_path(candidate: str) -> bool:
    if any(ord(char) < 0x20 or ord(char) == 0x7F or char == "\\" for char in candidate):
        return False
    if not candidate.startswith("/") or candidate.startswith("//"):
        return False
    parts = urlsplit(candidate)
    return not parts.scheme and not parts.netloc
