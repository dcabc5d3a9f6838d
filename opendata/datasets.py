"""The datasets: what each one holds, row by row, from visible content only.

Every row comes through the visibility policy (cms/visibility/; the portrait rules in
pages/visibility.py), in German (the default content language). What the volunteers consented
to is the website, not open data: no dataset holds a portrait, a person's name or a photo, and
portraits appear only as counts per town and per engagement area, a count under `MIN_COUNT`
suppressed. Contact persons are left out (names).
"""

from dataclasses import dataclass, field

from django.db.models import Count
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import normalize_newlines

from cms import visibility
from cms.public_site import public_url
from pages import visibility as page_rules
from pages.models import CampaignPage, PortraitPage, ProgrammePage
from snippets.models import EngagementArea, Organisation, PartnerCity

MIN_COUNT = 5  # counts below are published as suppressed (empty), never as a number


@dataclass(frozen=True)
class Dataset:
    slug: str  # ASCII, the address: /opendata/<slug>.csv and .json
    title: str
    description: str
    columns: tuple  # ASCII snake_case
    themes: tuple  # EU data-theme codes
    keywords: tuple
    rows: object = field(repr=False)  # () -> [dict], inside one_request()
    objects: object = field(repr=False)  # () -> queryset whose publish dates date the dataset
    counted: bool = False  # counts, made anew on every request: modified today


@dataclass(frozen=True)
class Table:
    dataset: Dataset
    rows: list
    issued: object  # datetime or None
    modified: object


def _text(html):
    """Plain text of a rich-text field, paragraphs as line breaks."""
    return normalize_newlines(strip_tags((html or "").replace("</p>", "</p>\n"))).strip()


def _dates(qs):
    """(first publication, last publication) over the visible objects of a dataset."""
    first = qs.order_by("first_published_at").values_list("first_published_at", flat=True)
    last = qs.order_by("-last_published_at").values_list("last_published_at", flat=True)
    return first.exclude(first_published_at=None).first(), last.exclude(
        last_published_at=None
    ).first()


def _programmes():
    return visibility.pages(ProgrammePage.objects.all()).order_by("path")


def programme_rows():
    rows = []
    for page in _programmes().prefetch_related("funder_links__organisation"):
        funders = visibility.live_snippets(link.organisation for link in page.funder_links.all())
        rows.append(
            {
                "slug": page.slug,
                "title": page.title,
                "teaser": page.teaser,
                "external_url": page.external_url,
                "page_url": public_url(page.url),
                "funder_slugs": ";".join(funder.slug for funder in funders),
            }
        )
    return rows


def _campaigns():
    return visibility.pages(CampaignPage.objects.all())


def campaign_rows():
    towns = visibility.snippets(PartnerCity)
    return [
        {
            "slug": page.slug,
            "title": page.title,
            "launch_date": page.launch_date,
            "intro": _text(page.intro),
            "why_heading": page.why_heading,
            "why_text": _text(page.why_text),
            "quote_prompt": page.quote_prompt,
            "page_url": public_url(page.url),
            "partner_town_count": towns.count(),
            "coordinating_town_slug": ";".join(
                towns.filter(is_coordinating=True).values_list("slug", flat=True)
            ),
        }
        for page in _campaigns()
    ]


def town_rows():
    return [
        {
            "slug": town.slug,
            "name": town.name,
            "member_since": town.member_since,
            "website": town.website,
            "is_coordinating": town.is_coordinating,
        }
        for town in visibility.snippets(PartnerCity)
    ]


def organisation_rows():
    return [
        {
            "slug": organisation.slug,
            "name": organisation.name,
            "role_key": organisation.role,
            "role": organisation.role_label,
            "website": organisation.website,
        }
        for organisation in visibility.snippets(Organisation)
    ]


def area_rows():
    return [
        {"slug": area.slug, "name": area.name, "description": area.description}
        for area in visibility.snippets(EngagementArea)
    ]


def _visible_portrait_ids():
    return page_rules.portraits().order_by().values("pk")


def _suppressed(count):
    """The count as published: None (suppressed) under MIN_COUNT."""
    return {
        "portrait_count": count if count >= MIN_COUNT else None,
        "suppressed": count < MIN_COUNT,
    }


def portraits_per_town_rows():
    counts = dict(
        PortraitPage.objects.filter(pk__in=_visible_portrait_ids())
        .order_by()
        .values_list("town")
        .annotate(n=Count("pk"))
    )
    return [
        {"town_slug": town.slug, "town_name": town.name, **_suppressed(counts.get(town.pk, 0))}
        for town in visibility.snippets(PartnerCity)
    ]


