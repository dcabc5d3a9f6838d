"""The admin's own preview of a page: the CMS is headless, so the partner websites design the
real page; editors still get a plain rendering of every content field, in panel order."""

from django.db import models
from django.utils.html import escape, format_html, linebreaks
from django.utils.safestring import mark_safe
from wagtail.fields import RichTextField, StreamField
from wagtail.images.models import AbstractImage
from wagtail.rich_text import RichText


def _field_names(panels):
    for panel in panels:
        if getattr(panel, "field_name", None):
            yield panel.field_name
        yield from _field_names(getattr(panel, "children", ()))


class PreviewMixin:
    """Mixed into every page model; not a model of its own, so no migration changes."""

    def get_template(self, request, *args, **kwargs):
        return "pages/preview.html"

    def preview_parts(self):
        """(label, html) for each content field that has a value."""
        parts = []
        for name in _field_names(self.content_panels):
            if name == "title":
                continue
            field = self._meta.get_field(name)
            value = getattr(self, name)
            if value in (None, "") or (isinstance(field, models.ManyToManyField) and not value):
                continue
            parts.append((field.verbose_name, self._preview_html(field, value)))
        return parts

    @staticmethod
    def _preview_html(field, value):
        if isinstance(field, RichTextField):
            return str(RichText(value))
        if isinstance(field, StreamField):
            return value.render_as_block()
        if isinstance(field, models.ManyToManyField):
            return escape(", ".join(str(item) for item in value.all()))
        if isinstance(value, AbstractImage):
            rendition = value.get_rendition("max-800x800")
            return format_html('<img src="{}" alt="{}">', rendition.url, value.default_alt_text)
        if isinstance(field, models.ForeignKey):
            return escape(str(value))
        if field.choices:
            return escape(dict(field.flatchoices).get(value, value))
        return mark_safe(linebreaks(escape(str(value))))  # noqa: S308 (escaped just before)
