"""Visible pages: live, public, not expired, every page above them live too, and whatever each
app's own rules add (`rules.hide_pages`, e.g. pages/visibility.py: consent, a live town)."""

from functools import reduce
from operator import or_

from django.db.models import Q
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from .request import in_content_language, request_lookups
from .rules import registry


def not_expired_q():
    return Q(expire_at__isnull=True) | Q(expire_at__gt=timezone.now())


# Pages that may hide what is below them: with children, and not live or with an expiry date.
# The predicate of the partial index pages_hides_subtree_idx (pages/migrations/0007), which
# makes their lookup read a handful of index entries instead of the page table.
MAY_HIDE_SUBTREE = Q(numchild__gt=0) & (Q(live=False) | Q(expire_at__isnull=False))


def _hidden_subtrees():
    """Paths of the pages that hide everything below them, whatever its own state: a page
    under a view restriction (Wagtail's `private_q`), and a page that is not live (unpublished,
    a draft, scheduled) or has expired, with pages below it. A page is visible only if every
    page above it up to the site root is live too: taking a town's section offline takes its
    portraits offline, though Wagtail leaves them live. The pages that hide a subtree are few
    (restrictions, offline pages with children): one statement finds them, and a subtree below
    another one is left out (its prefix is covered already)."""
    offline = Page.objects.filter(MAY_HIDE_SUBTREE, depth__gt=1).filter(
        Q(live=False) | Q(expire_at__lte=timezone.now())
    )
    restricted = Page.objects.filter(pk__in=PageViewRestriction.objects.values("page_id"))
    paths = (
        offline.order_by()
        .values_list("path", flat=True)
        .union(restricted.order_by().values_list("path", flat=True))
    )
    roots = []
    for path in sorted(paths):
        if not roots or not path.startswith(roots[-1]):
            roots.append(path)
    return roots


def _hidden_subtrees_q():
    """Pages in a subtree that `_hidden_subtrees()` hides, by path prefix (treebeard's `path`):
    looked up once per request inside `one_request()`, one statement, whatever the number of
    pages a request lists."""
    lookups = request_lookups()
    if lookups is not None and "_hidden_subtrees_q" in lookups:
        return lookups["_hidden_subtrees_q"]
    paths = _hidden_subtrees()
    # No page hides a subtree: a condition that matches nothing.
    q = reduce(or_, (Q(path__startswith=path) for path in paths)) if paths else Q(pk__in=[])
    if lookups is not None:
        lookups["_hidden_subtrees_q"] = q
    return q


def _visible_pages(qs):
    qs = (
        qs.live()
        .exclude(_hidden_subtrees_q())  # `.public()`, and every ancestor live
        .filter(depth__gt=1)
        .filter(not_expired_q())
    )
    for hidden in registry.hidden_pages:  # the apps' own rules (consent, a live town, ...)
        qs = qs.exclude(pk__in=hidden())
    return qs


def pages(qs=None, any_language=False):
    """Visible pages of any type (generic `page`, `pages`, `children`, `search`, …), in the
    request's content language unless `any_language` (events about one page, translations)."""
    qs = _visible_pages(Page.objects.all() if qs is None else qs)
    if any_language:
        return qs
    return in_content_language(qs, lambda: _visible_pages(Page.objects.all()))


def pages_of_type(qs, rule_q):
    """Visible pages of one type, for the app that defines it: their page state as for every
    page (live, public, not expired, every page above live), and the type's own rule `rule_q`
    (a Q on that type, e.g. valid consent) instead of the ids `rules.hide_pages` excludes. In
    any language: the caller picks its language (`in_content_language`)."""
    return (
        qs.live()
        .exclude(_hidden_subtrees_q())  # `.public()`, and every ancestor live
        .filter(not_expired_q())
        .filter(rule_q)
    )


def page_or_none(page):
    """A single page (parent, chooser block, foreign key) if visible, else None."""
    if page is None or not getattr(page, "pk", None):
        return None
    return pages(Page.objects.filter(pk=page.pk)).specific().first()


def previewable_pages():
    """Pages a preview token may show as a draft: any, but those an app's rule ends every
    preview of (a withdrawn consent, pages/visibility.py)."""
    qs = Page.objects.all()
    for ended in registry.ended_previews:
        qs = qs.exclude(pk__in=ended())
    return qs


class UnknownArgument(ValueError):
    """A filter argument the client got wrong; `message` lists what is allowed."""

    def __init__(self, message, argument):
        super().__init__(message)
        self.message, self.argument = message, argument


def filterable(model):
    """Whether lists of `model` take filter arguments (`filter_list`)."""
    return model in registry.list_filters


def filter_list(qs, **arguments):
    """A list filtered by the client's arguments, by the filter its model's app registered
    (GraphQL and REST alike). Raises `UnknownArgument` for an unknown value, LookupError for a
    model without filters (`filterable`)."""
    return registry.list_filters[qs.model](qs, **arguments)


def for_list(qs, renditions=()):
    """A list with what it shows fetched with it, as its model's app registered (else as is)."""
    relations = registry.list_relations.get(qs.model)
    return qs if relations is None else relations(qs, renditions)


def stored_list(model):
    """How lists of `model` are read from their stored order (rules.StoredList, registered by
    its app), or None: then a list counts and pages its queryset."""
    return registry.stored_lists.get(model)
