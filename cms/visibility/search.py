"""The policy's search and grapple's list arguments on visible querysets: the search backend
finds matches, the policy's queryset decides what is visible, intersected in SQL."""

import re

from django.conf import settings
from django.db.models import Case, IntegerField, When
from grapple.utils import resolve_queryset
from wagtail.search.backends import get_search_backend


def resolve_list(visible_qs, info, **kwargs):
    """grapple's list arguments (limit, offset, order, id, inMenu, searchQuery) on a visible
    queryset. The search runs through `search_filter()` below, so it never meets an unindexed
    filter, and the visibility filter stays in SQL."""
    search_query = kwargs.pop("search_query", None)
    kwargs.pop("search_operator", None)
    if search_query:
        visible_qs = search_filter(visible_qs, search_query)
    return resolve_queryset(visible_qs, info, **kwargs)


def plain_search_terms(query):
    """Words only: quotes, brackets, operators and control characters mean syntax to some
    search backends (SQLite FTS5) and must not reach them from a client."""
    return " ".join(re.sub(r"[^\w\s-]", " ", query or "").split())[:200]


def _matches(model, query):
    """The search backend's matches for `query` among all objects of `model`, best first, as a
    queryset of `model` (None when the query has no words left).

    The backend filters only on indexed fields (index.FilterField), and the policy's filters
    (expressions over consent, related towns, view restrictions) are not, so the backend
    searches the whole table and the caller intersects with the policy's queryset in SQL:
    one statement, no hit cap, no objects loaded to find ids. Wagtail's database backends
    (PostgreSQL full-text search, SQLite FTS5, the fallback) return a queryset; any other
    backend gives its hits, capped at GRAPHQL_MAX_SEARCH_HITS."""
    query = plain_search_terms(query)
    if not query:
        return None
    results = get_search_backend().search(query, model.objects.all())
    if hasattr(results, "get_queryset"):
        return results.get_queryset()
    ranked = [hit.pk for hit in results[: settings.GRAPHQL_MAX_SEARCH_HITS]]
    order = Case(*(When(pk=pk, then=i) for i, pk in enumerate(ranked)), output_field=IntegerField())
    return model.objects.filter(pk__in=ranked).order_by(order)


def matches(model, query):
    """Every object of `model` that matches `query`, visible or not, unordered (None when the
    query has no words left): for a caller that intersects them with a visible list whose
    order it already knows (pages/list_search.py). Only the search index is read: no
    visibility join runs once per match, or once per visible row."""
    found = _matches(model, query)
    return None if found is None else found.order_by()


def search_filter(visible_qs, query):
    """The visible objects that match `query`, in the queryset's own order: a filter in SQL,
    so a list counts and pages its matches in the database (`pagination.total` is the true
    number of visible matches)."""
    matches = _matches(visible_qs.model, query)
    if matches is None:
        return visible_qs.none()
    return visible_qs.filter(pk__in=matches.order_by().values("pk"))


def ranked_search(visible_qs, query):
    """The visible objects that match `query`, best first, as a queryset of the model (count
    and slices in SQL). It keeps the visible queryset's rows, not its ordering or prefetching."""
    matches = _matches(visible_qs.model, query)
    if matches is None:
        return visible_qs.none()
    return matches.filter(pk__in=visible_qs.order_by().values("pk"))


def search(visible_qs, query, limit=50):
    """The best `limit` visible hits, best first, as objects of the visible queryset (its
    `specific()`, select_related and prefetching apply): one statement for the ranked ids, one
    for the objects."""
    ids = list(ranked_search(visible_qs, query).values_list("pk", flat=True)[:limit])
    if not ids:
        return []
    found = {obj.pk: obj for obj in visible_qs.filter(pk__in=ids)}
    return [found[pk] for pk in ids if pk in found]
