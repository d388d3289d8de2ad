"""Finding 1 of issue 24: only a path on this site is a redirect target, whatever form the
hostile one takes (browsers drop tabs and newlines and read a backslash as a slash)."""

from __future__ import annotations

import pytest

from gateway.domain.redirects import local_path

HOSTILE = [
    "/\t/evil.example",  # what `?next=/%09/evil.example` decodes to: the reported one
    "/%09/evil.example",  # the same, encoded once more
    "/\n/evil.example",
    "/\r\n/evil.example",
    "//evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "/%5Cevil.example",
    "/%2F/evil.example",
    "%2F%2Fevil.example",
    "https://evil.example",
    "http:/evil.example",
    "javascript:alert(1)",
    " //evil.example",
    "evil.example",
    "/x\x00",
    "/x\x7f",
    "",
    None,
    "/" + "a" * 3000,
]


@pytest.mark.parametrize("target", HOSTILE, ids=repr)
def test_hostile_targets_are_refused(target):
    assert local_path(target) is None


@pytest.mark.parametrize(
    "target",
    ["/ui/", "/ui/leads?q=acme&page_token=abc", "/ui/leads?q=a%20b", "/ui/x?next=//y"],
)
def test_paths_on_this_site_are_kept_as_they_are(target):
    assert local_path(target) == target
