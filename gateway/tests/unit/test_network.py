import pytest

from crm_platform.errors import InvalidArgument
from gateway.domain.network import address_allowed, normalize_allowed_ips


def test_no_restriction_allows_any_address():
    assert address_allowed("203.0.113.9", ())
    assert address_allowed(None, ())


@pytest.mark.parametrize(
    ("address", "allowed"),
    [
        ("10.1.2.3", True),
        ("192.0.2.7", True),
        ("192.0.2.8", False),
        ("::ffff:10.9.9.9", True),
        ("2001:db8::1", True),
        ("2001:db9::1", False),
        ("not-an-ip", False),
        (None, False),
    ],
)
def test_addresses_are_matched_against_networks(address, allowed):
    networks = ("10.0.0.0/8", "192.0.2.7/32", "2001:db8::/32")
    assert address_allowed(address, networks) is allowed


def test_entries_are_normalized_and_deduplicated():
    assert normalize_allowed_ips(["192.0.2.7", " 10.1.2.3/8", "10.0.0.0/8"]) == (
        "192.0.2.7/32",
        "10.0.0.0/8",
    )


def test_a_bad_entry_names_its_position():
    with pytest.raises(InvalidArgument) as caught:
        normalize_allowed_ips(["10.0.0.1", "nope"])
    assert caught.value.violations[0].field == "allowed_ips.1"
