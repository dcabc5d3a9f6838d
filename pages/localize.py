"""wagtail-localize, as the apps ask it."""

from wagtail_localize.models import Translation


def synced_translation(page):
    """The wagtail-localize translation that `page` is the target of, while it is synced (its
    translation editor opens instead of Wagtail's); None for a source, or after "Synchronisierung
    beenden"."""
    return (
        Translation.objects.filter(
            source__object_id=page.translation_key, target_locale_id=page.locale_id, enabled=True
        )
        .select_related("source", "target_locale")
        .first()
    )
