"""The one visibility policy of the public API (see docs/api.md, "What the API shows").

A client sees a page only if it and every page above it are live, it is public, not expired
and, for portraits, has valid consent; a town's section only if its town is live. A snippet with a
draft state is seen only if live. An image or document is seen only if visible content uses it
or it sits in a public collection. Every resolver, root field, nested field, chooser block and
search path asks one of the functions below.
"""

import contextvars
import re
from contextlib import contextmanager
from functools import reduce
from operator import or_

from django.apps import apps
from django.conf import settings
from django.db.models import Case, Exists, IntegerField, OuterRef, Prefetch, Q, When
from django.utils import timezone
from django.utils.translation import gettext
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import DraftStateMixin, Page, TranslatableMixin


def not_expired_q():
    return Q(expire_at__isnull=True) | Q(expire_at__gt=timezone.now())


def default_content_language():
    return get_supported_content_language_variant(settings.LANGUAGE_CODE)


def _content_language():
    """The request's content language and whether it falls back to the default one: what
    its GraphQL root field asked for (`locale`, `fallback`; cms/graphql/locales.py, inside
    `one_request()`), else the default content language (German)."""
    lookups = _request_lookups.get() or {}
    return lookups.get("content_language") or default_content_language(), lookups.get("fallback")


def in_content_language(qs, visible_in_any_language):
    """`qs` in the request's content language. A German list never shows an English page or
    area, and the other way round; with `fallback`, a list in another language also holds the
    German version of what has no visible translation in it (each item's `locale` says so).
    `visible_in_any_language()` gives the visible objects of the same kind in every language:
    a draft translation does not count as a translation."""
    code, fallback = _content_language()
    own = Q(locale__language_code=code)
    default = default_content_language()
    if not fallback or code == default:
        return qs.filter(own)
    translated = visible_in_any_language().filter(own).values("translation_key")
    return qs.filter(own | (Q(locale__language_code=default) & ~Q(translation_key__in=translated)))


def use_content_language(code, fallback=False):
    """The content language of what the request looks up next (inside `one_request()`)."""
    lookups = _request_lookups.get()
    if lookups is not None:
        lookups["content_language"] = code
        lookups["fallback"] = bool(fallback)


def _portrait_model():
    return apps.get_model("pages", "PortraitPage")


def _german_sources():
    return _portrait_model().objects.filter(locale__language_code=default_content_language())


def consent_lost_keys():
    """Translation keys of portraits whose German source has no valid consent. Consent belongs
    to the person, not to a language: a translation is shown only while its source's consent
    holds, whatever its own (synchronised) consent fields say."""
    return _german_sources().exclude(_portrait_model().VALID_CONSENT).values("translation_key")


def consent_withdrawn_keys():
    """Translation keys of portraits whose German source's consent was withdrawn."""
    return _german_sources().filter(_portrait_model().CONSENT_WITHDRAWN).values("translation_key")


def withdrawn_portraits_q():
    """Portraits whose withdrawal is in force: their own, or their German source's (consent
    belongs to the person, not to a language)."""
    portrait = _portrait_model()
    return Q(portrait.CONSENT_WITHDRAWN) | Q(translation_key__in=consent_withdrawn_keys())


def _portrait_rule_q(check_source=True):
    """What a portrait needs beyond its page state: valid consent (the consent rule,
    pages/consent_rule.py), its German source's too (`check_source`: a German portrait is its
    own source), and a live town."""
    q = _portrait_model().VALID_CONSENT & Q(town__live=True)
    if check_source:
        q &= ~Q(translation_key__in=consent_lost_keys())
    return q


def hidden_portrait_ids():
    """Portraits that must stay hidden whatever their page state: no valid consent (their own
    or their German source's), or their town is not live."""
    return _portrait_model().objects.exclude(_portrait_rule_q()).values("pk")


def hidden_section_ids():
    """Town sections that must stay hidden whatever their page state: their town is not live."""
    section = apps.get_model("pages", "TownSectionPage")
    return section.objects.filter(town__live=False).values("pk")


# Lookups kept for one request where no GraphQL `info` carries the request (REST serializers).
_request_lookups = contextvars.ContextVar("visibility_request_lookups", default=None)


@contextmanager
def one_request():
    """The block answers one request: lookups the policy makes per request (the withdrawn
    photos) are made once in it, not once per object. The REST views run in it; GraphQL keeps
    them on the request its resolvers get in `info`."""
    token = _request_lookups.set({})
    try:
        yield
    finally:
        _request_lookups.reset(token)


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
    from wagtail.models import PageViewRestriction

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
    lookups = _request_lookups.get()
    if lookups is not None and "_hidden_subtrees_q" in lookups:
        return lookups["_hidden_subtrees_q"]
    paths = _hidden_subtrees()
    # No page hides a subtree: a condition that matches nothing.
    q = reduce(or_, (Q(path__startswith=path) for path in paths)) if paths else Q(pk__in=[])
    if lookups is not None:
        lookups["_hidden_subtrees_q"] = q
    return q


