"""German names where Wagtail's admin shows Django's internal ones."""

from django import template
from django.apps import apps
from django.utils.translation import gettext_lazy as _

register = template.Library()

# Wagtail's own page type ("Seite") comes from its core, whose German name says "Wagtail Kern".
APP_NAMES = {"wagtailcore": _("Allgemein")}


@register.filter
def app_name(app_label):
    """An app's verbose_name ("Seiten") for its label ("pages")."""
    if app_label in APP_NAMES:
        return APP_NAMES[app_label]
    try:
        return apps.get_app_config(app_label).verbose_name
    except LookupError:
        return app_label
