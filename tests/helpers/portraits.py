"""Portraits as many test modules need them: the factory call behind them (`draft_portrait`)
and the fixtures built with it (imported into tests/conftest.py)."""

import pytest

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
