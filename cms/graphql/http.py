"""The HTTP side of /graphql/: media types, refusals, ETags and revalidation.

GraphQL over HTTP (https://graphql.github.io/graphql-over-http/draft/, `negotiate`): the answer
comes in the media type the client's `Accept` prefers, `application/graphql-response+json` or
`application/json`; a GET's body and Content-Type are ignored. A client that names
`application/json` (and not the new type first) gets a GraphQL request error (parse,
validation, variables) as 200, as that media type asks; every other client gets it as 400, as
documented before the new media type (docs/api.md, "Media types and status codes").

HTTP caching (`revalidated`): GET answers without errors carry a strong ETag and must be
revalidated; everything else is `no-store`. A CDN may keep GET answers GRAPHQL_CDN_MAX_AGE
seconds only when it is purged on every content change (`purge_cdn_on_commit`).
docs/api-caching.md is the partners' side of all this.
"""

import hashlib
from dataclasses import dataclass

from django.http import HttpResponseNotModified, JsonResponse
from django.utils.cache import patch_vary_headers
from django.utils.http import parse_etags, quote_etag
from django.utils.translation import gettext

from . import errors
from .cdn import cdn_max_age

GRAPHQL_RESPONSE = "application/graphql-response+json"
JSON = "application/json"


@dataclass(frozen=True)
class Negotiated:
    """What a request's `Accept` asks for: the answer's media type, and whether a GraphQL
    request error (the document does not parse or validate, variables do not fit) is answered
    200 (`application/json` named by the client, as the spec asks for that media type) or 400
    (`application/graphql-response+json`, and the documented contract for clients that name
    neither: no `Accept`, `*/*`)."""

    content_type: str
    request_errors_ok: bool = False


def negotiate(request):
    """What a request's `Accept` asks for (`Negotiated`), or None when it allows neither media
    type (nor a wildcard): 406."""
    preferred = request.get_preferred_type([JSON, GRAPHQL_RESPONSE])  # `*/*`: the first
    named = any(
        (accepted.main_type, accepted.sub_type) == ("application", "json")
        for accepted in request.accepted_types  # without those of q=0
    )
    if preferred is None:
        return None
    return Negotiated(preferred, request_errors_ok=preferred == JSON and named)


def refusal(message, code, status, retry_after=None):
    """An answer that refuses the request (`message` already translated): never stored by a
    cache; `Retry-After` when the client may try again later."""
    body, status = errors.error_response(message, code, status)
    response = JsonResponse(body, status=status)
    if retry_after is not None:
        response["Retry-After"] = str(retry_after)
    response["Cache-Control"] = "no-store"
    return response


def unavailable():
    """503 while the database is unreachable."""
    return refusal(
        gettext(errors.UNAVAILABLE_MESSAGE),
        errors.SERVICE_UNAVAILABLE,
        503,
        retry_after=errors.UNAVAILABLE_RETRY_AFTER,
    )


def not_acceptable():
    return refusal(
        gettext(
            "Antworten gibt es als application/graphql-response+json oder "
            "application/json: bitte eine davon im Accept-Header zulassen."
        ),
        errors.BAD_USER_INPUT,
        406,
    )


def etag_for(body):
    """The strong ETag of a response body (stored with a cached answer, or computed)."""
    return quote_etag(hashlib.sha256(body).hexdigest()[:32])


def representation_etag(etag, media_type):
    """A strong ETag names one representation: the new media type's answer (the same bytes
    under another Content-Type) gets its own."""
    if media_type.content_type == JSON:
        return etag
    return quote_etag(etag.strip('"') + "-gr")


def revalidated(request, response, media, failed=False, etag=None):
    """GET answers carry a strong ETag (a hash of the body) and may be stored, but must be
    revalidated every time (`max-age=0`): a browser or CDN saves the transfer with a 304, and
    still never shows a portrait after its consent was withdrawn. Only with a CDN that every
    content change purges (`cdn_max_age`) may it keep them a few seconds (`s-maxage`). Error
    answers (POST, status other than 200, or errors in a 200: `failed`) are never stored.
    If-None-Match compares weakly (RFC 9110 13.1.2): a CDN that compresses turns the ETag into
    W/"…"."""
    if request.method != "GET" or response.status_code != 200 or failed:
        response["Cache-Control"] = "no-store"
        return response
    etag = representation_etag(etag or etag_for(response.content), media or Negotiated(JSON))
    response["ETag"] = etag
    shared = cdn_max_age()
    response["Cache-Control"] = (
        f"public, max-age=0, s-maxage={shared}, must-revalidate"
        if shared
        else "public, max-age=0, must-revalidate"
    )
    sent = {tag.removeprefix("W/") for tag in parse_etags(request.headers.get("If-None-Match", ""))}
    if etag in sent or "*" in sent:
        not_modified = HttpResponseNotModified()
        not_modified["ETag"] = etag
        not_modified["Cache-Control"] = response["Cache-Control"]
        return not_modified
    return response


def labelled(response, media):
    """The answer in the media type the client accepts (`negotiate`): a JSON body, a GraphQL
    response, goes out as `application/graphql-response+json` when the client prefers it.
    Caches keep one copy per `Accept`."""
    patch_vary_headers(response, ("Accept",))
    if (
        media is not None
        and media.content_type == GRAPHQL_RESPONSE
        and response.get("Content-Type", "").startswith(JSON)
    ):
        response["Content-Type"] = GRAPHQL_RESPONSE
    return response
