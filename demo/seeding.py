"""Parts of `seed_demo`: publishing as an editor does, and the demo's translations made as
wagtail-localize makes them, with every text recorded as a translated segment (issue 20).

wagtail-localize keeps a translation's texts as segments beside the page and renders the page
from them on every publish through its translation editor; a translation whose fields were
written directly has no segments, and its next publish there replaced its English quote and
teaser with the German text. So every text written here is also recorded as the segment's
translation (`record_segments`), and a demo seeded before gets its segments on the next run.
"""

from wagtail_localize.models import StringTranslation, Translation
from wagtail_localize.operations import TranslationCreator, translate_object
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments

from demo import translations
from pages.models import PortraitPage
from towns.service import ensure_town_translation, publish

__all__ = ["SegmentsDoNotMatch", "TranslationSeeding", "publish", "record_segments"]


class SegmentsDoNotMatch(ValueError):
    """The translated object's texts are not laid out as its source's (another number of
    paragraphs in a rich text, say): they cannot be recorded one for one."""


def record_segments(source, target):
    """Each text of `target` (a translation of `source`, as saved) recorded as the translation
    of its source's segment, where none is recorded yet. Returns how many were recorded."""
    translation = Translation.objects.select_related("source").get(
        source__object_id=source.translation_key,
        source__locale_id=source.locale_id,
        target_locale_id=target.locale_id,
    )
    segments = list(
        translation.source.stringsegment_set.select_related("string", "context").order_by("order")
    )
    texts = [
        value
        for value in extract_segments(getattr(target, "specific", target))
        if isinstance(value, StringSegmentValue)
    ]
    if len(texts) != len(segments) or any(
        segment.context.path.split(".")[0] != value.path.split(".")[0]
        for segment, value in zip(segments, texts, strict=True)
    ):
        raise SegmentsDoNotMatch(f"{target}: {len(texts)} Texte für {len(segments)} Textstellen")
    recorded = 0
    for segment, value in zip(segments, texts, strict=True):
        _, created = StringTranslation.objects.get_or_create(
            translation_of=segment.string,
            locale_id=target.locale_id,
            context=segment.context,
            defaults={
                "data": value.string.data,
                "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
            },
        )
        recorded += created
    return recorded


class TranslationSeeding:
    """The translations part of the `seed_demo` command (a mixin of it)."""

    def seed_translations(self, locale):
        """The English or Leichte Sprache version of the areas, the home page, the campaign,
        its sections and two portraits (demo/translations.py), made as the admin's
        "Übersetzen" makes them (wagtail-localize: each page after its parent, the snippets it
        refers to with it), filled in and published. Existing translations stay as they are."""
        texts = translations.TEXTS[locale.language_code]
        for slug, (name, description) in texts["areas"].items():
            self.ensure_translation(
                self.areas[slug], locale, {"name": name, "description": description}
            )
        self.ensure_translation(self.home, locale, texts["home"])
        self.ensure_translation(self.campaign, locale, texts["campaign"])
        for slug, section in self.sections.items():
            # The town is translated with it (add_town): the section only, or wagtail-localize
            # would save the town's live translation again as a draft.
            self.ensure_translation(
                section, locale, {"intro": texts["sections"][slug]}, related=False
            )
            self.ensure_town_translation(section.town, locale)
        if self.coordinator.has_translation(locale):  # the home page's and campaign's contact
            contact = self.coordinator.get_translation(locale)
            if not contact.live:
                publish(contact)
        for slug, portrait_texts in texts["portraits"].items():
            portrait = PortraitPage.objects.get(slug=slug, locale=self.german)
            fields = translations.portrait_fields(
                locale.language_code, portrait.name, portrait_texts
            )
            self.ensure_translation(portrait, locale, fields)

    def ensure_town_translation(self, town, locale):
        """The town's translation published, with its contact's (towns/service.py; made there
        with the town already)."""
        translation, changed = ensure_town_translation(town, locale)
        if changed:
            self.count(f"Übersetzungen ({locale.get_display_name()}, ergänzt)")
        return translation

    def ensure_translation(self, obj, locale, fields, related=True):
        """The translation of `obj` into `locale`: made with `fields` and published, its texts
        recorded as translated segments; one that exists is left as it is, only its missing
        segments recorded (a demo seeded before issue 20)."""
        if obj.has_translation(locale):
            translation = obj.get_translation(locale)
            try:
                recorded = record_segments(obj, translation)
            except SegmentsDoNotMatch as error:
                self.stderr.write(f"Textstellen nicht übernommen: {error}")
            else:
                if recorded:
                    self.count(f"Übersetzungen ({locale.get_display_name()}, Textstellen)")
            return translation
        if related:
            translate_object(obj, [locale])
        else:
            TranslationCreator(None, [locale]).create_translations(
                obj, include_related_objects=False
            )
        translation = obj.get_translation(locale)
        for name, value in fields.items():
            setattr(translation, name, value)
        translation.save()
        record_segments(obj, translation)
        self.count(f"Übersetzungen ({locale.get_display_name()})")
        return publish(translation)
