"""The page tree of conftest's `tree` fixture (`build_tree`), shared by a module's tests where
it can be (`_shared_tree`)."""

import types

import pytest
from django.db import transaction
from wagtail.models import Page, Site

from tests.factories import (
    CampaignPageFactory,
    HomePageFactory,
    PartnerCityFactory,
    TownSectionPageFactory,
    publish,
)


class Tree(types.SimpleNamespace):
    """home, campaign, sections (town slug → section), dessau (the coordinating town)."""

    @property
    def dessau_section(self):
        """Dessau-Roßlau's section, where most tests put their pages."""
        return self.sections["dessau-rosslau"]


def build_tree():
    """Home → Glücksbringer campaign → one section per town, all published; site root = home."""
    root = Page.get_first_root_node()
    home = publish(HomePageFactory(parent=root))
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home},
    )
    campaign = publish(CampaignPageFactory(parent=home))
    dessau = PartnerCityFactory(name="Dessau-Roßlau", slug="dessau-rosslau", is_coordinating=True)
    wittenberg = PartnerCityFactory(name="Lutherstadt Wittenberg", slug="lutherstadt-wittenberg")
    sections = {
        town.slug: publish(TownSectionPageFactory(parent=campaign, town=town))
        for town in (dessau, wittenberg)
    }
    return Tree(home=home, campaign=campaign, sections=sections, dessau=dessau)


def is_transactional(item):
    """Whether a test runs outside a transaction (pytest-django's `transaction=True`, or a
    fixture that implies it)."""
    marker = item.get_closest_marker("django_db")
    if marker is not None and (marker.kwargs.get("transaction") or marker.args[:1] == (True,)):
        return True
    return bool({"transactional_db", "live_server"} & set(item.fixturenames))


def module_shares_a_tree(module):
    """A module's tests share one tree when some use it and none is transactional (a
    transactional test flushes the database, which would take the shared tree with it)."""
    items = [item for item in module.session.items if item.module is module.module]
    return any("tree" in item.fixturenames for item in items) and not any(
        is_transactional(item) for item in items
    )


@pytest.fixture(scope="module")
def _shared_tree(request, django_db_setup, django_db_blocker):
    """The tree, built once per module inside a transaction that is rolled back after the
    module's last test; each test runs in a savepoint inside it (as `setUpTestData` does), so
    what a test changes is gone for the next one. None for modules with transactional tests."""
    if not module_shares_a_tree(request.node):
        yield None
        return
    with django_db_blocker.unblock(), transaction.atomic():
        built = build_tree()
        yield types.SimpleNamespace(
            home=built.home.pk,
            campaign=built.campaign.pk,
            sections={slug: page.pk for slug, page in built.sections.items()},
            dessau=built.dessau.pk,
        )
        transaction.set_rollback(True)
