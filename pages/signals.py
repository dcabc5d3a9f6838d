"""Reactions of the pages app to content changes (cms/events.py)."""

from django.db.models.signals import pre_save
from django.dispatch import receiver
from wagtail.models import Page

from cms import visibility
from cms.events import content_changed, emit_for_pages
from snippets.models import PartnerCity

from .models import PortraitPage, TownSectionPage


@receiver(content_changed)
def keep_portrait_town_in_step(sender, instance, action, **kwargs):
    """A portrait moved to another town's section belongs to that town. Runs inside the
    change's transaction, so readers never see the new place with the old town."""
    if action != "updated" or not isinstance(instance, PortraitPage):
        return
    town = instance.town_from_parent()
    if town is not None and town.pk != instance.town_id:
        PortraitPage.objects.filter(pk=instance.pk).update(town=town)
        instance.town = town


@receiver(pre_save, sender=PartnerCity)
def remember_whether_the_town_was_live(sender, instance, **kwargs):
    instance._was_live = (
        instance.pk is not None and PartnerCity.objects.filter(pk=instance.pk, live=True).exists()
    )


@receiver(content_changed)
def announce_the_pages_a_town_hides_or_shows(sender, instance, action, **kwargs):
    """A town's pages are visible only while the town is live (the policy): its unpublishing
    unpublishes them for clients, its publishing again publishes them (cms/events.py)."""
    if not isinstance(instance, PartnerCity):
        return
    pages = Page.objects.none()
    for section in TownSectionPage.objects.filter(town=instance):
        pages |= Page.objects.descendant_of(section, inclusive=True)
    if action == "unpublished":
        emit_for_pages(pages.live(), "unpublished")
    elif action == "updated" and instance.live and not getattr(instance, "_was_live", True):
        emit_for_pages(visibility.pages(pages, any_language=True), "published")
