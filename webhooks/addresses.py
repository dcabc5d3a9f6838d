"""Which addresses a webhook may be sent to: public unicast only, however it is spelled.

IPv4: `is_global`, not multicast, not the deprecated 6to4 relay anycast (192.88.99.0/24).

IPv6: an address that carries an IPv4 address inside it reaches that IPv4 address (through a
NAT64 gateway, a 6to4 or Teredo relay, or the dual-stack socket itself), so every IPv4 address
it embeds must pass the IPv4 rule:

- IPv4-mapped ::ffff:0:0/96 (judged as the IPv4 address alone: it is the same socket address),
- NAT64 64:ff9b::/96 (RFC 6052; an IPv6-only host's DNS64 answers public names with it, so a
  public IPv4 address in it is allowed: the one place outside 2000::/3),
- 6to4 2002::/16 (bits 16-47),
- Teredo 2001::/32 (server: bits 32-63; client: the last 32 bits inverted),
- IPv4-compatible ::/96 and IPv4-translated ::ffff:0:0:0/96 (deprecated; refused anyway).

Beyond that, an IPv6 address must be global unicast: inside 2000::/3 (which leaves out ::/8,
64:ff9b:1::/48 local-use NAT64 whose embedding the local operator chooses, 100::/64, 5f00::/16,
fc00::/7, fe80::/10, fec0::/10, ff00::/8), outside the special ranges in 2000::/3 (2001::/23
protocol assignments with Teredo, 2001:db8::/32 and 3fff::/20 documentation), and `is_global`
(Python's view, a floor that differs between versions: fec0::/10, 3fff::/20 and ::/96 count as
global in some).

With WEBHOOK_ALLOW_LOOPBACK (development, tests) loopback is allowed: 127.0.0.0/8, ::1 and
IPv4-mapped loopback, nothing that merely embeds it.
"""

import ipaddress

from django.utils.translation import gettext as _

V4 = ipaddress.IPv4Network
V6 = ipaddress.IPv6Network

IPV4_REFUSED = (V4("192.88.99.0/24"),)  # 6to4 relay anycast (RFC 7526)
GLOBAL_UNICAST = V6("2000::/3")
IPV6_REFUSED = (
    V6("2001::/23"),  # IETF protocol assignments, Teredo 2001::/32 among them
    V6("2001:db8::/32"),  # documentation
    V6("3fff::/20"),  # documentation (RFC 9637)
)
NAT64 = V6("64:ff9b::/96")
SIXTOFOUR = V6("2002::/16")
TEREDO = V6("2001::/32")
COMPATIBLE = V6("::/96")  # IPv4-compatible (deprecated)
TRANSLATED = V6("::ffff:0:0:0/96")  # IPv4-translated (SIIT, RFC 2765)

LOW_32 = 0xFFFFFFFF


def parse(address):
    return ipaddress.ip_address(address.split("%", 1)[0])  # drop a zone ("fe80::1%eth0")


def embedded_ipv4(ip):
    """The IPv4 addresses an IPv6 address carries (empty for an IPv4 address or none)."""
    if ip.version != 6:
        return []
    value = int(ip)
    low = ipaddress.IPv4Address(value & LOW_32)
    if ip.ipv4_mapped or ip in NAT64 or ip in TRANSLATED:
        return [low]
    if ip in SIXTOFOUR:
        return [ipaddress.IPv4Address((value >> 80) & LOW_32)]
    if ip in TEREDO:
        server = ipaddress.IPv4Address((value >> 64) & LOW_32)
        return [server, ipaddress.IPv4Address(~value & LOW_32)]
    if ip in COMPATIBLE and value > 1:  # not :: or ::1
        return [low]
    return []


def is_literal(host):
    try:
        parse(host)
    except ValueError:
        return False
    return True


def is_loopback(ip):
    return (ip.ipv4_mapped or ip).is_loopback if ip.version == 6 else ip.is_loopback


def _ipv4_allowed(ip):
    return ip.is_global and not ip.is_multicast and not any(ip in net for net in IPV4_REFUSED)


def _ipv6_allowed(ip):
    if ip in NAT64:  # a public IPv4 address through the NAT64 gateway (DNS64 answers so)
        return True
    return (
        ip in GLOBAL_UNICAST
        and not any(ip in net for net in IPV6_REFUSED)
        and ip.is_global
        and not ip.is_multicast
    )


def refused(address, allow_loopback=False):
    """None if `address` (IPv4 or IPv6, a string) may be called; else how to name it in a German
    message: the address, with the IPv4 address it embeds ("64:ff9b::a9fe:a9fe
    (IPv6-Schreibweise von 169.254.169.254)")."""
    ip = parse(address)
    if is_loopback(ip):
        return None if allow_loopback else str(ip)
    for inner in embedded_ipv4(ip):
        if not _ipv4_allowed(inner):
            return _("%(ip)s (IPv6-Schreibweise von %(inner)s)") % {"ip": ip, "inner": inner}
    if ip.version == 6 and ip.ipv4_mapped:
        return None  # the IPv4 address itself, allowed above
    allowed = _ipv4_allowed(ip) if ip.version == 4 else _ipv6_allowed(ip)
    return None if allowed else str(ip)
