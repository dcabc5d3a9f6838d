"""The public GraphQL endpoint: limits, rate limit and error codes around grapple's schema.

request → rate limit → response cache → parse/validate (depth, aliases, cost) → execute
(argument limits, visibility in every resolver) → errors with extensions.code. Never a 500; a 503
(SERVICE_UNAVAILABLE, Retry-After) only while the database is unreachable. A Redis outage only
costs the response cache and shared rate-limit counts (cms/cache.py). No cookies are set.
"""

import hashlib
import logging
import re

from django.conf import settings
from django.core.exceptions import FieldError, ValidationError
from django.db import InterfaceError, OperationalError
from django.http import HttpResponseNotModified, JsonResponse
from django.utils.decorators import method_decorator
from django.utils.http import parse_etags, quote_etag
from django.views.decorators.csrf import csrf_exempt
from graphene_django.views import GraphQLView, HttpError
from graphql import ExecutionResult, GraphQLError

from cms.models import PartnerApiKey

from . import cache as response_cache
from . import errors, limits

logger = logging.getLogger(__name__)

JSON_TYPES = ("application/json", "application/graphql")
CLIENT_ERRORS = (FieldError, ValidationError, ValueError, TypeError, LookupError)
# The database is unreachable (down, restarting, connection lost): a transient outage, HTTP 503.
DATABASE_ERRORS = (OperationalError, InterfaceError)


def client_ip(request):
    """The caller's address for rate limits. Behind TRUSTED_PROXY_COUNT reverse proxies, the
    address the nearest trusted proxy saw (X-Forwarded-For, counted from the right: entries
    further left are whatever the client claimed)."""
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies > 0:
        forwarded = [part.strip() for part in request.headers.get("X-Forwarded-For", "").split(",")]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "unknown")


# graphql-core repeats a rejected variable's whole value (a Python repr, with the nominator's
# personal data) in its message; keep the variable's name and the reason only.
_VARIABLE_VALUE = re.compile(
    r"^(Variable '\$\w+') got invalid value .*?(?: at '([\w.\[\]]+)')?"
    r"(?:; ((?:Field|Expected|Int|Float|String|Boolean|ID|Enum|Value|Invalid) .*))?$",
    re.S,
)


def without_values(message):
    match = _VARIABLE_VALUE.match(message or "")
    if not match:
        return message
    variable, path, reason = match.groups()
    text = f"{variable} hat einen ungültigen Wert"
    if path:
        text += f" bei '{path}'"
    return f"{text}: {reason}" if reason else f"{text}."


def _code_for(error):
    original = getattr(error, "original_error", None)
    if isinstance(error, GraphQLError) and original is None:
        return (error.extensions or {}).get("code") or errors.VALIDATION_FAILED
    if isinstance(original, GraphQLError):
        return (original.extensions or {}).get("code") or errors.BAD_USER_INPUT
    return None


