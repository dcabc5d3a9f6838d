"""`generate_portraits N --towns T` (issue 23 §5): the towns beyond the demo's four are set up
through the towns app's service, and the portraits are spread evenly over T towns.

On the shared demo (`demo`); each test runs in a savepoint.
"""

import io

import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.db.models import Count
from wagtail.models import Locale, Page

from cms.roles import town_editor_group_name
from demo import content, generated_towns
from pages.models import CampaignPage, PortraitPage, TownSectionPage
from snippets.models import PartnerCity

DEMO_SLUGS = [town["slug"] for town in content.PARTNER_CITIES]


@pytest.fixture
def demo_db(demo, db):
    pass


def generate(count, *args):
    out = io.StringIO()
    call_command("generate_portraits", count, *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def per_town():
    """Generated portraits per town slug."""
    return dict(
        PortraitPage.objects.filter(slug__startswith="beispiel-portraet-")
        .order_by()
        .values("town__slug")
        .annotate(n=Count("pk"))
        .values_list("town__slug", "n")
    )


def test_more_towns_are_added_through_the_service_and_share_the_portraits(demo_db):
    towns_before = PartnerCity.objects.count()
    out = generate(10, "--towns", "6")
    assert "2 Beispielstädte angelegt" in out
    new = ["beispielstadt-005", "beispielstadt-006"]
    assert per_town() == dict(zip(DEMO_SLUGS + new, [2, 2, 2, 2, 1, 1], strict=True))
    german = Locale.get_default()
    campaign = CampaignPage.objects.get(locale=german)
    for number, slug in ((5, new[0]), (6, new[1])):
        town = PartnerCity.objects.get(slug=slug, locale=german)
        assert town.name == f"Beispielstadt {number:03d}" and town.live
        section = TownSectionPage.objects.get(town=town)
        assert section.live and section.get_parent().specific == campaign
        # As add_town makes a town: its translations and its editor group.
        for locale in Locale.objects.exclude(pk=german.pk):
            assert town.has_translation(locale)
        assert Group.objects.filter(name=town_editor_group_name(town.name)).exists()
    added_towns = PartnerCity.objects.count() - towns_before
    assert added_towns == 2 * Locale.objects.count()
    assert Page.find_problems() == ([], [], [], [], [])

    # A rerun adds neither towns nor portraits.
    pages = Page.objects.count()
    out = generate(10, "--towns", "6")
    assert "angelegt" not in out and "schon vorhanden" in out
    assert PartnerCity.objects.count() - towns_before == added_towns
    assert Page.objects.count() == pages


def test_later_portraits_fill_the_towns_with_fewest(demo_db):
    generate(8)  # the demo's four towns: 2 each
    assert per_town() == dict.fromkeys(DEMO_SLUGS, 2)
    generate(20, "--towns", "5")  # 12 more: the new town catches up first, then all alike
    assert per_town() == dict.fromkeys([*DEMO_SLUGS, "beispielstadt-005"], 4)
    for section in TownSectionPage.objects.filter(locale=Locale.get_default()):
        assert section.numchild == section.get_children().count()
    assert Page.find_problems() == ([], [], [], [], [])


def test_fewer_towns_than_the_demo_use_its_first(demo_db):
    generate(5, "--towns", "2")
    assert per_town() == {DEMO_SLUGS[0]: 3, DEMO_SLUGS[1]: 2}
    assert not PartnerCity.objects.filter(slug__startswith="beispielstadt-").exists()


@pytest.mark.parametrize("towns", ["0", "-3", str(generated_towns.MAX_TOWNS + 1)])
def test_bad_town_counts_are_refused_in_german(demo_db, towns):
    pages, cities = Page.objects.count(), PartnerCity.objects.count()
    with pytest.raises(CommandError, match=f"--towns braucht eine Zahl von 1 bis 999.*{towns}"):
        generate(5, "--towns", towns)
    assert (Page.objects.count(), PartnerCity.objects.count()) == (pages, cities)
