"""The generated towns of `generate_portraits --towns T` (issue 23 §5): "Beispielstadt 005" …

The demo has four partner towns (demo/content.py); a load test of the national network (about
100 towns) needs more. Each missing one is set up through the towns app's service, the path
`manage.py add_town` takes (towns/service.py: the town snippet and its translations, its section
below the campaign, its editor group), so a generated town is a town like any other. Towns that
have their section already are left alone: a rerun adds none.
"""

from wagtail.models import Locale

from demo import content
from pages.models import TownSectionPage
from towns.service import TownSpec, add_town

# Three digits in the names ("Beispielstadt 005"); ten times the national network's ~100 towns,
# and each new town takes 1.5-2.3 s through the service (docs/scaling.md): 999 take half an hour.
MAX_TOWNS = 999
NAME = "Beispielstadt {:03d}"
SLUG = "beispielstadt-{:03d}"


def town_slugs(count):
    """The slugs of the first `count` towns: the demo's, then the generated ones."""
    demo = [town["slug"] for town in content.PARTNER_CITIES]
    return [*demo, *(SLUG.format(n) for n in range(len(demo) + 1, count + 1))][:count]


def ensure_towns(count):
    """Set up the generated towns up to `count` that have no section yet; return how many."""
    german = Locale.get_default()
    present = set(
        TownSectionPage.objects.filter(locale=german).values_list("town__slug", flat=True)
    )
    made = 0
    for number in range(len(content.PARTNER_CITIES) + 1, count + 1):
        if SLUG.format(number) in present:
            continue
        add_town(TownSpec(name=NAME.format(number), slug=SLUG.format(number)))
        made += 1
    return made


def sections(count):
    """The German sections of the first `count` towns, in town order (demo towns first)."""
    slugs = town_slugs(count)
    found = {
        section.town.slug: section
        for section in TownSectionPage.objects.filter(
            town__slug__in=slugs, locale=Locale.get_default()
        ).select_related("town")
    }
    return [found[slug] for slug in slugs if slug in found]
