"""The public GraphQL endpoint: grapple's schema behind one pass through named steps.

    identify the client → rate-limit (the stored answer read in the same Redis round trip) →
    look up the stored answer → resolve a persisted query → parse and validate → execute →
    store → answer

Each step is one method of `PublicGraphQLView` (`steps` runs them in order; the first that
answers ends the request), and the request's state is one object, `request.graphql`
(cms/graphql/state.py). What the steps use lives in modules of its own: the client and the rate
limit (rate_limit.py), the response cache (cache.py), persisted queries (persisted.py), parsing
and validation (documents.py, validation.py, arguments.py), the time budget and statement
timeout (time_budget.py), how errors are written (error_format.py), and the HTTP side: media
types, refusals, ETags (http.py).

Limits, in order: the text's tokens and merge work before the parser, the document's
definitions and operations, arguments and cost with the variables' values (once per request),
the cycle check, then validation (depth, aliases; a new persisted query is stored only now);
execution runs in a transaction with a statement timeout and a time budget (argument limits and
visibility in every resolver). Errors carry extensions.code. Never a 500; a 503
(SERVICE_UNAVAILABLE, Retry-After) only while the database is unreachable. A Redis outage only
costs the response cache, stored persisted queries and shared rate-limit counts (cms/cache.py).
No cookies are set.
"""

import logging
from contextlib import nullcontext

from django.conf import settings
from django.http import HttpResponse, HttpResponseBadRequest, HttpResponseNotAllowed, JsonResponse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext
from django.views.decorators.csrf import csrf_exempt
from graphene_django.views import GraphQLView, HttpError
from graphql import ExecutionResult, GraphQLError, OperationType, execute, get_operation_ast

from cms import replica, visibility
from cms.rate_limit import check_rate_limit_and_read, identify_client
from cms.time_budget import Budget, TimeBudgetMiddleware, is_timeout, statement_timeout
from cms.views import DATABASE_UNAVAILABLE  # a transient outage: HTTP 503

from . import arguments, errors, http, locales, persisted
from . import cache as response_cache
from .argument_checks import ArgumentLimitMiddleware
from .documents import documents, readable
from .documents import refusal as document_refusal
from .error_format import format_error
from .state import RequestState
from .state import of as state_of
from .validation import CYCLE_RULES, validation_rules

logger = logging.getLogger(__name__)

JSON_TYPES = ("application/json", "application/graphql")


