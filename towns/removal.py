"""A partner town taken down again (`remove_town`): only while it holds no content, and only
what `add_town` made (towns/service.py). Deletions go through Wagtail's actions, so they are
in the audit log, and through the usual signals, so the content event, the cache and the
search index follow after commit."""

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.actions.delete import DeleteAction
from wagtail.actions.delete_page import DeletePageAction
from wagtail.models import Page, ReferenceIndex
from wagtail_localize.models import TranslatableObject

from cms.models import PartnerApiKey
from embed.models import TownEmbed
from media.models import Document, Image
from nominations.models import Nomination
from pages.models import PortraitPage, TownSectionPage
from snippets.models import ContactPerson, PartnerCity
from towns import inventory
from towns.service import TownError


@dataclass
class Removal:
    name: str
    removed: dict
    notes: list = field(default_factory=list)


def content_of(town):
    """What editors and the public added to the town (German descriptions); empty when none."""
    towns = list(PartnerCity.objects.filter(translation_key=town.translation_key))
    sections = list(TownSectionPage.objects.filter(town__in=towns))
    found = []
    pages = Page.objects.none()
    for section in sections:
        pages |= Page.objects.descendant_of(section)
    portraits = PortraitPage.objects.filter(town__in=towns).values("pk")
    pages = Page.objects.filter(pk__in=pages.values("pk")) | Page.objects.filter(pk__in=portraits)
    if count := pages.count():
        found.append(f"{count} Seite(n) im Bereich der Stadt (Porträts, auch Entwürfe)")
    if count := Nomination.objects.filter(town__in=towns).count():
        found.append(f"{count} Glücksbringer-Vorschlag/Vorschläge")
    collection = inventory.town_collection(town.name)
    if collection is not None:
        collections = collection.get_descendants(inclusive=True)
        if count := Image.objects.filter(collection__in=collections).count():
            found.append(f"{count} Bild(er) in der Sammlung „{collection.name}“")
        if count := Document.objects.filter(collection__in=collections).count():
            found.append(f"{count} Dokument(e) in der Sammlung „{collection.name}“")
        if descendants := collection.get_descendants().count():
            found.append(f"{descendants} Untersammlung(en) von „{collection.name}“")
    group = inventory.editor_group(town.name)
    if group is not None and (count := group.user_set.count()):
        found.append(f"{count} Konto/Konten in der Gruppe „{group.name}“")
    if count := others_using(towns, sections):
        found.append(f"{count} Verweis(e) anderer Inhalte auf die Partnerstadt")
    return found


def others_using(towns, sections):
    """References to the town (Wagtail's reference index) from anything but its own sections."""
    page_type = ContentType.objects.get_for_model(Page)
    references = ReferenceIndex.get_references_to_in_bulk(towns).exclude(
        base_content_type=page_type, object_id__in=[str(section.pk) for section in sections]
    )
    return references.count()


def remove_town(slug, *, dry_run=False):
    """Remove the town `slug` and what add_town made for it; TownError (German) if it does not
    exist or still has content."""
    town = inventory.german_town(slug)
    if town is None:
        raise TownError(f"Keine Partnerstadt mit dem Kürzel „{slug}“.")
    with transaction.atomic():
        blocking = content_of(town)
        if blocking:
            raise TownError(
                f"Die Partnerstadt „{town.name}“ hat noch Inhalte und bleibt bestehen: "
                + "; ".join(blocking)
                + ". Erst diese Inhalte löschen oder verschieben."
            )
        name = town.name
        found = inventory.snapshot(name, slug)
        notes = take_down(town)
        after = inventory.snapshot(name, slug)
        removed = inventory.difference(after, found)
        if dry_run:
            transaction.set_rollback(True)
    return Removal(name=name, removed=removed, notes=notes)


def take_down(town):
    """Delete the town's parts: API key, embed settings, sections (translations first), group,
    photo collection, the town in every language and its contact where nothing else uses it."""
    notes = []
    name = town.name
    towns = list(PartnerCity.objects.filter(translation_key=town.translation_key))
    contacts = {t.contact.translation_key for t in towns if t.contact is not None}
    for key in PartnerApiKey.objects.filter(name=name):
        key.delete()
    TownEmbed.objects.filter(town__in=towns).delete()
    sections = list(TownSectionPage.objects.filter(town__in=towns))
    section_keys = {section.translation_key for section in sections}
    for section in sorted(sections, key=lambda page: page.locale_id == town.locale_id):
        DeletePageAction(section).execute(skip_permission_checks=True)
    group = inventory.editor_group(name)
    if group is not None:
        group.delete()  # its page and collection permissions with it
    collection = inventory.town_collection(name)
    if collection is not None:
        collection.delete()
    for translation in sorted(towns, key=lambda t: t.pk == town.pk):
        DeleteAction(translation).execute(skip_permission_checks=True)
    for key in contacts:
        people = list(ContactPerson.objects.filter(translation_key=key))
        if ReferenceIndex.get_references_to_in_bulk(people).exists():
            notes.append(f"Ansprechperson „{people[0].name}“ bleibt: sie wird noch verwendet.")
            continue
        for person in sorted(people, key=lambda p: p.locale_id == town.locale_id):
            DeleteAction(person).execute(skip_permission_checks=True)
    # wagtail-localize's translation sources of what is gone.
    TranslatableObject.objects.filter(
        translation_key__in=section_keys | {town.translation_key} | contacts
    ).exclude(translation_key__in=ContactPerson.objects.values("translation_key")).delete()
    return notes
