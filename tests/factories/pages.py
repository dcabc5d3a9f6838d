import datetime

import factory
import wagtail_factories
from django.test import TestCase
from django.utils import timezone

from pages.models import CampaignPage, HomePage, PortraitPage, ProgrammePage, TownSectionPage

from .media import DocumentFactory
from .snippets import PartnerCityFactory


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Engagierte Stadt"
    slug = "engagierte-stadt"

    class Meta:
        model = HomePage


class ProgrammePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Programm {n}")
    slug = factory.Sequence(lambda n: f"programm-{n}")
    teaser = "Ein Programm des Netzwerks."

    class Meta:
        model = ProgrammePage


class CampaignPageFactory(wagtail_factories.PageFactory):
    title = "Glücksbringer"
    slug = "gluecksbringer"
    launch_date = datetime.date(2023, 6, 19)

    class Meta:
        model = CampaignPage


class TownSectionPageFactory(wagtail_factories.PageFactory):
    town = factory.SubFactory(PartnerCityFactory)
    title = factory.LazyAttribute(lambda o: o.town.name)
    slug = factory.LazyAttribute(lambda o: o.town.slug)

    class Meta:
        model = TownSectionPage


class PortraitPageFactory(wagtail_factories.PageFactory):
    """A portrait with complete consent on record. Not published: call `publish()`."""

    name = factory.Sequence(lambda n: f"Erika Beispiel {n}")
    title = factory.LazyAttribute(lambda o: o.name)
    slug = factory.Sequence(lambda n: f"portraet-{n}")
    kind = PortraitPage.Kind.PERSON
    quote = "weil ich gern Menschen zusammenbringe."
    teaser = "Engagiert sich seit Jahren in der Nachbarschaft."
    live = False
    consent_given_by = factory.SelfAttribute("name")
    consent_given_at = datetime.date(2024, 1, 15)
    consent_scope = PortraitPage.ConsentScope.WEB
    consent_document = factory.SubFactory(DocumentFactory)

    class Meta:
        model = PortraitPage


def publish(page):
    """Publish the page's current state the way an editor does: through a revision, followed by
    the reactions that run once the publish commits (the test's transaction never does)."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        page.save_revision().publish()
    page.refresh_from_db()
    return page


def make_due(page):
    """Time passes: the page's scheduled revision becomes due (its go-live a second ago)."""
    moment = timezone.now() - datetime.timedelta(seconds=1)
    revision = page.revisions.get(approved_go_live_at__isnull=False)
    revision.content["go_live_at"] = moment.isoformat()
    revision.approved_go_live_at = moment
    revision.save(update_fields=["content", "approved_go_live_at"])
    return revision
