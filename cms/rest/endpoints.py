"""Wagtail's REST API v2 at /api/v2/, read-only, for partners who prefer REST: the same
visibility policy (cms/visibility/), limits and rate limits as GraphQL.

- `pages/`: visible pages only (`type`, `child_of`, `descendant_of`, … walk the visible tree;
  `parent` is shown only if visible), with the portrait filters `town`, `area` and `kind` of
  the GraphQL `portraits` query (with `type=pages.PortraitPage`) and the policy's search;
- `images/`: visible images only; no documents endpoint;
- `partner-cities/`, `organisations/`, `contacts/`, `engagement-areas/`: live snippets (the
  snippets app registers them: snippets/rest.py).

A listing of one type whose app keeps its list order (portraits: pages/list_page.py, registered
with the policy) reads its page and `meta.total_count` from that stored order, as GraphQL's
list does (`StoredPage`); other listings count and page their queryset (Wagtail's way).

Each request's SQL statements have GraphQL's time limit (a 400 when over it). Rich text is always
display HTML (links through the policy); related snippets and images
come from the models' `visible_*` methods (their `api_fields`).
"""

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.urls import NoReverseMatch
from django.utils.translation import gettext
from rest_framework.exceptions import AuthenticationFailed
from rest_framework.filters import BaseFilterBackend
from rest_framework.renderers import JSONRenderer
from rest_framework.throttling import BaseThrottle
from wagtail.api.v2.filters import (
    AncestorOfFilter,
    ChildOfFilter,
    DescendantOfFilter,
    FieldsFilter,
    OrderingFilter,
)
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.serializers import PageHtmlUrlField, PageSerializer
from wagtail.api.v2.utils import BadRequestError, page_models_from_string
from wagtail.api.v2.views import BaseAPIViewSet, PagesAPIViewSet
from wagtail.images.api.v2.serializers import ImageDownloadUrlField, ImageSerializer
from wagtail.images.api.v2.views import ImagesAPIViewSet

from cms import visibility
from cms.graphql import errors, locales
from cms.graphql.http import unavailable
from cms.public_site import public_url
from cms.rate_limit import check_rate_limit, identify_client
from cms.time_budget import is_timeout, statement_timeout
from cms.views import DATABASE_UNAVAILABLE

PORTRAIT_FILTERS = ("town", "area", "kind")
# What a listing of one type may ask and still be read from its stored order (`StoredPage`);
# with anything else (child_of, descendant_of, search, a field filter) or an order that is not
# one row each (`_one_row_each`) it counts and pages its queryset.
STORED_LIST_PARAMETERS = frozenset(
    ["type", "limit", "offset", "fields", "order", "locale", "fallback", "rich_text_format"]
    + ["format", "_", *PORTRAIT_FILTERS]
)


class SharedRateLimit(BaseThrottle):
    """GraphQL's rate limit, and the same count: a client does not double its allowance by
    using both APIs. The outcome stays on the view (`rate_limit`) for the `X-RateLimit-*`
    headers of its answer, as GraphQL's."""

    def allow_request(self, request, view):
        client, limit, known = identify_client(request)
        if not known:
            raise AuthenticationFailed(gettext(errors.UNKNOWN_KEY_MESSAGE))
        view.rate_limit = check_rate_limit(
            "graphql", client, limit, settings.GRAPHQL_RATE_LIMIT_WINDOW
        )
        self.wait_seconds = view.rate_limit.wait
        return not self.wait_seconds

    def wait(self):
        return self.wait_seconds


class PortraitFilter(BaseFilterBackend):
    """`town`, `area` and `kind` as in GraphQL's `portraits`: unknown or draft slugs are a 400
    that lists the live ones."""

    def filter_queryset(self, request, queryset, view):
        given = {name: request.GET[name] for name in PORTRAIT_FILTERS if name in request.GET}
        if not given:
            return queryset
        if not visibility.filterable(queryset.model):  # the filters the pages app registered
            raise BadRequestError(
                gettext("%(filters)s: nur zusammen mit type=pages.PortraitPage.")
                % {"filters": ", ".join(given)}
            )
        try:
            return visibility.filter_list(queryset, **given)
        except visibility.UnknownArgument as error:
            raise BadRequestError(error.message) from None


