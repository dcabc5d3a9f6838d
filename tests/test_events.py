"""When `content_changed` says "published" and "unpublished" (cms/events.py): for every way a
page becomes invisible or visible again through the API, also without a publish of its own
(webhooks and caches rely on it)."""

import pytest
from wagtail.models import PageViewRestriction

from cms.events import content_changed
from tests.factories import PartnerCityFactory, PortraitPageFactory, TownSectionPageFactory, publish


@pytest.fixture
def events():
    """(action, model name, slug or pk) of every content_changed sent during the test."""
    sent = []

    def record(sender, instance, action, **kwargs):
        sent.append(
            (action, sender.__name__, getattr(instance, "slug", getattr(instance, "pk", None)))
        )

    content_changed.connect(record, dispatch_uid="tests.events")
    yield sent
    content_changed.disconnect(dispatch_uid="tests.events")


@pytest.fixture
def two_portraits(tree):
    section = tree.dessau_section
    live = publish(PortraitPageFactory(parent=section, slug="live"))
    draft = PortraitPageFactory(parent=section, slug="entwurf")
    return live, draft


@pytest.mark.django_db
def test_a_view_restriction_unpublishes_the_page_and_the_live_pages_below(
    tree, two_portraits, events
):
    section = tree.dessau_section
    restriction = PageViewRestriction.objects.create(
        page=section, restriction_type=PageViewRestriction.LOGIN
    )
    assert ("unpublished", "TownSectionPage", "dessau-rosslau") in events
    assert ("unpublished", "PortraitPage", "live") in events
    assert not [event for event in events if event[2] == "entwurf"]  # never visible
    assert not [event for event in events if event[2] == "lutherstadt-wittenberg"]

    events.clear()
    restriction.delete()
    published = {(model, slug) for action, model, slug in events if action == "published"}
    assert published == {("TownSectionPage", "dessau-rosslau"), ("PortraitPage", "live")}


@pytest.mark.django_db
def test_removing_one_of_two_restrictions_publishes_nothing(tree, two_portraits, events):
    section = tree.dessau_section
    outer = PageViewRestriction.objects.create(
        page=tree.campaign, restriction_type=PageViewRestriction.LOGIN
    )
    inner = PageViewRestriction.objects.create(
        page=section, restriction_type=PageViewRestriction.LOGIN
    )
    events.clear()
    inner.delete()  # the campaign's restriction still hides everything below it
    assert not [event for event in events if event[0] == "published"]
    outer.delete()
    assert ("published", "PortraitPage", "live") in events


@pytest.mark.django_db
def test_unpublishing_a_town_unpublishes_its_pages_and_publishing_it_again_publishes_them(
    tree, two_portraits, events
):
    town = tree.dessau
    town.save_revision().publish()  # a live town published again: no change for its pages
    assert not [event for event in events if event[1] == "PortraitPage"]

    town.unpublish()
    assert ("unpublished", "PartnerCity", "dessau-rosslau") in events
    assert ("unpublished", "TownSectionPage", "dessau-rosslau") in events
    assert ("unpublished", "PortraitPage", "live") in events
    assert not [event for event in events if event[2] in ("entwurf", "lutherstadt-wittenberg")]

    events.clear()
    town.refresh_from_db()
    town.save_revision().publish()
    published = {(model, slug) for action, model, slug in events if action == "published"}
    assert published == {("TownSectionPage", "dessau-rosslau"), ("PortraitPage", "live")}


@pytest.mark.django_db
def test_a_new_town_published_for_the_first_time_announces_its_section(tree, events):
    town = PartnerCityFactory(name="Zerbst/Anhalt", slug="zerbst", live=False)
    section = TownSectionPageFactory(parent=tree.campaign, town=town)
    publish(section)  # live, but hidden by the policy while its town is a draft
    events.clear()
    town.save_revision().publish()
    assert ("published", "TownSectionPage", "zerbst") in events
