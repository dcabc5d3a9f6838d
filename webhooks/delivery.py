"""One HTTP attempt: sign with Standard Webhooks, refuse non-public addresses, keep it short.

- Signature: `standardwebhooks.Webhook(secret).sign(id, timestamp, body)`, sent as the
  `webhook-id`, `webhook-timestamp` and `webhook-signature` headers.
- Addresses: the URL must be HTTPS and its host must resolve to public addresses only (no
  loopback, private, link-local, metadata, multicast or reserved ones, and no IPv6 address that
  embeds such an IPv4 address: webhooks/addresses.py), checked when the endpoint is saved and
  again at every attempt, for every address the name resolves to; the connection goes to the
  address that was checked (no second lookup a DNS answer could change in between). With
  WEBHOOK_ALLOW_LOOPBACK (development, tests) loopback addresses are allowed, over plain HTTP
  too. Redirects are not followed (a 3xx is a failed attempt).
- Limits: WEBHOOK_CONNECT_TIMEOUT, WEBHOOK_READ_TIMEOUT (each read, and the whole answer), and
  at most WEBHOOK_MAX_RESPONSE_BYTES of the answer are read.
"""

import dataclasses
import http.client
import socket
import ssl
import time
from datetime import UTC, datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext as _
from standardwebhooks import Webhook

from .addresses import is_literal, is_loopback, parse, refused

USER_AGENT = "EngagierteStadt-Webhooks/1"


class RefusedAddress(Exception):  # noqa: N818 - reads as a message: "refused address"
    """The URL may not be called (scheme, host or one of its addresses)."""


@dataclasses.dataclass
class Result:
    status_code: int | None = None
    duration_ms: int = 0
    error: str = ""
    response_excerpt: str = ""

    @property
    def ok(self):
        return self.status_code is not None and 200 <= self.status_code < 300


def resolve(url):
    """(host, port, [addresses]) of an allowed URL; RefusedAddress (in German) otherwise."""
    allow_loopback = settings.WEBHOOK_ALLOW_LOOPBACK
    parts = urlsplit(url)
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise RefusedAddress(_("Nur HTTPS-Adressen sind erlaubt."))
    if parts.username or parts.password:
        raise RefusedAddress(_("Zugangsdaten in der Adresse sind nicht erlaubt."))
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as error:
        raise RefusedAddress(_("Ungültiger Port.")) from error
    host = parts.hostname
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise RefusedAddress(
            _("Der Name %(host)s lässt sich nicht auflösen.") % {"host": host}
        ) from error
    addresses = list(dict.fromkeys(info[4][0] for info in infos))
    if not addresses:
        raise RefusedAddress(_("%(host)s zeigt auf keine Adresse.") % {"host": host})
    not_public = [name for name in (refused(a, allow_loopback) for a in addresses) if name]
    if not_public and is_literal(host):  # an address in the URL itself
        raise RefusedAddress(_("%(ip)s ist keine öffentliche Adresse.") % {"ip": not_public[0]})
    if not_public:
        raise RefusedAddress(
            _("%(host)s zeigt auf keine öffentliche Adresse, sondern auf %(ip)s.")
            % {"host": host, "ip": not_public[0]}
        )
    loopback_only = all(is_loopback(parse(a)) for a in addresses)
    if parts.scheme != "https" and not (allow_loopback and loopback_only):
        raise RefusedAddress(_("Nur HTTPS-Adressen sind erlaubt."))
    return host, port, addresses


def signed_headers(secret, message_id, body, now=None):
    timestamp = now or datetime.now(tz=UTC)
    return {
        "webhook-id": message_id,
        "webhook-timestamp": str(int(timestamp.timestamp())),
        "webhook-signature": Webhook(secret).sign(message_id, timestamp, body),
    }


def _connection(url, host, port, address):
    connect_timeout = settings.WEBHOOK_CONNECT_TIMEOUT
    read_timeout = settings.WEBHOOK_READ_TIMEOUT

    def connect_to_checked_address(_address, _timeout=None, source_address=None):
        sock = socket.create_connection((address, port), connect_timeout, source_address)
        sock.settimeout(read_timeout)
        return sock

    if urlsplit(url).scheme == "https":
        conn = http.client.HTTPSConnection(
            host, port, timeout=read_timeout, context=ssl.create_default_context()
        )
    else:
        conn = http.client.HTTPConnection(host, port, timeout=read_timeout)
    conn._create_connection = connect_to_checked_address  # the checked address, no new lookup
    return conn


def _read_capped(response, started):
    limit = settings.WEBHOOK_MAX_RESPONSE_BYTES
    deadline = started + settings.WEBHOOK_READ_TIMEOUT
    data = b""
    while len(data) < limit and time.monotonic() < deadline:
        chunk = response.read1(min(8192, limit - len(data)))
        if not chunk:
            break
        data += chunk
    return data


def post(url, secret, message_id, body):
    """One signed POST of `body` (a str). Never raises for network or address trouble."""
    started = time.monotonic()
    result = Result()
    try:
        host, port, addresses = resolve(url)
    except RefusedAddress as error:
        result.error = str(error)
        return result
    parts = urlsplit(url)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    headers = {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        **signed_headers(secret, message_id, body),
    }
    conn = _connection(url, host, port, addresses[0])
    try:
        conn.request("POST", target, body=body.encode(), headers=headers)
        response = conn.getresponse()
        result.status_code = response.status
        excerpt = _read_capped(response, started)
        result.response_excerpt = excerpt[:500].decode("utf-8", "replace")
        if 300 <= response.status < 400:
            result.error = "Weiterleitungen werden nicht verfolgt."
    except (OSError, http.client.HTTPException) as error:
        result.error = f"{type(error).__name__}: {error}"[:500]
    finally:
        conn.close()
        result.duration_ms = int((time.monotonic() - started) * 1000)
    return result
