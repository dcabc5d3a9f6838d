"""StreamField and rich text under the visibility policy.

grapple resolves chooser blocks, `rawValue` and rich text without asking anyone: a page chooser
in a live programme could show a draft portrait, a rich-text link could reveal a hidden page's
address, an embedded image could bring back a withdrawn photo. Here each of those asks
`visibility` first. The rich-text handlers replace Wagtail's for every front-end rendering
(the admin editor uses its own converters and is not affected).
"""

import datetime
import decimal
import json

from django.db.models import Model
from wagtail import blocks
from wagtail.documents import get_document_model
from wagtail.documents.rich_text import DocumentLinkHandler
from wagtail.embeds.blocks import EmbedValue
from wagtail.images import get_image_model
from wagtail.images.rich_text import ImageEmbedHandler
from wagtail.models import Page
from wagtail.rich_text import RichText, expand_db_html
from wagtail.rich_text.pages import PageLinkHandler

from cms import visibility


def _ids(attrs_list):
    return [str(attrs.get("id", "")) for attrs in attrs_list]


def _by_id(queryset, ids):
    found = {str(obj.pk): obj for obj in queryset.filter(pk__in=[i for i in ids if i.isdigit()])}
    return [found.get(i) for i in ids]


class VisiblePageLinkHandler(PageLinkHandler):
    """A link to a hidden page renders as `<a>` without address, like a deleted page."""

    @classmethod
    def get_many(cls, attrs_list):
        qs = visibility.pages(Page.objects.all()).defer_streamfields().specific()
        return _by_id(qs, _ids(attrs_list))


class VisibleDocumentLinkHandler(DocumentLinkHandler):
    @classmethod
    def get_many(cls, attrs_list):
        return _by_id(visibility.documents(), _ids(attrs_list))


class VisibleImageEmbedHandler(ImageEmbedHandler):
    """Visible rich text may show the images it embeds, never a withdrawn portrait's photo."""

    @classmethod
    def get_many(cls, attrs_list):
        return _by_id(visibility.used_images(), _ids(attrs_list))


def register_rich_text_handlers(features):
    features.register_link_type(VisiblePageLinkHandler)
    features.register_link_type(VisibleDocumentLinkHandler)
    features.register_embed_type(VisibleImageEmbedHandler)


# --- chooser blocks --------------------------------------------------------------------------


def resolve_page_chooser(block, info, **kwargs):
    return visibility.page_or_none(block.value)


def resolve_image_chooser(block, info, **kwargs):
    return visibility.image_or_none(block.value, in_visible_content=True, info=info)


def resolve_document_chooser(block, info, **kwargs):
    return visibility.document_or_none(block.value)


def resolve_snippet_chooser(block, info, **kwargs):
    return visibility.snippet_or_none(block.value)


# --- rawValue ------------------------------------------------------------------------------------


def _visible_model(value):
    if isinstance(value, Page):
        return visibility.page_or_none(value)
    if isinstance(value, get_image_model()):
        return visibility.image_or_none(value, in_visible_content=True)
    if isinstance(value, get_document_model()):
        return visibility.document_or_none(value)
    return visibility.snippet_or_none(value)


def _safe(value):
    """A JSON-ready copy of a block value with hidden objects left out (None)."""
    if isinstance(value, EmbedValue):
        return value.url
    if isinstance(value, Model):
        visible = _visible_model(value)
        return visible.pk if visible is not None else None
    if isinstance(value, RichText):
        return expand_db_html(value.source)
    if isinstance(value, blocks.StreamValue):
        return [{"type": child.block_type, "value": _safe(child.value)} for child in value]
    if isinstance(value, (blocks.StructValue, dict)):
        return {key: _safe(child) for key, child in value.items()}
    if isinstance(value, (blocks.list_block.ListValue, list, tuple)):
        return [_safe(child) for child in value]
    if isinstance(value, (datetime.date, datetime.time, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    return value


def resolve_raw_value(block, info, **kwargs):
    """grapple's `rawValue` as JSON (scalars as text), with hidden objects as null. Rich text is
    rendered through the visible link handlers, so no hidden id or address appears."""
    value = block if isinstance(block, blocks.StructValue) else getattr(block, "value", block)
    safe = _safe(value)
    if safe is None:
        return ""
    if isinstance(safe, (dict, list)):
        return json.dumps(safe, ensure_ascii=False, default=str)
    return str(safe)
