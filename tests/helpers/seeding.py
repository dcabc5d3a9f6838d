"""`manage.py seed_demo` in tests: runs of the command, what it creates counted, and the demo
seeded once for a class of tests with renditions as in production (tests/test_seed_demo*.py)."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.models import Collection, CollectionViewRestriction, Page, Revision, Site, WorkflowPage

from media.models import Document, Image
from snippets.models import ContactPerson, EngagementArea, Organisation, PartnerCity
from tests.helpers.demo_db import seeded_demo

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


@pytest.fixture(scope="class")
def demo_with_renditions(django_db_setup, django_db_blocker, media_root):
    """The demo seeded once for a class of tests (other tests seed themselves), with renditions
    as in production: the portraits' photos are checked for them."""
    with (
        django_db_blocker.unblock(),
        seeded_demo(media_root, PREPARED_RENDITIONS="all"),
    ):
        yield


@pytest.fixture
def seeded_with_renditions(demo_with_renditions, db):
    """A test inside the class's demo (`demo_with_renditions`), in a savepoint of its own."""
