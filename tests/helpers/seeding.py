"""`manage.py seed_demo` in tests: runs of the command, what it creates counted, and the shared
demo with its renditions for the seeding checks (tests/test_seed_demo*.py)."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.models import Collection, CollectionViewRestriction, Page, Revision, Site, WorkflowPage

from media.models import Document, Image
from snippets.models import ContactPerson, EngagementArea, Organisation, PartnerCity
from tests.helpers.demo_db import DEMO_RENDITIONS

GERMAN = {"locale__language_code": "de"}


def seed(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("seed_demo", *args, stdout=out, stderr=err)
    return out.getvalue()


def counts():
    """Everything the command creates, counted."""
    models = (
        Page,
        Revision,
        ContactPerson,
        EngagementArea,
        Organisation,
        PartnerCity,
        Image,
        Document,
        Collection,
        CollectionViewRestriction,
        Group,
        WorkflowPage,
        Site,
        get_user_model(),
    )
    return {model.__name__: model.objects.count() for model in models}


@pytest.fixture
def on_shared_demo(demo, db, settings):
    """A test on the shared demo (`demo`, seeded with its renditions, `DEMO_RENDITIONS`), in a
    savepoint of its own; what the seeding prepares is that list here too (`seed` again,
    `generate_portraits`), so "every prepared rendition" is checked against what was made."""
    settings.PREPARED_RENDITIONS = list(DEMO_RENDITIONS)
