"""A partner town set up in one step (issue 23 §4): `add_town`, and seed_demo for its towns.

What a town gets, each part made only when missing (a second run changes nothing):
- the town snippet (PartnerCity), published, and its translation into every other language of
  the site, made as wagtail-localize makes it (`translate_object`, with its contact) and
  published: a town's name and data are the same in every language;
- its section below the Glücksbringer campaign, published in German, and a translation as a
  draft in each language the campaign is translated into (wagtail-localize, without making
  aliases of untranslated parents);
- the town editor group with its page, image and document permissions and its photo collection
  (cms/roles.py, as editorial.signals gives every new section);
- on request, embed settings (embed.TownEmbed) and a partner API key (cms.PartnerApiKey).

Each run reports what it made by comparing the town's inventory (towns/inventory.py) before and
after; a dry run does the same inside a transaction that is rolled back.
"""

import datetime
import re
from dataclasses import dataclass, field

from django.apps import apps as django_apps
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.text import slugify
from wagtail.models import Locale
from wagtail_localize.operations import TranslationCreator, translate_object

from cms import roles
from cms.models import PartnerApiKey
from embed.models import TownEmbed, parse_origin
from pages.models import CampaignPage, TownSectionPage
from snippets.models import ContactPerson, PartnerCity
from towns import inventory

SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
GERMAN_LETTERS = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss", "ẞ": "SS"}
)


class TownError(Exception):
    """Input or state that keeps a town from being set up or removed; a German message."""


def town_slug(name):
    """The slug of a town's name: German letters transliterated (ä → ae, ß → ss), text in
    parentheses dropped ("Köthen (Anhalt)" → "koethen"), a slash taken as a space
    ("Zerbst/Anhalt" → "zerbst-anhalt"); other accents lose their mark."""
    words = re.sub(r"\([^)]*\)", " ", name).replace("/", " ")
    return slugify(words.translate(GERMAN_LETTERS))


def publish(obj):
    """Publish through a revision, as an editor does; return the fresh live object."""
    obj.save_revision().publish()
    obj.refresh_from_db()
    return obj


@dataclass
class TownSpec:
    """What a town is made of. `contact`: a German ContactPerson, the fields of one (made if no
    German contact of that name and e-mail exists), or None."""

    name: str
    slug: str = ""
    website: str = ""
    contact: object = None
    member_since: datetime.date | None = None
    is_coordinating: bool = False
    intro: str = ""
    api_key: bool = False
    embed_origins: tuple = field(default_factory=tuple)

    def cleaned(self):
        """The spec with its slug derived and every value checked; TownError if one is bad."""
        name = " ".join(self.name.split())
        if not name:
            raise TownError("Bitte den Namen der Partnerstadt angeben.")
        if len(name) > PartnerCity._meta.get_field("name").max_length:
            raise TownError(f"Der Name „{name}“ ist zu lang (höchstens 255 Zeichen).")
        slug = self.slug.strip() or town_slug(name)
        if not slug:
            raise TownError(
                f"Aus dem Namen „{name}“ lässt sich kein Kürzel bilden: bitte --slug angeben."
            )
        if not SLUG_PATTERN.match(slug) or len(slug) > 100:
            raise TownError(
                f"Ungültiges Kürzel „{slug}“: nur Kleinbuchstaben, Ziffern und einzelne "
                "Bindestriche, höchstens 100 Zeichen."
            )
        website = self.website.strip()
        if website:
            try:
                URLValidator(schemes=["http", "https"])(website)
            except ValidationError:
                raise TownError(
                    f"Keine gültige Website-Adresse: „{website}“ (z. B. https://www.example.de/)."
                ) from None
        bad = [origin for origin in self.embed_origins if not parse_origin(origin)]
        if bad:
            raise TownError(
                "Keine Website-Adresse zum Einbetten (https://host, ohne Pfad): " + ", ".join(bad)
            )
        origins = tuple(dict.fromkeys(parse_origin(origin) for origin in self.embed_origins))
        contact = self.contact
        if isinstance(contact, str):
            contact = {"name": " ".join(contact.split())} if contact.strip() else None
        return TownSpec(
            name=name,
            slug=slug,
            website=website,
            contact=contact,
            member_since=self.member_since,
            is_coordinating=self.is_coordinating,
            intro=self.intro,
            api_key=self.api_key,
            embed_origins=origins,
        )


