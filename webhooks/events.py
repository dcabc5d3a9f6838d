"""From `content_changed` to deliveries: which changes partners hear of, and what they are told.

Pages and snippets only (not images, documents, sites, redirects: partners read those through
the content that uses them). The type is "<model>.<action>" with the model's name in lower case
("portraitpage.published", "partnercity.updated"). "consent_withdrawn" sends nothing of its own:
the withdrawal's unpublish has already sent "unpublished", which does not say why. A page or
snippet deleted while public is "unpublished"; a "published" or "updated" for something the API
does not show (a page in a draft town's section, a draft moved, a page behind a restriction) is
not sent.

The payload is built in the change's transaction (the object is at hand), the deliveries are
made and queued after the commit (nothing for a change rolled back).
"""

import json
import logging

from django.db import transaction
from django.utils import timezone
from wagtail.models import Page
from wagtail.snippets.models import get_snippet_models

from cms import visibility

from .models import ACTIONS, Delivery, Endpoint

logger = logging.getLogger(__name__)


def _town_slug(instance):
    town = getattr(instance, "town", None)
    if town is not None:
        return town.slug
    if type(instance).__name__ == "PartnerCity":
        return instance.slug
    return None


def _still_exists(instance):
    return type(instance)._default_manager.filter(pk=instance.pk).exists()


def _action_for_clients(instance, action):
    """The action partners are told, or None when the change is none of theirs."""
    if action not in ACTIONS:
        return None
    if not _still_exists(instance):  # deleted
        return "unpublished"
    if action == "unpublished":
        return action
    if isinstance(instance, Page):  # published or updated: only what the API shows
        visible = visibility.pages(Page.objects.filter(pk=instance.pk), any_language=True).exists()
    else:
        visible = visibility.is_snippet_visible(instance)
    return action if visible else None


def _locale_code(instance):
    locale = getattr(instance, "locale", None)
    return locale.language_code if locale is not None else None


def payload(instance, action, timestamp=None):
    """What partners are told: which object (in which language, at which address), not what it
    says. `locale` is the argument a refetch needs (`portrait(id:, locale:)`), `url` the GraphQL
    field `url` (the public address, "/en/…" for English; pages only)."""
    is_page = isinstance(instance, Page)
    return {
        "type": f"{instance._meta.model_name}.{action}",
        "timestamp": (timestamp or timezone.now()).isoformat(),
        "data": {
            "id": str(instance.pk),
            "slug": getattr(instance, "slug", None),
            "urlPath": instance.url_path if is_page else None,
            "town": _town_slug(instance),
            "locale": _locale_code(instance),
            "url": instance.url if is_page else None,
        },
    }


def encode(body):
    return json.dumps(body, ensure_ascii=False, separators=(",", ":"))


def is_partner_content(sender, instance):
    return instance is not None and (
        isinstance(instance, Page) or type(instance) in set(get_snippet_models())
    )


def on_content_changed(sender, instance=None, action=None, **kwargs):
    if not is_partner_content(sender, instance):
        return
    told = _action_for_clients(instance, action)
    if told is None:
        return
    body = encode(payload(instance, told))
    transaction.on_commit(lambda: queue(told, body))


def queue(action, body, endpoints=None):
    """Make one delivery per active endpoint that wants `action`, and queue each."""
    from .tasks import deliver

    event_type = json.loads(body)["type"]
    if endpoints is None:
        endpoints = Endpoint.objects.filter(active=True)
    made = []
    with transaction.atomic():
        for endpoint in endpoints:
            if endpoint.wants(action):
                delivery = Delivery.objects.create(
                    endpoint=endpoint, event_type=event_type, body=body
                )
                deliver.enqueue(delivery.pk)
                made.append(delivery)
    if made:
        logger.info("Webhook %s an %s Empfänger eingereiht", event_type, len(made))
    return made