def _visible_pages(qs):
    return (
        qs.live()
        .exclude(_hidden_subtrees_q())  # `.public()`, and every ancestor live
        .filter(depth__gt=1)
        .filter(not_expired_q())
        .exclude(pk__in=hidden_portrait_ids())
        .exclude(pk__in=hidden_section_ids())
    )


def pages(qs=None, any_language=False):
    """Visible pages of any type (generic `page`, `pages`, `children`, `search`, …), in the
    request's content language unless `any_language` (events about one page, translations)."""
    qs = _visible_pages(Page.objects.all() if qs is None else qs)
    if any_language:
        return qs
    return in_content_language(qs, lambda: _visible_pages(Page.objects.all()))


def with_list_relations(portrait_qs, renditions=()):
    """Portraits ready for a list: town, areas and the photo fetched with them, and of the
    photo's renditions those with the filter specs `renditions` (a photo has one per allowed
    size and format: not all of them), in a constant number of statements whatever the
    list's length."""
    qs = portrait_qs.select_related("locale", "town", "town__contact", "photo")
    qs = qs.prefetch_related("areas")
    if renditions:
        rendition_model = get_image_model().get_rendition_model()
        only = rendition_model.objects.filter(filter_spec__in=list(renditions))
        qs = qs.prefetch_related(Prefetch("photo__renditions", queryset=only))
    return qs


def _visible_portraits(qs, any_language=False):
    # A German portrait is its own source: a German list needs no second look at consent.
    check_source = any_language or _content_language()[0] != default_content_language()
    return (
        qs.live()
        .exclude(_hidden_subtrees_q())  # `.public()`, and every ancestor live
        .filter(not_expired_q())
        .filter(_portrait_rule_q(check_source))
    )


def portraits(qs=None, renditions=()):
    """Visible portraits in the request's content language, ready for a list
    (`with_list_relations`)."""
    portrait = _portrait_model()
    qs = _visible_portraits(portrait.objects.all() if qs is None else qs)
    qs = in_content_language(qs, lambda: _visible_portraits(portrait.objects.all()))
    return with_list_relations(qs, renditions)


def previewable_pages():
    """Pages a preview token may show as a draft: any, but a withdrawn consent ends every
    preview of its portrait."""
    withdrawn = _portrait_model().objects.filter(withdrawn_portraits_q())
    return Page.objects.exclude(pk__in=withdrawn.values("pk"))


class UnknownArgument(ValueError):
    """A filter argument the client got wrong; `message` lists what is allowed."""

    def __init__(self, message, argument):
        super().__init__(message)
        self.message, self.argument = message, argument


def _live_by_slug(model_label, slug, argument, unknown):
    model = apps.get_model(model_label)
    visible = snippets(model).order_by("slug")
    found = visible.filter(slug=slug).first()
    if found is None:
        allowed = ", ".join(visible.values_list("slug", flat=True))
        raise UnknownArgument(unknown % {"allowed": allowed}, argument)
    return found


def _versions_of(found):
    """What a filter by the snippet `found` matches. In the default language the snippet itself
    (the list holds German portraits, which point to German towns and areas). In another
    language every version of it: the list's translations point to the translated town or
    area, and with `fallback` its German stand-ins to the German one (a German stand-in
    belongs to the German town whose translation the filter names)."""
    if _content_language()[0] == default_content_language():
        return [found.pk]
    return type(found).objects.filter(translation_key=found.translation_key).values("pk")


def filter_portraits(qs, town=None, area=None, kind=None):
    """Portraits of a live town, in a live area, of a kind (GraphQL and REST alike), in the
    request's content language, German stand-ins included with `fallback` (`_versions_of`). An
    unknown slug, or a draft's, raises `UnknownArgument` listing the live ones: a typo must not
    look like "no portraits". Each filter keeps one row per portrait (no join that multiplies
    rows), so lists need no DISTINCT."""
    if town:
        found = _live_by_slug(
            "snippets.PartnerCity",
            town,
            "town",
            gettext("Unbekannte Partnerstadt. Erlaubt: %(allowed)s."),
        )
        qs = qs.filter(town__in=_versions_of(found))
    if area:
        found = _live_by_slug(
            "snippets.EngagementArea",
            area,
            "area",
            gettext("Unbekannter Engagementbereich. Erlaubt: %(allowed)s."),
        )
        # A semi-join (EXISTS), not a join: one row per portrait, so no DISTINCT is needed.
        through = _portrait_model().areas.through
        qs = qs.filter(
            Exists(
                through.objects.filter(
                    portraitpage=OuterRef("pk"), engagementarea__in=_versions_of(found)
                )
            )
        )
    if kind is not None:
        if kind not in _portrait_model().Kind.values:
            raise UnknownArgument(gettext("kind ist „person“ oder „initiative“."), "kind")
        qs = qs.filter(kind=kind)
    return qs


def page_or_none(page):
    """A single page (parent, chooser block, foreign key) if visible, else None."""
    if page is None or not getattr(page, "pk", None):
        return None
    return pages(Page.objects.filter(pk=page.pk)).specific().first()


def is_snippet_visible(obj):
    return obj is not None and (not isinstance(obj, DraftStateMixin) or obj.live)