def portraits_per_area_rows():
    through = PortraitPage.areas.through
    counts = dict(
        through.objects.filter(portraitpage__in=_visible_portrait_ids())
        .order_by()
        .values_list("engagementarea")
        .annotate(n=Count("portraitpage"))
    )
    return [
        {"area_slug": area.slug, "area_name": area.name, **_suppressed(counts.get(area.pk, 0))}
        for area in visibility.snippets(EngagementArea)
    ]


COUNT_NOTE = (
    f" Anzahlen unter {MIN_COUNT} sind unterdrückt (leer, suppressed = true). Gezählt werden "
    "die öffentlich sichtbaren Porträts; Namen, Texte und Fotos der Porträtierten sind nicht "
    "enthalten."
)

DATASETS = (
    Dataset(
        "programme",
        "Programme der Engagierten Stadt",
        "Programme des Netzwerks Engagierte Stadt Dessau-Roßlau und des Regionalnetzwerks "
        "Anhalt (z. B. Ehrenamtskarte, Partnerschaft für Demokratie) mit Kurzbeschreibung, "
        "Internetadresse und Kürzeln der Träger und Förderer.",
        ("slug", "title", "teaser", "external_url", "page_url", "funder_slugs"),
        ("SOCI", "GOVE"),
        ("Ehrenamt", "Engagement", "Förderprogramme"),
        programme_rows,
        _programmes,
    ),
    Dataset(
        "kampagne",
        "Kampagne „Glücksbringer“",
        "Eckdaten der Kampagne „Glücksbringer“ des Regionalnetzwerks Anhalt: Auftakt, "
        "Beschreibung und Anzahl der Partnerstädte.",
        (
            *("slug", "title", "launch_date", "intro", "why_heading", "why_text"),
            *("quote_prompt", "page_url", "partner_town_count", "coordinating_town_slug"),
        ),
        ("SOCI",),
        ("Ehrenamt", "Engagement", "Kampagne", "Glücksbringer"),
        campaign_rows,
        _campaigns,
    ),
    Dataset(
        "partnerstaedte",
        "Partnerstädte des Regionalnetzwerks Anhalt",
        "Die Engagierten Städte des Regionalnetzwerks Anhalt mit Beitrittsdatum und Website.",
        ("slug", "name", "member_since", "website", "is_coordinating"),
        ("REGI", "GOVE"),
        ("Engagierte Stadt", "Regionalnetzwerk", "Kommunen"),
        town_rows,
        lambda: visibility.snippets(PartnerCity),
    ),
    Dataset(
        "organisationen",
        "Träger, Förderer und Partner",
        "Organisationen, die Programme der Engagierten Stadt tragen, fördern oder begleiten, "
        "mit ihrer Rolle und Website.",
        ("slug", "name", "role_key", "role", "website"),
        ("SOCI",),
        ("Ehrenamt", "Träger", "Förderer", "Vereine"),
        organisation_rows,
        lambda: visibility.snippets(Organisation),
    ),
    Dataset(
        "engagementbereiche",
        "Engagementbereiche",
        "Die Bereiche, in denen sich Menschen in den Partnerstädten engagieren.",
        ("slug", "name", "description"),
        ("SOCI",),
        ("Ehrenamt", "Engagement"),
        area_rows,
        lambda: visibility.snippets(EngagementArea),
    ),
    Dataset(
        "portraets-je-partnerstadt",
        "Anzahl der Glücksbringer-Porträts je Partnerstadt",
        "Wie viele Engagierte die Kampagne „Glücksbringer“ in jeder Partnerstadt vorstellt."
        + COUNT_NOTE,
        ("town_slug", "town_name", "portrait_count", "suppressed"),
        ("SOCI", "REGI"),
        ("Ehrenamt", "Glücksbringer", "Statistik"),
        portraits_per_town_rows,
        lambda: visibility.snippets(PartnerCity),
        counted=True,
    ),
    Dataset(
        "portraets-je-engagementbereich",
        "Anzahl der Glücksbringer-Porträts je Engagementbereich",
        "Wie viele Engagierte die Kampagne „Glücksbringer“ in jedem Engagementbereich "
        "vorstellt (ein Porträt kann mehreren Bereichen angehören)." + COUNT_NOTE,
        ("area_slug", "area_name", "portrait_count", "suppressed"),
        ("SOCI",),
        ("Ehrenamt", "Glücksbringer", "Statistik"),
        portraits_per_area_rows,
        lambda: visibility.snippets(EngagementArea),
        counted=True,
    ),
)
BY_SLUG = {dataset.slug: dataset for dataset in DATASETS}


def build(dataset):
    """The dataset's rows and dates, as the public sees them now."""
    with visibility.one_request():
        rows = dataset.rows()
        issued, modified = _dates(dataset.objects())
    if dataset.counted:
        modified = timezone.localdate()
    return Table(dataset, rows, issued, modified)