@dataclass
class Outcome:
    """What a run made (label → descriptions, in German) and the objects it ended with."""

    spec: TownSpec
    made: dict
    town: PartnerCity | None = None
    section: TownSectionPage | None = None
    raw_key: str | None = None  # a new API key, shown once (never after a dry run)
    notes: list = field(default_factory=list)

    @property
    def changed(self):
        return any(self.made.values())


def add_town(spec, *, dry_run=False):
    """Set up the town of `spec` (TownSpec); with `dry_run` nothing is kept. TownError if the
    input is bad or clashes with another town or page."""
    spec = spec.cleaned()
    with transaction.atomic():
        before = inventory.snapshot(spec.name, spec.slug)
        setup = TownSetup(spec)
        setup.run()
        outcome = Outcome(
            spec=spec,
            made=inventory.difference(before, inventory.snapshot(spec.name, spec.slug)),
            town=setup.town,
            section=setup.section,
            raw_key=None if dry_run else setup.raw_key,
            notes=setup.notes,
        )
        if dry_run:
            transaction.set_rollback(True)
    return outcome


class TownSetup:
    """The steps of `add_town`, inside its transaction."""

    def __init__(self, spec):
        self.spec = spec
        self.german = Locale.get_default()
        self.town = self.section = self.raw_key = None
        self.notes = []

    def run(self):
        campaign = CampaignPage.objects.filter(locale=self.german).first()
        if campaign is None:
            raise TownError(
                "Es gibt noch keine Glücksbringer-Kampagne (Seite vom Typ Kampagne): erst die "
                "Kampagnenseite anlegen (oder seed_demo ausführen)."
            )
        self.check_clashes(campaign)
        self.town = self.ensure_town()
        self.section = self.ensure_section(campaign)
        for locale in Locale.objects.exclude(pk=self.german.pk).order_by("pk"):
            ensure_town_translation(self.town, locale)
            self.ensure_section_translation(campaign, locale)
        for section in TownSectionPage.objects.filter(
            town__translation_key=self.town.translation_key
        ):
            # editorial.signals does this for every new section; again for an older one.
            roles.create_town_editor_group(django_apps, section)
        if self.spec.embed_origins:
            self.ensure_embed()
        if self.spec.api_key and not PartnerApiKey.objects.filter(name=self.town.name).exists():
            _, self.raw_key = PartnerApiKey.issue(self.town.name)

    def check_clashes(self, campaign):
        spec = self.spec
        by_slug = PartnerCity.objects.filter(slug=spec.slug, locale=self.german).first()
        if by_slug is not None and by_slug.name != spec.name:
            raise TownError(
                f"Das Kürzel „{spec.slug}“ gehört schon der Partnerstadt „{by_slug.name}“: "
                "bitte mit --slug ein anderes wählen."
            )
        by_name = (
            PartnerCity.objects.filter(name=spec.name, locale=self.german)
            .exclude(slug=spec.slug)
            .first()
        )
        if by_name is not None:
            raise TownError(
                f"Die Partnerstadt „{spec.name}“ gibt es schon, mit dem Kürzel „{by_name.slug}“."
            )
        if by_slug is not None and TownSectionPage.objects.filter(town=by_slug).exists():
            return  # its section is there (under whatever slug): none is made
        page = campaign.get_children().filter(slug=spec.slug).first()
        if page is not None:
            raise TownError(
                f"Unter der Kampagne gibt es schon die Seite „{page.title}“ mit dem Kürzel "
                f"„{spec.slug}“: bitte mit --slug ein anderes wählen."
            )

    def ensure_town(self):
        spec = self.spec
        contact = spec.contact
        if isinstance(contact, dict):
            contact = ensure_contact(contact, self.german)
        town = PartnerCity.objects.filter(slug=spec.slug, locale=self.german).first()
        if town is None:
            town = PartnerCity(
                name=spec.name,
                slug=spec.slug,
                website=spec.website,
                contact=contact,
                member_since=spec.member_since,
                is_coordinating=spec.is_coordinating,
                locale=self.german,
                live=False,
            )
            town.full_clean()
            town.save()
            return publish(town)
        if town.contact_id is None and not town.website and (contact or spec.website):
            # A town without contact and website gets them (one that has either keeps it).
            town.contact, town.website = contact, spec.website
            return publish(town)
        if (contact and town.contact_id != contact.pk) or spec.website not in ("", town.website):
            self.notes.append(
                f"Partnerstadt „{town.name}“ besteht schon: Website und Ansprechperson bleiben, "
                "wie sie sind (im Admin ändern)."
            )
        return town

    def ensure_section(self, campaign):
        section = TownSectionPage.objects.filter(town=self.town).first()
        if section is None:
            section = TownSectionPage(
                title=self.town.name, slug=self.town.slug, town=self.town, intro=self.spec.intro
            )
            campaign.add_child(instance=section)
            section = publish(section)
        return section

    def ensure_section_translation(self, campaign, locale):
        """A draft translation of the section, where the campaign is translated (wagtail-
        localize would otherwise make aliases of the campaign and the home page)."""
        if self.section.has_translation(locale):
            return
        if not campaign.has_translation(locale):
            self.notes.append(
                f"Die Kampagne gibt es nicht auf {locale.get_display_name()}: dort kein Bereich."
            )
            return
        # The town is translated already: only the section, so that its live translation is not
        # saved again as a draft (wagtail-localize's related-object step does that).
        TranslationCreator(None, [locale]).create_translations(
            self.section, include_related_objects=False
        )

    def ensure_embed(self):
        embed, created = TownEmbed.objects.get_or_create(
            town=self.town, defaults={"allowed_origins": "\n".join(self.spec.embed_origins)}
        )
        missing = [origin for origin in self.spec.embed_origins if origin not in embed.origins()]
        if not created and missing:
            embed.allowed_origins = "\n".join([embed.allowed_origins.rstrip(), *missing]).strip()
            embed.save()


