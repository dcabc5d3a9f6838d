"""What our translation editor adds to wagtail-localize's page (editorial/translation_editor.py,
pages/leichte_sprache_live.py): the submit button, the live Leichte-Sprache hints, the PO file
tools hidden from those who may not publish."""

from django import template
from django.conf import settings
from django.urls import reverse
from wagtail.models import Page

from editorial.translation_editor import SUBMIT, approval_status, submit_label
from editorial.translation_permissions import may_publish
from pages.leichte_sprache_live import CHECK_URL_NAME

register = template.Library()


@register.inclusion_tag("editorial/translation_editor_extras.html", takes_context=True)
def translation_editor_extras(context):
    user = context["request"].user
    instance = context["instance"]
    publisher = may_publish(user, instance)
    label = status = None
    if isinstance(instance, Page):
        label = submit_label(instance.specific, user)
        status = None if label or publisher else approval_status(instance.specific)
    leichte_sprache = context["target_locale"].language_code == settings.LEICHTE_SPRACHE
    return {
        "submit_label": label,
        "submit_action": SUBMIT,
        "submit_is_main": label is not None and not publisher,
        "approval_status": status,
        "hide_po_files": not publisher,
        "check_url": reverse(CHECK_URL_NAME) if leichte_sprache else None,
    }
