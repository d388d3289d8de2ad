"""Which client addresses an account may log in from."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable

from crm_platform.errors import InvalidArgument

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def normalize_allowed_ips(values: Iterable[str]) -> tuple[str, ...]:
    """Each entry as a canonical network ("10.0.0.0/8", "192.0.2.7/32"); refuse anything else."""
    networks: list[str] = []
    for index, value in enumerate(values):
        try:
            # strict=False: "10.1.2.3/8" is a common way of writing 10.0.0.0/8.
            networks.append(str(ipaddress.ip_network(value.strip(), strict=False)))
        except ValueError:
            raise InvalidArgument.field(
                f"allowed_ips.{index}", f"{value!r} is not an IP address or CIDR network"
            ) from None
    return tuple(dict.fromkeys(networks))


def address_allowed(address: str | None, allowed: Iterable[str]) -> bool:
    """True when `allowed` is empty (no restriction) or `address` lies in one of its networks."""
    networks = [ipaddress.ip_network(entry, strict=False) for entry in allowed]
    if not networks:
        return True
    if not address:
        return False
    try:
        client = ipaddress.ip_address(address)
    except ValueError:
        return False
    # An IPv4 client seen through a dual-stack socket arrives as ::ffff:a.b.c.d.
    if isinstance(client, ipaddress.IPv6Address) and client.ipv4_mapped:
        client = client.ipv4_mapped
    return any(client.version == net.version and client in net for net in networks)


def address_key(address: str | None) -> str:
    """The address as failed logins are counted by: an IPv6 client by its /64 (one host
    commonly holds a whole /64 and could otherwise rotate through it), IPv4 as it is."""
    try:
        client = ipaddress.ip_address(address or "")
    except ValueError:
        return address or ""
    if isinstance(client, ipaddress.IPv6Address):
        if client.ipv4_mapped:
            return str(client.ipv4_mapped)
        return str(ipaddress.ip_network(f"{client}/64", strict=False))
    return str(client)
