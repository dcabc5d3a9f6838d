"""Portraits as many test modules need them: the factory call behind them (`draft_portrait`)
and the fixtures built with it (imported into tests/conftest.py)."""

import io
from contextlib import contextmanager

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import TestCase

from tests.factories import ImageFactory, PortraitPageFactory, publish


def draft_portrait(tree, town="dessau-rosslau", **kwargs):
    """A portrait in a town's section (Dessau-Roßlau unless told), not published."""
    return PortraitPageFactory(parent=tree.sections[town], **kwargs)


@pytest.fixture
def unpublished_portrait(tree):
    """A draft portrait in Dessau-Roßlau, never published."""
    return draft_portrait(tree)


@pytest.fixture
def published_portrait(tree):
    """Helga Hilfreich's portrait, published in Dessau-Roßlau."""
    return publish(draft_portrait(tree, name="Helga Hilfreich"))


@pytest.fixture
def portrait_with_photo(tree):
    """A portrait with a photo, published in Dessau-Roßlau (slug "gecacht")."""
    return publish(draft_portrait(tree, slug="gecacht", photo=ImageFactory()))


@contextmanager
def generated_portraits(count, django_db_blocker):
    """`generate_portraits count` (the benchmark's bulk path) on the shared demo, for a
    module-scoped fixture: in the module's savepoint, rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        with TestCase.captureOnCommitCallbacks(execute=True):
            call_command("generate_portraits", str(count), stdout=io.StringIO())
        yield
        transaction.set_rollback(True)
