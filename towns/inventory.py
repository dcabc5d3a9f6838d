"""Everything that belongs to one partner town, as German descriptions: what `add_town`
reports as made (the difference before and after) and what `remove_town` removes."""

from django.contrib.auth.models import Group
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Locale

from cms import roles
from cms.models import PartnerApiKey
from embed.models import TownEmbed
from pages.models import TownSectionPage
from snippets.models import PartnerCity

LABELS = (
    "Partnerstadt",
    "Ansprechperson",
    "Bereich der Kampagne",
    "Redaktionsgruppe",
    "Gruppenrechte",
    "Seitenrechte",
    "Sammlung",
    "Sammlungsrechte",
    "Einbettung",
    "API-Schlüssel",
)


def state(obj):
    return "veröffentlicht" if obj.live else "Entwurf"


def language(obj):
    return obj.locale.get_display_name()


def german_town(slug):
    return PartnerCity.objects.filter(slug=slug, locale=Locale.get_default()).first()


def town_collection(name):
    """The town's photo collection (Glücksbringer-Porträts → name), or None; makes nothing."""
    portraits = Collection.objects.filter(depth=2, name=roles.PORTRAIT_COLLECTION).first()
    if portraits is None:
        return None
    return portraits.get_children().filter(name=name).first()


def editor_group(name):
    return Group.objects.filter(name=roles.town_editor_group_name(name)).first()


def snapshot(name, slug):
    """Label → set of descriptions of what exists of the town `name` (slug `slug`)."""
    found = {label: set() for label in LABELS}
    town = german_town(slug)
    if town is not None:
        towns = PartnerCity.objects.filter(translation_key=town.translation_key).select_related(
            "locale", "contact__locale"
        )
        for translation in towns:
            found["Partnerstadt"].add(
                f"{translation.name} [{language(translation)}], {state(translation)}"
            )
            if translation.contact is not None:
                contact = translation.contact
                found["Ansprechperson"].add(f"{contact} [{language(contact)}], {state(contact)}")
        sections = TownSectionPage.objects.filter(town__in=towns).select_related("locale")
        for section in sections:
            found["Bereich der Kampagne"].add(
                f"„{section.title}“ (Kürzel {section.slug}) [{language(section)}], {state(section)}"
            )
        for embed in TownEmbed.objects.filter(town=town):
            switch = "eingeschaltet" if embed.enabled else "ausgeschaltet"
            found["Einbettung"].add(f"{switch}, Websites: {', '.join(embed.origins()) or 'keine'}")
    group = editor_group(name)
    if group is not None:
        found["Redaktionsgruppe"].add(group.name)
        for perm in group.permissions.select_related("content_type"):
            found["Gruppenrechte"].add(f"{perm.content_type.app_label}.{perm.codename}")
        for grant in GroupPagePermission.objects.filter(group=group).select_related(
            "page__locale", "permission"
        ):
            found["Seitenrechte"].add(
                f"{grant.permission.codename} auf „{grant.page.title}“ [{language(grant.page)}]"
            )
        for grant in GroupCollectionPermission.objects.filter(group=group).select_related(
            "collection", "permission"
        ):
            found["Sammlungsrechte"].add(
                f"{grant.permission.codename} auf „{grant.collection.name}“"
            )
    collection = town_collection(name)
    if collection is not None:
        found["Sammlung"].add(f"{roles.PORTRAIT_COLLECTION} › {collection.name}")
    for key in PartnerApiKey.objects.filter(name=name):
        found["API-Schlüssel"].add(f"{key.name} ({'aktiv' if key.active else 'widerrufen'})")
    return found


def difference(before, after):
    """Label → sorted descriptions that are in `after` and not in `before` (labels kept)."""
    return {label: sorted(after[label] - before[label]) for label in LABELS}
