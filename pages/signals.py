"""Reactions of the pages app to content changes (cms/events.py)."""

from django.dispatch import receiver

from cms.events import content_changed


@receiver(content_changed)
def keep_portrait_town_in_step(sender, instance, action, **kwargs):
    """A portrait moved to another town's section belongs to that town. Runs inside the
    change's transaction, so readers never see the new place with the old town."""
    from .models import PortraitPage

    if action != "updated" or not isinstance(instance, PortraitPage):
        return
    town = instance.town_from_parent()
    if town is not None and town.pk != instance.town_id:
        PortraitPage.objects.filter(pk=instance.pk).update(town=town)
        instance.town = town
