"""Portraits in the states the visibility rule hides (docs/api.md, "What the API shows"), for
the tests of every query path (tests/test_visibility*.py)."""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from pages.models import PortraitPage
from tests.factories import ImageFactory, PortraitPageFactory, publish


def make_hidden(page, state):
    """Bring a (not yet published) portrait into one of the hidden states."""
    if state == "draft":
        page.save_revision()
    elif state == "scheduled":
        page.go_live_at = timezone.now() + datetime.timedelta(days=2)
        page.save_revision().publish()
    elif state == "expired":
        # Expired but the scheduler has not run yet: Wagtail still has live=True.
        publish(page)
        PortraitPage.objects.filter(pk=page.pk).update(
            expire_at=timezone.now() - datetime.timedelta(minutes=1)
        )
    elif state == "private":
        publish(page)
        PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.PASSWORD, password="geheim"
        )
    elif state == "consent_withdrawn":
        # Withdrawn as the admin records it (the photo is marked on the image rows in the same
        # transaction); the page put back live behind its back, so that the consent rule alone
        # hides it.
        publish(page)
        page.withdraw_consent(by=None)
        PortraitPage.objects.filter(pk=page.pk).update(live=True)
    elif state == "no_consent":
        page.consent_document = None
        page.save()
        publish(page)
    page.refresh_from_db()
    return page


@pytest.fixture
def visible_and_hidden(tree):
    """Two portraits in Dessau-Roßlau, each with its own photo: Anna Sichtbar, published (the
    control a query path must show), and Bert Verborgen, not yet published (`make_hidden` puts
    him into the state under test)."""
    section = tree.dessau_section
    visible = publish(
        PortraitPageFactory(
            parent=section,
            name="Anna Sichtbar",
            slug="anna-sichtbar",
            photo=ImageFactory(title="Foto Anna"),
        )
    )
    hidden = PortraitPageFactory(
        parent=section,
        name="Bert Verborgen",
        slug="bert-verborgen",
        photo=ImageFactory(title="Foto Bert"),
    )
    return visible, hidden


def hide_section(section, state):
    """Hide a town section (and so, for the API, what lies below it) in one of three ways."""
    if state == "draft":
        section.unpublish()
    elif state == "expired":
        type(section).objects.filter(pk=section.pk).update(
            expire_at=timezone.now() - datetime.timedelta(hours=1)
        )
    else:
        PageViewRestriction.objects.create(page=section, restriction_type=PageViewRestriction.LOGIN)
