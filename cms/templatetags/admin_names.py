"""German names where Wagtail's admin shows Django's internal ones."""

from django import template
from django.apps import apps

register = template.Library()


@register.filter
def app_name(app_label):
    """An app's verbose_name ("Seiten") for its label ("pages")."""
    try:
        return apps.get_app_config(app_label).verbose_name
    except LookupError:
        return app_label
