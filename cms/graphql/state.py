"""One GraphQL request's state, in one object on the request (`request.graphql`), filled in by
the view's steps (cms/graphql/views.py) as the request passes through them, and read by the
resolvers' middleware (time budget, translations)."""

from dataclasses import dataclass, field


@dataclass
class RequestState:
    # What the client's Accept asks for (http.Negotiated), None: neither media type (406).
    media: object = None
    # The rate-limit outcome (rate_limit.RateLimit), for the X-RateLimit-* headers.
    rate: object = None
    # Where the answer to the raw request is cached (cache.Entry), None: not cached.
    entry: object = None
    # An automatic persisted query to store once it passed validation: (hash, text).
    persist: tuple | None = None
    # The single-flight lock of a cacheable miss (cache.Flight), released once answered.
    flight: object = None
    # An answer a concurrent request stored while this one waited (cache.Stored).
    stored: object = None
    # Whether the answer may be stored (a cacheable query answered without errors).
    store: bool = False
    # The answer carries errors: never stored, never revalidated.
    failed: bool = False
    # Over the time budget or the statement timeout: answered 400.
    timed_out: bool = False
    # A resolver's rate limit (nominations): answered 429 with this Retry-After.
    retry_after: int | None = None
    # The database was unreachable (the exception): answered 503.
    unavailable: Exception | None = None
    # The execution's time budget (time_budget.Budget), set as execution starts.
    budget: object = None
    # Per-request memos of cms/graphql/locales.py (`translations`).
    translatable_lists: list = field(default_factory=list)
    locale_codes: dict | None = None
    translations: dict = field(default_factory=dict)


def of(request):
    """The request's state, made on first use (a request that did not come through the view)."""
    state = getattr(request, "graphql", None)
    if state is None:
        state = request.graphql = RequestState()
    return state