def ensure_contact(data, german):
    """A German contact person by name (and e-mail); made and published if missing."""
    contact = ContactPerson.objects.filter(
        name=data["name"], email=data.get("email", ""), locale=german
    ).first()
    if contact is None:
        contact = ContactPerson(**data, locale=german, live=False)
        try:
            contact.full_clean()
        except ValidationError as error:
            raise TownError(
                "Ansprechperson: " + "; ".join(f"{k}: {' '.join(v)}" for k, v in error)
            ) from None
        contact.save()
        contact = publish(contact)
    return contact


def ensure_town_translation(town, locale):
    """The town's translation into `locale`, made as wagtail-localize makes it (with its contact)
    if missing, and published, with its contact's: the German town's contact in that language
    (also for a translation made before the German town had a contact)."""
    if not town.has_translation(locale):
        translate_object(town, [locale])
    translation = town.get_translation(locale)
    contact, changed = town.contact, False
    if contact is not None and (
        translation.contact is None or translation.contact.locale_id != locale.pk
    ):
        if not contact.has_translation(locale):
            translate_object(contact, [locale])
        translation.contact = contact.get_translation(locale)
        changed = True
    if town.website and not translation.website:
        translation.website, changed = town.website, True
    if changed:
        translation.save()
    if changed or not translation.live:
        translation = publish(translation)
    if translation.contact is not None and not translation.contact.live:
        publish(translation.contact)
    return translation, changed
