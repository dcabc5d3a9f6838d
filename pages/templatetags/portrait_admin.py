"""What the admin tells an editor about portraits before an action changes what clients see."""

from django import template

from cms import visibility
from pages.models import PortraitPage

register = template.Library()


@register.simple_tag
def portraits_shown_below(page):
    """How many portraits below `page` clients see now, in any language: those that unpublishing
    `page` takes out of the API and off the partner sites (a page is visible only if every page
    above it is live), though Wagtail leaves them published."""
    below = PortraitPage.objects.descendant_of(page)
    return visibility.pages(below, any_language=True).count()
