"""Replacements for grapple's generic root fields, each asking the visibility policy.

Registered first in the Query's bases (see cms/wagtail_hooks.py) so that these resolvers win over
grapple's own, which filter by `live` only (or not at all).
"""

from django.contrib.contenttypes.models import ContentType
from grapple.registry import registry
from grapple.types.pages import get_site_filter
from grapple.types.redirects import RedirectsQuery
from grapple.utils import resolve_queryset
from wagtail.models import Page

from cms import visibility

from . import blocks
from .preview import page_from_token
from .renditions import resolve_src_set


def _apply_site_and_type_filters(qs, info, kwargs):
    site = get_site_filter(info, **kwargs)
    if site is not None:
        qs = qs.in_site(site)
    elif kwargs.get("site") is not None or kwargs.get("in_site"):
        return qs.none()
    content_type = kwargs.get("content_type")
    if content_type:
        ids = []
        for label in content_type.split(","):
            app_label, _, model = label.strip().lower().partition(".")
            ct = ContentType.objects.filter(app_label=app_label, model=model).first()
            if ct:
                ids.append(ct.pk)
        qs = qs.filter(content_type_id__in=ids)
    return qs


class VisibleRootQuery:
    """Resolvers only: the fields themselves (names, arguments) stay grapple's."""

    def resolve_pages(self, info, **kwargs):
        qs = Page.objects.all()
        if kwargs.get("parent") or kwargs.get("ancestor"):
            anchor = _page_or_none(kwargs.get("parent") or kwargs.get("ancestor"))
            if anchor is None:
                qs = Page.objects.none()
            elif kwargs.get("parent"):
                qs = anchor.get_children()
            else:
                qs = anchor.get_descendants()
        qs = _apply_site_and_type_filters(visibility.pages(qs), info, kwargs)
        for key in ("parent", "ancestor", "site", "in_site", "content_type"):
            kwargs.pop(key, None)
        return visibility.resolve_list(qs.specific(), info, **kwargs)

    def resolve_tags(self, info, **kwargs):
        return resolve_queryset(visibility.tags(), info, **kwargs)

    def resolve_tag(self, info, id=None, **kwargs):
        return visibility.tags().filter(pk=id).first() if str(id or "").isdigit() else None

    def resolve_page(self, info, **kwargs):
        qs = _apply_site_and_type_filters(visibility.pages(), info, kwargs)
        return single_page(qs, **kwargs)

    def resolve_search(self, info, query=None, **kwargs):
        if not query:
            return []
        results = visibility.search(visibility.pages().specific(), query)
        for snippet_model in registry.snippets:
            results += visibility.search(visibility.snippets(snippet_model), query)
        results += visibility.search(visibility.images(), query)
        results += visibility.search(visibility.documents(), query)
        return results

    def resolve_snippets(self, info, **kwargs):
        objects = []
        for snippet_model in registry.snippets:
            objects += list(visibility.snippets(snippet_model))
        return objects

    def resolve_images(self, info, **kwargs):
        qs = visibility.images().prefetch_related("renditions")
        return visibility.resolve_list(qs, info, **kwargs)

    def resolve_image(self, info, id=None, **kwargs):
        return visibility.images().filter(pk=_int_or_none(id)).first()

    def resolve_redirects(self, info, **kwargs):
        redirects = RedirectsQuery.resolve_redirects(self, info, **kwargs)
        targets = {r.redirect_page_id for r in redirects if r.redirect_page_id}
        visible = set(
            visibility.pages(Page.objects.filter(pk__in=targets)).values_list("pk", flat=True)
        )
        return [r for r in redirects if r.redirect_page_id is None or r.redirect_page_id in visible]

    def resolve_documents(self, info, **kwargs):
        return visibility.resolve_list(visibility.documents(), info, **kwargs)

    def resolve_document(self, info, id=None, **kwargs):
        return visibility.documents().filter(pk=_int_or_none(id)).first()


def single_page(qs, id=None, slug=None, url_path=None, token=None, **_ignored):
    """One visible page by id, slug or URL path; a preview token is the only way to a draft."""
    if token:
        return page_from_token(token)
    if id:
        qs = qs.filter(pk=_int_or_none(id))
    elif slug:
        qs = qs.filter(slug=slug)
    elif url_path:
        qs = qs.filter(url_path__endswith=url_path if url_path.endswith("/") else url_path + "/")
    else:
        return None
    return qs.specific().first()


def resolve_site_pages(site, info, **kwargs):
    qs = _apply_site_and_type_filters(
        visibility.pages(Page.objects.in_site(site)),
        info,
        {"content_type": kwargs.pop("content_type", None)},
    )
    return visibility.resolve_list(qs.specific(), info, **kwargs)


def resolve_site_page(site, info, **kwargs):
    qs = _apply_site_and_type_filters(
        visibility.pages(Page.objects.in_site(site)),
        info,
        {"content_type": kwargs.get("content_type")},
    )
    return single_page(qs, **kwargs)


def resolve_site_root_page(site, info, **kwargs):
    # grapple types rootPage as its plain `Page` type, which accepts only a non-specific page.
    return visibility.pages(Page.objects.filter(pk=site.root_page_id)).first()


# Resolvers of grapple's nested types that we replace in the built schema (cms/graphql/schema.py).
NESTED_RESOLVERS = {
    ("PageChooserBlock", "page"): blocks.resolve_page_chooser,
    ("ImageChooserBlock", "image"): blocks.resolve_image_chooser,
    ("DocumentChooserBlock", "document"): blocks.resolve_document_chooser,
    ("SnippetChooserBlock", "snippet"): blocks.resolve_snippet_chooser,
    ("SiteObjectType", "pages"): resolve_site_pages,
    ("SiteObjectType", "page"): resolve_site_page,
    ("SiteObjectType", "rootPage"): resolve_site_root_page,
    ("Image", "srcSet"): resolve_src_set,
}


def _int_or_none(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _page_or_none(page_id):
    """The anchor of `pages(parent:)` / `pages(ancestor:)`: a hidden page anchors nothing."""
    return visibility.pages(Page.objects.filter(pk=_int_or_none(page_id))).first()