def snippet_or_none(obj):
    return obj if is_snippet_visible(obj) else None


def live_snippets(objects):
    """Filter an iterable (often a prefetched relation) of snippets in memory."""
    return [obj for obj in objects if is_snippet_visible(obj)]


def snippets(model, any_language=False):
    """Visible snippets of a model, in the request's content language unless `any_language`."""
    qs = model.objects.all()
    if issubclass(model, DraftStateMixin):
        qs = qs.filter(live=True)
    if issubclass(model, TranslatableMixin) and not any_language:
        qs = in_content_language(qs, lambda: snippets(model, any_language=True))
    return qs


def _public_collection_q():
    return Q(
        collection__name__in=settings.PUBLIC_MEDIA_COLLECTIONS,
        collection__view_restrictions__isnull=True,
    )


def _not_withdrawn_q():
    """Images not showing a photo whose portrait's consent was withdrawn (its own or its German
    source's), nor another record of the same file: the withdrawal marks them on the image rows
    in its own transaction (pages/consent.py, `refresh_photo_withdrawal`), so reading them
    never scans the portraits."""
    return Q(consent_withdrawn_at__isnull=True)


def withdrawn_photo_ids():
    """Images showing a photo whose portrait's consent was withdrawn: the photo itself and
    every other record of the same file (same `file_hash`), wherever it is used. The few
    marked rows, through their partial index (`image_withdrawn_idx`)."""
    return get_image_model().objects.filter(consent_withdrawn_at__isnull=False).values("pk")


def images(qs=None):
    """Images in a public collection or used by visible content; never the photo of a portrait
    whose consent was withdrawn."""
    image_model = get_image_model()
    qs = image_model.objects.all() if qs is None else qs
    organisation = apps.get_model("snippets", "Organisation")
    shown = _visible_portraits(_portrait_model().objects.all(), any_language=True)
    used = Q(pk__in=shown.filter(photo__isnull=False).values("photo_id")) | Q(
        pk__in=organisation.objects.filter(live=True, logo__isnull=False).values("logo_id")
    )
    return qs.filter(_public_collection_q() | used).filter(_not_withdrawn_q())


def used_images(qs=None):
    """Images that visible content may show where it uses them (rich text, chooser blocks):
    any, but never the photo of a portrait whose consent was withdrawn."""
    qs = get_image_model().objects.all() if qs is None else qs
    return qs.filter(_not_withdrawn_q())


def used_image(image, info=None):
    """An image that visible content uses (a portrait's photo, an organisation's logo, a
    chooser block): shown, unless it shows the photo of a portrait whose consent was withdrawn
    (`used_images` for one image). With `info`, or inside `one_request()`, the withdrawn photos
    are looked up once per request, not once per image."""
    if image is None or not getattr(image, "pk", None):
        return None
    request = getattr(info, "context", None)
    lookups = vars(request) if request is not None else _request_lookups.get()
    withdrawn = lookups.get("_withdrawn_photo_ids") if lookups is not None else None
    if withdrawn is None:
        withdrawn = set(withdrawn_photo_ids().values_list("pk", flat=True))
        if lookups is not None:
            lookups["_withdrawn_photo_ids"] = withdrawn
    return None if image.pk in withdrawn else image


def image_or_none(image, in_visible_content=False, info=None):
    """An image reached through a field or block. Content that is itself visible may show the
    images it uses (`in_visible_content`: see `used_image`)."""
    if in_visible_content:
        return used_image(image, info)
    if image is None or not getattr(image, "pk", None):
        return None
    image_model = get_image_model()
    return image if images(image_model.objects.filter(pk=image.pk)).exists() else None


def documents(qs=None):
    document_model = get_document_model()
    qs = document_model.objects.all() if qs is None else qs
    return qs.filter(_public_collection_q())


def document_or_none(document):
    """A document reached through a block or link, if visible."""
    if document is None or not getattr(document, "pk", None):
        return None
    return documents(get_document_model().objects.filter(pk=document.pk)).first()


def tags():
    """Tags of visible images and documents only (a tag can carry a person's name)."""
    from taggit.models import Tag

    return Tag.objects.filter(
        Q(pk__in=images().filter(tags__isnull=False).values("tags"))
        | Q(pk__in=documents().filter(tags__isnull=False).values("tags"))
    )


def resolve_list(visible_qs, info, **kwargs):
    """grapple's list arguments (limit, offset, order, id, inMenu, searchQuery) on a visible
    queryset. The search runs through `search_filter()` below, so it never meets an unindexed
    filter, and the visibility filter stays in SQL."""
    from grapple.utils import resolve_queryset

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
    from wagtail.search.backends import get_search_backend

    query = plain_search_terms(query)
    if not query:
        return None
    results = get_search_backend().search(query, model.objects.all())
    if hasattr(results, "get_queryset"):
        return results.get_queryset()
    ranked = [hit.pk for hit in results[: settings.GRAPHQL_MAX_SEARCH_HITS]]
    order = Case(*(When(pk=pk, then=i) for i, pk in enumerate(ranked)), output_field=IntegerField())
    return model.objects.filter(pk__in=ranked).order_by(order)


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
