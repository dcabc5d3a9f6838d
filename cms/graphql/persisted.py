"""Automatic persisted queries (APQ): Apollo's protocol, version 1 (docs/api-caching.md).

A client sends `extensions: {"persistedQuery": {"version": 1, "sha256Hash": "<hex>"}}` without
`query` (POST body, or GET parameters `extensions` and `variables` as JSON, so that a CDN can
cache short URLs). An unknown hash answers HTTP 200 with the error `PersistedQueryNotFound`
(`extensions.code` PERSISTED_QUERY_NOT_FOUND): Apollo's clients then send the same request once
more with the query text. The text is stored under its hash only if the hash is the text's
SHA-256 (otherwise HTTP 400, PERSISTED_QUERY_HASH_MISMATCH, and nothing runs) and only once the
query passed every limit (token limit, document limits, depth, aliases, cost): the view calls
`store` after validation. A query longer than GRAPHQL_PERSISTED_QUERY_MAX_BYTES is answered but
not stored (its hash keeps answering "not found": send it without persistedQuery).

The store is the default cache (Redis in production, shared by every process), capped by
construction rather than by counting: a query lives in one of GRAPHQL_PERSISTED_QUERY_SLOTS
slots, picked by an HMAC of its hash under SECRET_KEY, and a new query in a taken slot replaces
the old one. So the store never holds more than SLOTS x MAX_BYTES, whatever the number of
processes, with no counter to keep consistent: a counter (Redis INCR, or a row count in the
database) drifts as soon as entries expire or Redis evicts them, and a check-then-insert races
between processes. Replacing costs little: a client whose query was pushed out gets "not found"
and registers it again, the protocol's normal path. The keyed slot choice keeps anyone from
computing queries that push out a particular partner's query. During a Redis outage reads miss
and writes are dropped (cms/cache.py): clients fall back to sending the full query.
"""

import hashlib
import hmac
import json
import re

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext

PERSISTED_QUERY_NOT_FOUND = "PERSISTED_QUERY_NOT_FOUND"
PERSISTED_QUERY_HASH_MISMATCH = "PERSISTED_QUERY_HASH_MISMATCH"
BAD_USER_INPUT = "BAD_USER_INPUT"
# Apollo's clients (Kotlin, iOS, older JS links) recognise the answer by this exact message: in
# every language, never translated.
NOT_FOUND_MESSAGE = "PersistedQueryNotFound"
_SHA256 = re.compile(r"^[0-9a-fA-F]{64}$")


class PersistedQueryError(Exception):
    """A persisted-query request answered with an error instead of running."""

    def __init__(self, message, code, status):
        super().__init__(message)
        self.message, self.code, self.status = message, code, status

    def body(self):
        return {"errors": [{"message": self.message, "extensions": {"code": self.code}}]}


def _bad(message):
    return PersistedQueryError(message, BAD_USER_INPUT, 400)


def requested_hash(request, data):
    """The lowercase SHA-256 hex a request names in `extensions.persistedQuery`, or None
    without one. `extensions` is an object in a POST body, a JSON string as a GET parameter."""
    extensions = request.GET.get("extensions") or data.get("extensions")
    if not extensions:
        return None
    if isinstance(extensions, str):
        try:
            extensions = json.loads(extensions)
        except ValueError:
            raise _bad(gettext("extensions ist kein gültiges JSON.")) from None
    if not isinstance(extensions, dict):
        raise _bad(gettext("extensions muss ein JSON-Objekt sein."))
    persisted = extensions.get("persistedQuery")
    if persisted is None:
        return None
    if not isinstance(persisted, dict):
        raise _bad(gettext("persistedQuery muss ein JSON-Objekt sein."))
    if persisted.get("version") != 1:
        raise _bad(gettext("Nur persistedQuery version 1 wird unterstützt."))
    digest = persisted.get("sha256Hash")
    if not isinstance(digest, str) or not _SHA256.match(digest):
        raise _bad(gettext("sha256Hash muss ein SHA-256-Hash sein (64 Hexadezimalziffern)."))
    return digest.lower()


def digest_of(query):
    return hashlib.sha256(query.encode("utf-8")).hexdigest()


def check_hash(digest, query):
    """Refuses a query text whose SHA-256 is not `digest` (nothing is stored or run)."""
    if not hmac.compare_digest(digest_of(query), digest):
        raise PersistedQueryError(
            gettext("sha256Hash ist nicht der SHA-256-Hash der mitgesendeten Anfrage."),
            PERSISTED_QUERY_HASH_MISMATCH,
            400,
        )


def not_found():
    return PersistedQueryError(NOT_FOUND_MESSAGE, PERSISTED_QUERY_NOT_FOUND, 200)


def _slot_key(digest):
    keyed = hmac.new(settings.SECRET_KEY.encode(), digest.encode(), hashlib.sha256).digest()
    slot = int.from_bytes(keyed[:8], "big") % max(1, settings.GRAPHQL_PERSISTED_QUERY_SLOTS)
    return f"graphql:apq:{slot}"


def lookup(digest):
    """The stored query text for `digest`, or None (never stored, pushed out, expired)."""
    entry = cache.get(_slot_key(digest))
    if isinstance(entry, dict) and entry.get("sha256") == digest:
        return entry.get("query")
    return None


def store(digest, query):
    """Store a query the view checked (hash, limits). False when it is too long to store."""
    if len(query.encode("utf-8")) > settings.GRAPHQL_PERSISTED_QUERY_MAX_BYTES:
        return False
    cache.set(
        _slot_key(digest),
        {"sha256": digest, "query": query},
        timeout=settings.GRAPHQL_PERSISTED_QUERY_SECONDS,
    )
    return True
