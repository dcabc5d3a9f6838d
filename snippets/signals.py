"""A live translation of a snippet stays live when wagtail-localize syncs it again.

With WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE off (cms/settings/base.py), wagtail-localize
saves every update of a snippet translation with `live = False` and a new revision. That
happens whenever an editor translates a page that uses the snippet (a portrait's town and
areas are translated along with it): the English town went offline, and with it every English
portrait of the town. A page in the same situation stays live with a new draft revision; this
makes snippets behave the same: the update waits as a draft, to be published on its own.

Wagtail's own unpublish also saves `live = False`, but clears `live_revision`: that save is
left alone.
"""

from django.db.models.signals import pre_save
from wagtail.models import DraftStateMixin, TranslatableMixin


def keep_live_translation_live(sender, instance, update_fields=None, raw=False, **kwargs):
    if raw or update_fields is not None or instance.pk is None:
        return
    if not isinstance(instance, DraftStateMixin) or not isinstance(instance, TranslatableMixin):
        return
    if instance.live or instance.live_revision_id is None:
        return
    if type(instance)._default_manager.filter(pk=instance.pk, live=True).exists():
        instance.live = True


def connect(*models):
    for model in models:
        pre_save.connect(
            keep_live_translation_live, sender=model, dispatch_uid=f"keep-live-{model}"
        )