@method_decorator(csrf_exempt, name="dispatch")
class PublicGraphQLView(GraphQLView):
    graphiql = False

    def __init__(self, **kwargs):
        kwargs.setdefault("validation_rules", limits.validation_rules())
        kwargs.setdefault("middleware", [limits.ArgumentLimitMiddleware()])
        super().__init__(**kwargs)

    def dispatch(self, request, *args, **kwargs):
        if request.method == "OPTIONS":
            return super(GraphQLView, self).dispatch(request, *args, **kwargs)
        try:
            response = self.answer(request, *args, **kwargs)
        except DATABASE_ERRORS as error:  # before execution: API key, cache generation
            request._graphql_unavailable = error
        unavailable = getattr(request, "_graphql_unavailable", None)
        if unavailable is not None:
            logger.warning("GraphQL request answered 503, database unreachable: %s", unavailable)
            return self.unavailable()
        return response

    @staticmethod
    def unavailable():
        body, status = errors.error_response(
            errors.UNAVAILABLE_MESSAGE, errors.SERVICE_UNAVAILABLE, 503
        )
        response = JsonResponse(body, status=status)
        response["Retry-After"] = str(errors.UNAVAILABLE_RETRY_AFTER)
        response["Cache-Control"] = "no-store"
        return response

    def answer(self, request, *args, **kwargs):
        client, limit = self.identify_client(request)
        bad_key = client is None
        if bad_key:
            # A bad key counts against the caller's IP like an anonymous request: guessing keys
            # is rate limited too.
            client, limit = f"ip:{client_ip(request)}", settings.GRAPHQL_RATE_LIMIT
        wait = limits.rate_limited("graphql", client, limit, settings.GRAPHQL_RATE_LIMIT_WINDOW)
        if wait:
            body, status = errors.error_response(
                "Zu viele Anfragen. Bitte später erneut versuchen.", errors.RATE_LIMITED, 429
            )
            response = JsonResponse(body, status=status)
            response["Retry-After"] = str(wait)
            return response
        if bad_key:
            body, status = errors.error_response(
                "Unbekannter oder widerrufener API-Schlüssel.", errors.UNAUTHENTICATED, 401
            )
            return JsonResponse(body, status=status)
        try:
            # graphene-django's dispatch without its ensure_csrf_cookie decorator (there for
            # GraphiQL's form): the API takes no form posts and sets no cookies, so answers stay
            # cacheable by CDNs (no `Set-Cookie`, no `Vary: Cookie`).
            response = GraphQLView.dispatch.__wrapped__(self, request, *args, **kwargs)
        except DATABASE_ERRORS:
            raise
        except Exception:
            logger.exception("GraphQL request failed outside execution")
            body, status = errors.error_response(errors.GENERIC_MESSAGE, errors.BAD_USER_INPUT, 400)
            return JsonResponse(body, status=status)
        if getattr(request, "_graphql_cache", None):
            response["X-Cache"] = request._graphql_cache
        retry_after = getattr(request, "_graphql_retry_after", None)
        if retry_after:
            response.status_code = 429
            response["Retry-After"] = str(retry_after)
        return self.revalidated(request, response)

    @staticmethod
    def revalidated(request, response):
        """GET answers carry an ETag and may be stored, but must be revalidated every time
        (`max-age=0`): a browser or CDN saves the transfer with a 304, and still never shows a
        portrait after its consent was withdrawn."""
        if request.method != "GET" or response.status_code != 200:
            response.setdefault("Cache-Control", "no-store")
            return response
        etag = quote_etag(hashlib.sha256(response.content).hexdigest()[:32])
        response["ETag"] = etag
        response["Cache-Control"] = "public, max-age=0, must-revalidate"
        if etag in parse_etags(request.headers.get("If-None-Match", "")):
            not_modified = HttpResponseNotModified()
            not_modified["ETag"] = etag
            not_modified["Cache-Control"] = response["Cache-Control"]
            return not_modified
        return response

    @staticmethod
    def identify_client(request):
        """(rate-limit key, limit): a partner's API key, else the client IP at the anonymous
        rate. (None, None) for a bad key."""
        header = request.headers.get("Authorization", "")
        if not header:
            return f"ip:{client_ip(request)}", settings.GRAPHQL_RATE_LIMIT
        scheme, _, raw_key = header.partition(" ")
        key = PartnerApiKey.authenticate(raw_key.strip()) if scheme.lower() == "bearer" else None
        if key is None:
            return None, None
        return f"key:{key.pk}", key.rate_limit

    def parse_body(self, request):
        content_type = self.get_content_type(request)
        if request.method == "POST" and content_type not in JSON_TYPES:
            # Form posts need no CORS preflight: refusing them keeps other sites from sending
            # mutations (nominations) from their visitors' browsers.
            raise HttpError(
                JsonResponse({}, status=415),
                "Bitte als application/json senden.",
            )
        try:
            request.body.decode("utf-8")
        except UnicodeDecodeError:
            raise HttpError(
                JsonResponse({}, status=400), "Der Anfragekörper ist kein gültiges UTF-8."
            ) from None
        data = super().parse_body(request)
        if not isinstance(data, dict):
            raise HttpError(
                JsonResponse({}, status=400), "Der Anfragekörper muss ein JSON-Objekt sein."
            )
        return data

    def get_response(self, request, data, show_graphiql=False):
        for key in ("query", "operationName"):
            if data.get(key) is not None and not isinstance(data.get(key), str):
                raise HttpError(JsonResponse({}, status=400), f"{key} muss ein String sein.")
        variables = data.get("variables")
        if variables is not None and not isinstance(variables, (dict, str)):
            raise HttpError(JsonResponse({}, status=400), "variables muss ein JSON-Objekt sein.")
        return super().get_response(request, data, show_graphiql)

    def execute_graphql_request(
        self, request, data, query, variables, operation_name, show_graphiql=False
    ):
        entry = None if show_graphiql else response_cache.key_for(query, variables, operation_name)
        cached = response_cache.get(entry)
        if cached is not None:
            request._graphql_cache = "HIT"
            return ExecutionResult(data=cached)
        result = super().execute_graphql_request(
            request, data, query, variables, operation_name, show_graphiql
        )
        if entry and result is not None and not result.errors:
            response_cache.store(entry, result.data)
            request._graphql_cache = "MISS"
        for error in (result.errors if result else None) or ():
            original = getattr(error, "original_error", None)
            if isinstance(original, DATABASE_ERRORS):  # inside a resolver
                request._graphql_unavailable = original
            extensions = getattr(original, "extensions", None) or {}
            if extensions.get("code") == errors.RATE_LIMITED:
                request._graphql_retry_after = extensions.get("retryAfter", 60)
        return result

    @staticmethod
    def format_error(error):
        if isinstance(error, HttpError):
            return {
                "message": error.message or str(error),
                "extensions": {"code": errors.BAD_USER_INPUT},
            }
        code = _code_for(error)
        if code is not None:
            formatted = error.formatted
            formatted["message"] = without_values(formatted["message"])
            formatted.setdefault("extensions", {})
            formatted["extensions"] = {**(formatted["extensions"] or {}), "code": code}
            return formatted
        original = getattr(error, "original_error", error)
        formatted = {"message": errors.GENERIC_MESSAGE}
        if isinstance(error, GraphQLError):
            formatted = {**error.formatted, "message": errors.GENERIC_MESSAGE}
        if isinstance(original, CLIENT_ERRORS):
            formatted["extensions"] = {"code": errors.BAD_USER_INPUT}
        elif isinstance(original, DATABASE_ERRORS):  # the answer becomes a 503 (dispatch)
            formatted["extensions"] = {"code": errors.SERVICE_UNAVAILABLE}
        else:
            logger.error("GraphQL resolver error", exc_info=original)
            formatted["extensions"] = {"code": errors.INTERNAL}
        return formatted