class PolicySearchFilter(BaseFilterBackend):
    """`search=`: the policy's search (visible hits only, client syntax removed), best first
    unless `order` is given; counted and paged in SQL (no hit cap)."""

    def filter_queryset(self, request, queryset, view):
        query = request.GET.get("search")
        if not query:
            return queryset
        if "order" in request.GET:
            return visibility.search_filter(queryset, query)
        return visibility.ranked_search(queryset, query)


class PolicyMixin:
    """What every endpoint shares: JSON only, the shared rate limit, display HTML for rich
    text, and a database outage as 503 (never a 500)."""

    renderer_classes = [JSONRenderer]
    authentication_classes = []  # public and anonymous: no session, no cookie, no database
    permission_classes = []
    throttle_classes = [SharedRateLimit]
    known_query_parameters = BaseAPIViewSet.known_query_parameters.union(
        ["search", "locale", "fallback"]
    )

    def initial(self, request, *args, **kwargs):
        """`locale` and `fallback` as GraphQL's root fields take them (docs/api.md,
        "Languages"): the content language of the listing, German by default."""
        super().initial(request, *args, **kwargs)
        try:
            code = locales.checked(request.GET.get("locale"))
        except errors.UserInputError as error:
            raise BadRequestError(error.message) from None
        visibility.use_content_language(code, request.GET.get("fallback") in ("true", "1"))

    rate_limit = None  # set by SharedRateLimit

    def finalize_response(self, request, response, *args, **kwargs):
        """Every answer after the rate-limit check carries its `X-RateLimit-*` headers (429 and
        errors included), as GraphQL's do."""
        response = super().finalize_response(request, response, *args, **kwargs)
        if self.rate_limit is not None:
            for header, value in self.rate_limit.headers().items():
                response[header] = value
        return response

    def resolve_rich_text_format(self):
        requested = self.request.GET.get("rich_text_format")
        if requested not in (None, "html"):
            raise BadRequestError(gettext("rich_text_format: nur html."))
        return super().resolve_rich_text_format()

    def dispatch(self, request, *args, **kwargs):
        try:
            # GraphQL's limit on every SQL statement (PostgreSQL); the policy's per-request
            # lookups once per request.
            with statement_timeout(), visibility.one_request():
                return super().dispatch(request, *args, **kwargs)
        except DATABASE_UNAVAILABLE:  # raised opening the transaction: the database is unreachable
            return unavailable()

    def handle_exception(self, exc):
        if is_timeout(exc):  # the request asked too much: the client's error, not an outage
            return super().handle_exception(BadRequestError(gettext(errors.TIMEOUT_MESSAGE)))
        if isinstance(exc, DATABASE_UNAVAILABLE):
            return unavailable()  # the same 503 as GraphQL's
        return super().handle_exception(exc)


def _one_row_each(model, order):
    """Whether `order` (the parameter) orders `model`'s rows in a stored order: fields of its
    own, none many-to-many (ordering by one repeats an object per related row), not `random`.
    An unknown field is left to the generic path's 400."""
    for name in filter(None, order.split(",")):
        try:
            field = model._meta.get_field(name.removeprefix("-"))
        except FieldDoesNotExist:
            return False
        if field.many_to_many or field.one_to_many:
            return False
    return True


class StoredPage:
    """A listing read from its stored order (cms.visibility.stored_list: GraphQL's list
    piece), as Wagtail's pagination takes it: the slice reads the page and the list's total in
    one go (no count over every visible row, no OFFSET), `total` then holds the total."""

    def __init__(self, page):
        self.page = page  # (start, stop) -> (rows, total)
        self.total = None

    def count(self):
        return self.total  # known only with the page: ListPagination reads it after the slice

    def __getitem__(self, index):
        rows, self.total = self.page(index.start, index.stop)
        return rows


class ListPagination(WagtailPagination):
    """Wagtail's `limit` and `offset`, with its checks and messages; a `StoredPage` gives its
    total with its page."""

    def paginate_queryset(self, queryset, request, view=None):
        rows = super().paginate_queryset(queryset, request, view)
        if isinstance(queryset, StoredPage):
            self.total_count = queryset.total
        return rows


class PublicHtmlUrlField(PageHtmlUrlField):
    """`meta.html_url`: the page's address on the public website (PUBLIC_SITE_URL + its path,
    as GraphQL's `fullUrl`), not the Wagtail Site's root; null without PUBLIC_SITE_URL."""

    def to_representation(self, page):
        try:
            return public_url(page.url)
        except NoReverseMatch:
            return None


