"""The public GraphQL endpoint: limits, rate limit and error codes around grapple's schema.

request → rate limit (X-RateLimit-* headers on every answer after it), with the response cache's
look-up by the raw request in the same Redis round trip (a hit answers the stored bytes here) →
automatic persisted query (cms/graphql/persisted.py: the stored text for a hash) → parse (token
limit; before it, a scan of the text refuses a document over it or whose check of same-named
fields would take graphql-core most of a second) → single flight for a cacheable miss →
document limits (definitions, one operation unless operationName picks one) → arguments and
cost, with the variables' values, once per request (cms/graphql/arguments.py) → cycle check →
validate (depth, aliases; a new persisted query is stored only now) → execute in a transaction
with a statement timeout and a time budget (argument limits, visibility in every resolver) →
errors with extensions.code. Never a 500; a 503 (SERVICE_UNAVAILABLE, Retry-After) only while
the database is unreachable. A Redis outage only costs the response cache, stored persisted
queries and shared rate-limit counts (cms/cache.py). No cookies are set.

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
import logging
import re
import threading
import time
from collections import OrderedDict
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import FieldError, ValidationError
from django.core.signals import setting_changed
from django.db import OperationalError, connection, transaction
from django.dispatch import receiver
from django.http import (
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseNotAllowed,
    HttpResponseNotModified,
    JsonResponse,
)
from django.utils.cache import patch_vary_headers
from django.utils.decorators import method_decorator
from django.utils.http import parse_etags, quote_etag
from django.utils.translation import gettext, gettext_noop
from django.views.decorators.csrf import csrf_exempt
from graphene_django.settings import graphene_settings
from graphene_django.views import GraphQLView, HttpError
from graphql import (
    ExecutionResult,
    GraphQLError,
    OperationType,
    execute,
    get_operation_ast,
    parse,
    validate,
)
from graphql.validation.validate import ValidationAbortedError
from psycopg import errors as pg_errors

from cms.models import PartnerApiKey
from cms.views import DATABASE_UNAVAILABLE  # a transient outage: HTTP 503

from . import arguments, errors, limits, locales, persisted, visibility
from . import cache as response_cache
from .cdn import cdn_max_age

logger = logging.getLogger(__name__)

JSON_TYPES = ("application/json", "application/graphql")
GRAPHQL_RESPONSE = "application/graphql-response+json"
JSON = "application/json"
CLIENT_ERRORS = (FieldError, ValidationError, ValueError, TypeError, LookupError)

# graphql-core repeats a rejected variable's whole value (a Python repr, with the nominator's
# personal data) in its message; keep the variable's name and the reason only.
_VARIABLE_VALUE = re.compile(
    r"^(Variable '\$\w+') got invalid value .*?(?: at '([\w.\[\]]+)')?"
    r"(?:; ((?:Field|Expected|Int|Float|String|Boolean|ID|Enum|Value|Invalid) .*))?$",
    re.S,
)


# graphene-django's own messages (English literals), as our German msgids.
GRAPHENE_MESSAGES = {
    "GraphQL only supports GET and POST requests.": gettext_noop(
        "GraphQL nimmt nur GET- und POST-Anfragen an."
    ),
    "POST body sent invalid JSON.": gettext_noop("Der Anfragekörper ist kein gültiges JSON."),
    "The received data is not a valid JSON query.": gettext_noop(
        "Der Anfragekörper muss ein JSON-Objekt sein."
    ),
    "Variables are invalid JSON.": gettext_noop("variables ist kein gültiges JSON."),
    "Must provide query string.": gettext_noop("Bitte eine Abfrage (query) mitsenden."),
}


def without_values(message):
    match = _VARIABLE_VALUE.match(message or "")
    if not match:
        return message
    variable, path, reason = match.groups()
    # graphql-core's reason stays as graphql-core wrote it (English).
    if path and reason:
        text = gettext("%(variable)s hat einen ungültigen Wert bei '%(path)s': %(reason)s")
    elif path:
        text = gettext("%(variable)s hat einen ungültigen Wert bei '%(path)s'.")
    elif reason:
        text = gettext("%(variable)s hat einen ungültigen Wert: %(reason)s")
    else:
        text = gettext("%(variable)s hat einen ungültigen Wert.")
    return text % {"variable": variable, "path": path, "reason": reason}


def is_timeout(error):
    """The request's time budget ran out, or PostgreSQL cancelled a statement (statement_timeout):
    the query asked too much, not a database outage."""
    if isinstance(error, errors.QueryTimeout):
        return True
    return isinstance(error, OperationalError) and isinstance(
        error.__cause__, pg_errors.QueryCanceled
    )


@contextmanager
def statement_timeout():
    """On PostgreSQL, run the block in a transaction whose statements each stop after
    GRAPHQL_STATEMENT_TIMEOUT_MS (`SET LOCAL`: this transaction only, so migrations, seeding and
    the admin keep the server's default). A transaction a statement failed in is rolled back."""
    timeout = settings.GRAPHQL_STATEMENT_TIMEOUT_MS
    if connection.vendor != "postgresql" or timeout <= 0:
        yield
        return
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(f"SET LOCAL statement_timeout = {int(timeout)}")
        try:
            yield
        finally:
            if limits.transaction_failed():
                transaction.set_rollback(True)


def _too_long():
    return errors.document_error(
        gettext(
            "Die Anfrage ist zu lang (höchstens %(maximum)s Tokens und %(maximum)s Kommentare)."
        )
        % {"maximum": settings.GRAPHQL_MAX_TOKENS}
    )


def _parse(query):
    """graphql-core's parser with a token limit (graphene-django passes none). Before it, a
    scan of the text (a regular expression, `arguments.scan_text`) refuses a text over the
    token limit, or one whose check of same-named fields would take graphql-core most of a
    second, without the parser's tenth of a second."""
    maximum = settings.GRAPHQL_MAX_TOKENS
    tokens, comments, work = arguments.scan_text(query, maximum)
    if tokens > maximum or comments > maximum:
        raise _too_long()
    if work > settings.GRAPHQL_MAX_MERGE_WORK:
        raise arguments.too_much_merge_work()
    try:
        return parse(query, max_lexical_tokens=maximum, max_comments=maximum)
    except GraphQLError as error:
        if "Document contains more than" in error.message:  # tokens or comments
            raise _too_long() from None
        raise


class _Documents:
    """Parsed documents by their query text, and whether they passed validation, for the
    SIZE most recent queries of this process. Partner sites send the same few queries again and
    again; parsing and validating one costs a few milliseconds each time. Forgotten when a limit
    setting changes (tests), so a cached validation always reflects the current limits."""

    SIZE = 256

    def __init__(self):
        self._lock = threading.Lock()
        self._parsed = OrderedDict()  # query text → document
        self._validated = {}  # id(document) → the rule lists (tuples of rule classes) it passed

    def parse(self, query):
        with self._lock:
            known = self._parsed.get(query)
            if known is not None:
                self._parsed.move_to_end(query)
                return known
        document = _parse(query)  # outside the lock; a GraphQLError is not kept
        with self._lock:
            self._parsed[query] = document
            self._validated[id(document)] = set()
            while len(self._parsed) > self.SIZE:
                _, evicted = self._parsed.popitem(last=False)
                self._validated.pop(id(evicted), None)
        return document

    def validate(self, schema, document, rules):
        """graphql-core's validation of `document` by each rule list in `rules` in turn (the
        first that fails answers): errors, or an empty list. A cached document that passed the
        same rules before is not validated again."""
        passed = self._validated.get(id(document))  # a cached document (kept alive there)
        rules = tuple(tuple(rule_list) for rule_list in rules)
        if passed is not None and rules in passed:
            return []
        maximum = graphene_settings.MAX_VALIDATION_ERRORS
        for rule_list in rules:
            failures = validate(schema, document, rule_list, maximum)
            if failures:
                return failures
        if passed is not None:
            passed.add(rules)
        return []

    def clear(self):
        with self._lock:
            self._parsed.clear()
            self._validated.clear()


documents = _Documents()


@receiver(setting_changed)
def _forget_documents(setting, **kwargs):
    if setting.startswith("GRAPHQL") or setting == "GRAPPLE":
        documents.clear()


def _document_refusal(document, operation_name):
    """Why a document is refused before validation (its size counts in every rule), or None."""
    maximum = settings.GRAPHQL_MAX_DEFINITIONS
    if len(document.definitions) > maximum:
        return gettext("Zu viele Definitionen im Dokument (höchstens %(maximum)s).") % {
            "maximum": maximum
        }
    operations = sum(1 for d in document.definitions if d.kind == "operation_definition")
    if operations > 1 and not operation_name:
        return gettext(
            "Das Dokument enthält %(operations)s Operationen: "
            "bitte mit operationName eine davon wählen."
        ) % {"operations": operations}
    return None


def _readable(error):
    """graphql-core's "Validation aborted." (its work budget ran out, `limits.BoundedMergeRule`)
    as a message that says why."""
    if isinstance(error, ValidationAbortedError):
        return arguments.too_much_merge_work()
    return error


def _code_for(error):
    original = getattr(error, "original_error", None)
    if isinstance(error, GraphQLError) and original is None:
        return (error.extensions or {}).get("code") or errors.VALIDATION_FAILED
    if isinstance(original, GraphQLError):
        return (original.extensions or {}).get("code") or errors.BAD_USER_INPUT
    return None


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


def representation_etag(etag, media_type):
    """A strong ETag names one representation: the new media type's answer (the same bytes
    under another Content-Type) gets its own."""
    if media_type.content_type == JSON:
        return etag
    return quote_etag(etag.strip('"') + "-gr")


@method_decorator(csrf_exempt, name="dispatch")
class PublicGraphQLView(GraphQLView):
    graphiql = False

    def __init__(self, **kwargs):
        kwargs.setdefault("validation_rules", limits.validation_rules())
        kwargs.setdefault(
            "middleware",
            [
                limits.TimeBudgetMiddleware(),
                limits.ArgumentLimitMiddleware(),
                locales.ContentLocaleMiddleware(),
            ],
        )
        super().__init__(**kwargs)
        # Cycles first and alone, as the spec's NoFragmentCycles: the other rules may then
        # expand fragments without guarding against them. Before both, once per request, the
        # arguments and the cost (`run_document`).
        self.rule_lists = (limits.CYCLE_RULES, self.validation_rules)

    def dispatch(self, request, *args, **kwargs):
        if request.method == "OPTIONS":
            return super(GraphQLView, self).dispatch(request, *args, **kwargs)
        request._graphql_media = negotiate(request)
        try:
            response = self.answer(request, *args, **kwargs)
        except DATABASE_UNAVAILABLE as error:  # before execution: API key, cache generation
            request._graphql_unavailable = error
        unavailable = getattr(request, "_graphql_unavailable", None)
        if unavailable is not None:
            logger.warning("GraphQL request answered 503, database unreachable: %s", unavailable)
            response = self.unavailable()
        rate = getattr(request, "_graphql_rate", None)
        if rate is not None:  # every answer after the rate-limit check, 304 and 503 included
            for header, value in rate.headers().items():
                response[header] = value
        return self.labelled(request, response)

    @staticmethod
    def labelled(request, response):
        """The answer in the media type the client accepts (`negotiate`): a JSON body, a
        GraphQL response, goes out as `application/graphql-response+json` when the client
        prefers it. Caches keep one copy per `Accept`."""
        patch_vary_headers(response, ("Accept",))
        media = request._graphql_media
        if (
            media is not None
            and media.content_type == GRAPHQL_RESPONSE
            and response.get("Content-Type", "").startswith(JSON)
        ):
            response["Content-Type"] = GRAPHQL_RESPONSE
        return response

    @staticmethod
    def unavailable():
        return refusal(
            gettext(errors.UNAVAILABLE_MESSAGE),
            errors.SERVICE_UNAVAILABLE,
            503,
            retry_after=errors.UNAVAILABLE_RETRY_AFTER,
        )

    def answer(self, request, *args, **kwargs):
        client, limit = self.identify_client(request)
        bad_key = client is None
        if bad_key:
            # A bad key counts against the caller's IP like an anonymous request: guessing keys
            # is rate limited too.
            client, limit = f"ip:{limits.client_ip(request)}", settings.GRAPHQL_RATE_LIMIT
        # The response cache's entry for the raw request (no GraphQL parsing): read in the rate
        # limit's Redis round trip, so a hit costs one Redis round trip and one tiny query (the
        # content generation, read first: see cms/graphql/cache.py).
        entry = request._graphql_entry = response_cache.entry_for(request)
        rate, found = limits.check_rate_limit_and_read(
            "graphql",
            client,
            limit,
            settings.GRAPHQL_RATE_LIMIT_WINDOW,
            response_cache.redis_key(entry),
        )
        request._graphql_rate = rate
        if rate.wait:
            return refusal(
                gettext(errors.RATE_LIMITED_MESSAGE), errors.RATE_LIMITED, 429, rate.wait
            )
        if bad_key:
            return refusal(gettext(errors.UNKNOWN_KEY_MESSAGE), errors.UNAUTHENTICATED, 401)
        if request._graphql_media is None and not self.graphiql:
            return refusal(
                gettext(
                    "Antworten gibt es als application/graphql-response+json oder "
                    "application/json: bitte eine davon im Accept-Header zulassen."
                ),
                errors.BAD_USER_INPUT,
                406,
            )
        stored = response_cache.decode(found)
        if stored is None and found is None and entry is not None and rate.wait == 0:
            stored = None if response_cache.redis_key(entry) else response_cache.get_stored(entry)
        if stored is not None:
            return self.stored_answer(request, stored)
        try:
            # graphene-django's dispatch without its ensure_csrf_cookie decorator (there for
            # GraphiQL's form): the API takes no form posts and sets no cookies, so answers stay
            # cacheable by CDNs (no `Set-Cookie`, no `Vary: Cookie`).
            response = GraphQLView.dispatch.__wrapped__(self, request, *args, **kwargs)
        except DATABASE_UNAVAILABLE:
            raise
        except Exception:
            logger.exception("GraphQL request failed outside execution")
            return refusal(gettext(errors.GENERIC_MESSAGE), errors.BAD_USER_INPUT, 400)
        stored = getattr(request, "_graphql_stored", None)
        if stored is not None:  # answered by a concurrent request for the same entry
            request._graphql_flight.release()
            return self.stored_answer(request, stored)
        if getattr(request, "_graphql_cache", None):
            response["X-Cache"] = request._graphql_cache
        if getattr(request, "_graphql_timed_out", False):
            logger.warning("GraphQL request stopped: over its time budget or statement timeout")
            response.status_code = 400
        retry_after = getattr(request, "_graphql_retry_after", None)
        if retry_after:
            response.status_code = 429
            response["Retry-After"] = str(retry_after)
        etag = None
        store = getattr(request, "_graphql_store", None)
        failed = getattr(request, "_graphql_failed", False)
        if store is not None and response.status_code == 200 and not failed:
            etag = response_cache.store_body(store, response.content)
        flight = getattr(request, "_graphql_flight", None)
        if flight is not None:
            flight.release()
        return self.revalidated(request, response, etag)

    def stored_answer(self, request, stored):
        """A cached answer as it was sent: its bytes and ETag, nothing parsed or encoded."""
        self.persist(request)  # a hash with its text: keep the text stored for the hash alone
        response = HttpResponse(stored.body, content_type="application/json")
        response["X-Cache"] = "HIT"
        return self.revalidated(request, response, stored.etag)

    @staticmethod
    def revalidated(request, response, etag=None):
        """GET answers carry a strong ETag (a hash of the body) and may be stored, but must be
        revalidated every time (`max-age=0`): a browser or CDN saves the transfer with a 304,
        and still never shows a portrait after its consent was withdrawn. Only with a CDN that
        every content change purges (`cdn_max_age`) may it keep them a few seconds
        (`s-maxage`). Error answers (POST, status other than 200, or errors in a 200) are never
        stored. If-None-Match compares weakly (RFC 9110 13.1.2): a CDN that compresses turns
        the ETag into W/"…"."""
        failed = getattr(request, "_graphql_failed", False)
        if request.method != "GET" or response.status_code != 200 or failed:
            response["Cache-Control"] = "no-store"
            return response
        etag = etag or quote_etag(hashlib.sha256(response.content).hexdigest()[:32])
        etag = representation_etag(etag, request._graphql_media or Negotiated(JSON))
        response["ETag"] = etag
        shared = cdn_max_age()
        response["Cache-Control"] = (
            f"public, max-age=0, s-maxage={shared}, must-revalidate"
            if shared
            else "public, max-age=0, must-revalidate"
        )
        sent = {
            tag.removeprefix("W/") for tag in parse_etags(request.headers.get("If-None-Match", ""))
        }
        if etag in sent or "*" in sent:
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
            return f"ip:{limits.client_ip(request)}", settings.GRAPHQL_RATE_LIMIT
        scheme, _, raw_key = header.partition(" ")
        key = PartnerApiKey.authenticate(raw_key.strip()) if scheme.lower() == "bearer" else None
        if key is None:
            return None, None
        return f"key:{key.pk}", key.rate_limit

    def parse_body(self, request):
        if request.method == "GET":
            # A GET has no body: its parameters are in the URL, whatever Content-Type a client
            # sends with it (Apollo Client sends `application/json`).
            return {}
        content_type = self.get_content_type(request)
        if request.method == "POST" and content_type not in JSON_TYPES:
            # Form posts need no CORS preflight: refusing them keeps other sites from sending
            # mutations (nominations) from their visitors' browsers.
            raise HttpError(
                JsonResponse({}, status=415),
                gettext("Bitte als application/json senden."),
            )
        try:
            request.body.decode("utf-8")
        except UnicodeDecodeError:
            raise HttpError(
                JsonResponse({}, status=400), gettext("Der Anfragekörper ist kein gültiges UTF-8.")
            ) from None
        data = super().parse_body(request)
        if not isinstance(data, dict):
            raise HttpError(
                JsonResponse({}, status=400),
                gettext("Der Anfragekörper muss ein JSON-Objekt sein."),
            )
        return data

    def get_response(self, request, data, show_graphiql=False):
        for key in ("query", "operationName"):
            if data.get(key) is not None and not isinstance(data.get(key), str):
                raise HttpError(
                    JsonResponse({}, status=400),
                    gettext("%(key)s muss ein String sein.") % {"key": key},
                )
        variables = data.get("variables")
        if variables is not None and not isinstance(variables, (dict, str)):
            raise HttpError(
                JsonResponse({}, status=400), gettext("variables muss ein JSON-Objekt sein.")
            )
        extensions = data.get("extensions")
        if extensions is not None and not isinstance(extensions, dict):
            raise HttpError(
                JsonResponse({}, status=400), gettext("extensions muss ein JSON-Objekt sein.")
            )
        try:
            data = self.persisted_query(request, data)
        except persisted.PersistedQueryError as error:
            request._graphql_failed = True
            return self.json_encode(request, error.body()), error.status
        result, status = super().get_response(request, data, show_graphiql)
        media = request._graphql_media
        if status == 400 and media is not None and media.request_errors_ok:
            # A GraphQL request error (errors without a path, no `data`: the document does not
            # parse or validate, the variables do not fit) under `application/json`.
            status = 200
        return result, status

    @staticmethod
    def persisted_query(request, data):
        """An automatic persisted query (cms/graphql/persisted.py): the request with its stored
        query text, or the text it sent to be stored after validation (`run_document`)."""
        digest = persisted.requested_hash(request, data)
        if digest is None:
            return data
        sent = request.GET.get("query") or data.get("query")
        if not sent:
            stored = persisted.lookup(digest)
            if stored is None:
                raise persisted.not_found()
            return {**data, "query": stored}
        persisted.check_hash(digest, sent)
        request._graphql_persist = (digest, sent)
        return data

    def execute_graphql_request(
        self, request, data, query, variables, operation_name, show_graphiql=False
    ):
        if not query:
            raise HttpError(
                HttpResponseBadRequest(gettext("Bitte eine Abfrage (query) mitsenden."))
            )
        try:
            document = documents.parse(query)  # once, under the token limit
        except GraphQLError as error:
            return ExecutionResult(errors=[error])
        entry = getattr(request, "_graphql_entry", None)
        if show_graphiql or not response_cache.cacheable(document, operation_name):
            entry = None
        if entry is not None:
            # Single flight: of the concurrent misses for one entry (after a change), one
            # computes; the others wait briefly for its answer (cms/graphql/cache.py).
            request._graphql_flight = flight = response_cache.Flight(entry)
            stored = flight.wait_for_answer()
            if stored is not None:
                request._graphql_stored = stored
                return ExecutionResult(data={})
        result = self.run_document(request, document, variables, operation_name)
        if result is not None and result.errors:
            request._graphql_failed = True
        if entry and result is not None and not result.errors:
            request._graphql_store = entry  # the response body, once encoded (answer)
            request._graphql_cache = "MISS"
        for error in (result.errors if result else None) or ():
            original = getattr(error, "original_error", None)
            if is_timeout(original):
                request._graphql_timed_out = True
            elif isinstance(original, DATABASE_UNAVAILABLE):  # inside a resolver
                request._graphql_unavailable = original
            extensions = getattr(original, "extensions", None) or {}
            if extensions.get("code") == errors.RATE_LIMITED:
                request._graphql_retry_after = extensions.get("retryAfter", 60)
        return result

    @staticmethod
    def persist(request):
        pending = getattr(request, "_graphql_persist", None)
        if pending is not None:
            persisted.store(*pending)

    def run_document(self, request, document, variables, operation_name):
        """graphene-django's validate → execute (GraphQLView.execute_graphql_request) for the
        parsed document, with the limits that keep each step linear in the document and bounded
        in time."""
        refusal = _document_refusal(document, operation_name)
        if refusal:
            return ExecutionResult(errors=[errors.document_error(refusal)])
        operation = get_operation_ast(document, operation_name)
        if (
            request.method == "GET"
            and operation is not None
            and operation.operation != OperationType.QUERY
        ):
            raise HttpError(
                HttpResponseNotAllowed(
                    ["POST"],
                    gettext("Eine %(operation)s-Operation ist nur per POST möglich.")
                    % {"operation": operation.operation.value},
                )
            )
        schema = self.schema.graphql_schema
        try:  # once per request, with the variables' values; linear, before graphql-core's rules
            arguments.check_and_price(schema, document, operation, variables)
        except GraphQLError as error:
            return ExecutionResult(errors=[error])
        failures = documents.validate(schema, document, self.rule_lists)
        if failures:
            return ExecutionResult(errors=[_readable(error) for error in failures])
        self.persist(request)  # within every limit: an automatic persisted query may be stored
        with statement_timeout(), visibility.one_request():
            request._graphql_connection = limits.postgres_connection()
            request._graphql_deadline = time.monotonic() + settings.GRAPHQL_TIME_BUDGET_MS / 1000
            try:
                return execute(
                    schema,
                    document,
                    root_value=self.get_root_value(request),
                    context_value=self.get_context(request),
                    variable_values=variables,
                    operation_name=operation_name,
                    middleware=self.get_middleware(request),
                    execution_context_class=self.execution_context_class,
                )
            except Exception as error:  # as graphene-django: variables, operation name
                return ExecutionResult(errors=[error])

    @staticmethod
    def format_error(error):
        if isinstance(error, HttpError):
            message = error.message or str(error)
            if message in GRAPHENE_MESSAGES:
                message = gettext(GRAPHENE_MESSAGES[message])
            return {
                "message": message,
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
        formatted = {"message": gettext(errors.GENERIC_MESSAGE)}
        if isinstance(error, GraphQLError):
            formatted = {**error.formatted, "message": gettext(errors.GENERIC_MESSAGE)}
        if is_timeout(original):  # a statement timeout: the query's fault, not an outage
            formatted["message"] = gettext(errors.TIMEOUT_MESSAGE)
            formatted["extensions"] = {"code": errors.BAD_USER_INPUT}
        elif isinstance(original, CLIENT_ERRORS):
            formatted["extensions"] = {"code": errors.BAD_USER_INPUT}
        elif isinstance(original, DATABASE_UNAVAILABLE):  # the answer becomes a 503 (dispatch)
            formatted["extensions"] = {"code": errors.SERVICE_UNAVAILABLE}
        else:
            logger.error("GraphQL resolver error", exc_info=original)
            formatted["extensions"] = {"code": errors.INTERNAL}
        return formatted
