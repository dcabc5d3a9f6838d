from django.dispatch import receiver
from wagtail.signals import post_page_move


@receiver(post_page_move)
def keep_portrait_town_in_step(sender, instance, **kwargs):
    """A portrait moved to another town's section belongs to that town."""
    from .models import PortraitPage

    page = instance.specific
    if isinstance(page, PortraitPage):
        town = page.town_from_parent()
        if town is not None and town.pk != page.town_id:
            PortraitPage.objects.filter(pk=page.pk).update(town=town)