class PublicPageSerializer(PageSerializer):
    html_url = PublicHtmlUrlField(read_only=True)


class PagesEndpoint(PolicyMixin, PagesAPIViewSet):
    base_serializer_class = PublicPageSerializer
    pagination_class = ListPagination
    filter_backends = [
        FieldsFilter,
        ChildOfFilter,
        AncestorOfFilter,
        DescendantOfFilter,
        OrderingFilter,
        PortraitFilter,
        PolicySearchFilter,
    ]
    known_query_parameters = PagesAPIViewSet.known_query_parameters.union(
        ["search", "locale", "fallback", *PORTRAIT_FILTERS]
    )

    def get_base_queryset(self):
        # Lazy, and asked for several times per request (type, child_of, …): built once.
        if not hasattr(self, "_visible_pages"):
            # A page asked for by its id is shown in its own language.
            self._visible_pages = visibility.pages(
                super().get_base_queryset(), any_language=self.action == "detail_view"
            )
        return self._visible_pages

    def _stored_list(self):
        """The stored list (cms.visibility.stored_list) this listing is read from: one type
        whose app keeps its order, asked for with no more than STORED_LIST_PARAMETERS; else
        None."""
        if not hasattr(self, "_stored"):
            self._stored = None
            query = self.request.GET
            if self.action == "listing_view" and set(query) <= STORED_LIST_PARAMETERS:
                try:
                    models = page_models_from_string(query.get("type", ""))
                except (LookupError, ValueError):
                    models = ()  # the generic path answers the 400
                if len(models) == 1 and _one_row_each(models[0], query.get("order", "")):
                    self._stored = visibility.stored_list(models[0])
        return self._stored

    def get_queryset(self):
        stored = self._stored_list()
        if stored is not None:
            # The same rows as the generic path below, in its default order (Wagtail's: the
            # page tree's), as the app's own list reads them.
            if not hasattr(self, "_stored_rows"):
                self._stored_rows = stored.visible().order_by("path")
            return self._stored_rows
        queryset = super().get_queryset()
        # What a list of its type fetches with it (portraits: town, areas, photo).
        return visibility.for_list(queryset)

    def paginate_queryset(self, queryset):
        stored = self._stored_list()
        if stored is None:
            return super().paginate_queryset(queryset)
        query = self.request.GET
        arguments = {name: query.get(name) for name in PORTRAIT_FILTERS}
        arguments["order"] = query.get("order") or "path"  # the key of the stored order

        def page(start, stop):
            return stored.page(queryset, start, stop, **arguments)

        return self.paginator.paginate_queryset(StoredPage(page), self.request, view=self)

    @classmethod
    def get_available_fields(cls, model, db_fields_only=False):
        fields = super().get_available_fields(model, db_fields_only)
        if db_fields_only:  # `town` filters by slug (PortraitFilter), not by database id
            fields = [name for name in fields if name not in PORTRAIT_FILTERS]
        return fields


class PublicImageDownloadUrlField(ImageDownloadUrlField):
    """`meta.download_url` of /api/v2/images/: the image's public address (media.models
    `Image.url`), never a signed address of a private original (media on S3)."""

    def to_representation(self, image):
        return image.url


class PublicImageSerializer(ImageSerializer):
    download_url = PublicImageDownloadUrlField(read_only=True)


class ImagesEndpoint(PolicyMixin, ImagesAPIViewSet):
    base_serializer_class = PublicImageSerializer
    filter_backends = [FieldsFilter, OrderingFilter, PolicySearchFilter]

    def get_queryset(self):
        return visibility.images().order_by("id")


def snippet_endpoint(model):
    """A read-only endpoint of the visible snippets of one model; the snippets app registers
    its own (snippets/rest.py, imported by cms/rest/urls.py)."""

    class SnippetEndpoint(PolicyMixin, BaseAPIViewSet):
        filter_backends = [FieldsFilter, OrderingFilter, PolicySearchFilter]
        body_fields = [*BaseAPIViewSet.body_fields, *(field.name for field in model.api_fields)]
        listing_default_fields = [*BaseAPIViewSet.listing_default_fields, "name"]

        def get_queryset(self):
            return visibility.snippets(self.model).order_by("name", "id")

    SnippetEndpoint.model = model
    SnippetEndpoint.__name__ = f"{model.__name__}Endpoint"
    return SnippetEndpoint


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesEndpoint)
api_router.register_endpoint("images", ImagesEndpoint)