@method_decorator(csrf_exempt, name="dispatch")
class PublicGraphQLView(GraphQLView):
    graphiql = False

    def __init__(self, **kwargs):
        kwargs.setdefault("validation_rules", validation_rules())
        kwargs.setdefault(
            "middleware",
            [TimeBudgetMiddleware(), ArgumentLimitMiddleware(), locales.ContentLocaleMiddleware()],
        )
        super().__init__(**kwargs)
        # Cycles first and alone, as the spec's NoFragmentCycles: the other rules may then
        # expand fragments without guarding against them. Before both, once per request, the
        # arguments and the cost (`parse_and_validate`).
        self.rule_lists = (CYCLE_RULES, self.validation_rules)

    format_error = staticmethod(format_error)

    def dispatch(self, request, *args, **kwargs):
        if request.method == "OPTIONS":
            return super(GraphQLView, self).dispatch(request, *args, **kwargs)
        state = request.graphql = RequestState(media=http.negotiate(request))
        try:
            response = self.steps(request, state)
        except DATABASE_UNAVAILABLE as error:  # before execution: API key, cache generation
            state.unavailable = error
        if state.unavailable is not None:
            logger.warning(
                "GraphQL request answered 503, database unreachable: %s", state.unavailable
            )
            response = http.unavailable()
        return self.answer(state, response)

    def steps(self, request, state):
        """The steps in order, the first that answers ending the request: identify the client,
        rate-limit (then the refusals: 429, 401, 406), look up the stored answer, run (resolve a
        persisted query, parse and validate, execute), store; `answer` finishes every one."""
        client, limit, known = identify_client(request)
        found = self.rate_limit(request, state, client, limit)
        if state.rate.wait:
            return http.refusal(
                gettext(errors.RATE_LIMITED_MESSAGE), errors.RATE_LIMITED, 429, state.rate.wait
            )
        if not known:
            return http.refusal(gettext(errors.UNKNOWN_KEY_MESSAGE), errors.UNAUTHENTICATED, 401)
        if state.media is None and not self.graphiql:
            return http.not_acceptable()
        stored = self.look_up(state, found)
        if stored is None:
            # resolve a persisted query → parse and validate → execute: graphene-django's
            # request handling, with those steps as its hooks (`get_response`,
            # `execute_graphql_request`).
            response = self.run(request)
            stored = state.stored  # answered by a concurrent request for the same entry
            if stored is None:
                return self.store(request, state, response)
            state.flight.release()
        return self.stored_answer(request, state, stored)

    # --- Rate-limit and look up the stored answer ----------------------------------------

    @staticmethod
    def rate_limit(request, state, client, limit):
        """Counts the request against the client's rate limit, and reads the response cache's
        entry for the raw request (no GraphQL parsing) in the same Redis round trip: a hit then
        costs one Redis round trip and one tiny query (the content generation, read first: see
        cms/graphql/cache.py). Returns the raw value read, or None."""
        state.entry = response_cache.entry_for(request)
        state.rate, found = check_rate_limit_and_read(
            "graphql",
            client,
            limit,
            settings.GRAPHQL_RATE_LIMIT_WINDOW,
            response_cache.redis_key(state.entry),
        )
        return found

    @staticmethod
    def look_up(state, found):
        """The stored answer to this request (`cache.Stored`), or None."""
        stored = response_cache.decode(found)
        if (
            stored is None
            and found is None
            and state.entry is not None
            and not response_cache.redis_key(state.entry)
        ):
            # Not read with the rate limit (a cache other than Redis): read it now.
            stored = response_cache.get_stored(state.entry)
        return stored

    def stored_answer(self, request, state, stored):
        """A cached answer as it was sent: its bytes and ETag, nothing parsed or encoded."""
        self.persist(state)  # a hash with its text: keep the text stored for the hash alone
        response = HttpResponse(stored.body, content_type="application/json")
        response["X-Cache"] = "HIT"
        return http.revalidated(request, response, state.media, etag=stored.etag)

    # --- Resolve a persisted query, parse and validate, execute (inside graphene-django) ---

    def run(self, request):
        try:
            # graphene-django's dispatch without its ensure_csrf_cookie decorator (there for
            # GraphiQL's form): the API takes no form posts and sets no cookies, so answers stay
            # cacheable by CDNs (no `Set-Cookie`, no `Vary: Cookie`).
            return GraphQLView.dispatch.__wrapped__(self, request)
        except DATABASE_UNAVAILABLE:
            raise
        except Exception:
            logger.exception("GraphQL request failed outside execution")
            return http.refusal(gettext(errors.GENERIC_MESSAGE), errors.BAD_USER_INPUT, 400)

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
        state = request.graphql
        try:
            data = self.resolve_persisted_query(request, state, data)
        except persisted.PersistedQueryError as error:
            state.failed = True
            return self.json_encode(request, error.body()), error.status
        result, status = super().get_response(request, data, show_graphiql)
        if status == 400 and state.media is not None and state.media.request_errors_ok:
            # A GraphQL request error (errors without a path, no `data`: the document does not
            # parse or validate, the variables do not fit) under `application/json`.
            status = 200
        return result, status

    @staticmethod
    def resolve_persisted_query(request, state, data):
        """An automatic persisted query (cms/graphql/persisted.py): the request with its stored
        query text, or the text it sent, noted to be stored after validation (`persist`)."""
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
        state.persist = (digest, sent)
        return data

    @staticmethod
    def persist(state):
        if state.persist is not None:
            persisted.store(*state.persist)

    def execute_graphql_request(
        self, request, data, query, variables, operation_name, show_graphiql=False
    ):
        """graphene-django's parse → validate → execute, with our limits, the single flight of
        a cacheable miss, and the outcome noted on the request's state."""
        state = request.graphql
        if not query:
            raise HttpError(
                HttpResponseBadRequest(gettext("Bitte eine Abfrage (query) mitsenden."))
            )
        try:
            document = documents.parse(query)  # once, under the token limit
        except GraphQLError as error:
            return self.noted(state, ExecutionResult(errors=[error]))
        if (
            not show_graphiql
            and state.entry is not None
            and response_cache.cacheable(document, operation_name)
        ):
            # Single flight: of the concurrent misses for one entry (after a change), one
            # computes; the others wait briefly for its answer (cms/graphql/cache.py).
            state.flight = response_cache.Flight(state.entry)
            state.stored = state.flight.wait_for_answer()
            if state.stored is not None:
                return ExecutionResult(data={})
        result = self.parse_and_validate(request, document, variables, operation_name)
        if result is None:
            self.persist(state)  # within every limit: an automatic persisted query may be stored
            result = self.execute(request, document, variables, operation_name)
        return self.noted(state, result)

    def parse_and_validate(self, request, document, variables, operation_name):
        """The limits that keep each step linear in the document, then graphql-core's
        validation: None when the document may run, else the errors as an ExecutionResult."""
        refusal = document_refusal(document, operation_name)
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
            return ExecutionResult(errors=[readable(error) for error in failures])
        return None

    def execute(self, request, document, variables, operation_name):
        """graphql-core's execution in a transaction with a statement timeout and a time
        budget, the policy's per-request look-ups once."""
        with (
            replica.on_primary()
            if replica.reading_from() and response_cache.asks_for_preview(document)
            else nullcontext(),
            statement_timeout(),
            visibility.one_request(),
        ):
            request.graphql.budget = Budget.start()
            try:
                return execute(
                    self.schema.graphql_schema,
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

    def run_document(self, request, document, variables, operation_name=None):
        """A parsed document through the same checks and execution as a request, without HTTP
        (the embed's server-rendered pages: embed/data.py)."""
        state_of(request)
        result = self.parse_and_validate(request, document, variables, operation_name)
        return result or self.execute(request, document, variables, operation_name)

    @staticmethod
    def noted(state, result):
        """The result, with what it means for the answer noted on the state: stored when it
        answers a cacheable query (one in flight) without errors."""
        state.store = state.flight is not None and not result.errors
        for error in result.errors or ():
            state.failed = True
            original = getattr(error, "original_error", None)
            if is_timeout(original):
                state.timed_out = True
            elif isinstance(original, DATABASE_UNAVAILABLE):  # inside a resolver
                state.unavailable = original
            extensions = getattr(original, "extensions", None) or {}
            if extensions.get("code") == errors.RATE_LIMITED:
                state.retry_after = extensions.get("retryAfter", 60)
        return result

    # --- Store and answer ------------------------------------------------------------------

    @staticmethod
    def store(request, state, response):
        """The executed answer with its status, stored in the response cache when it may be
        (a cacheable query answered 200 without errors), then revalidated."""
        if state.store:
            response["X-Cache"] = "MISS"
        if state.timed_out:
            logger.warning("GraphQL request stopped: over its time budget or statement timeout")
            response.status_code = 400
        if state.retry_after:
            response.status_code = 429
            response["Retry-After"] = str(state.retry_after)
        etag = None
        if state.store and response.status_code == 200 and not state.failed:
            etag = response_cache.store_body(state.entry, response.content)
        if state.flight is not None:
            state.flight.release()
        return http.revalidated(request, response, state.media, state.failed, etag)

    @staticmethod
    def answer(state, response):
        """Every answer after the rate-limit check carries its `X-RateLimit-*` headers (304 and
        503 included), in the media type the client accepts."""
        if state.rate is not None:
            for header, value in state.rate.headers().items():
                response[header] = value
        return http.labelled(response, state.media)
