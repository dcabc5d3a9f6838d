"""Fixtures of the browser tests (tests/browser.py): the process's Chromium, the demo roles."""

import pytest
from django.contrib.auth.models import Group

from cms import roles


@pytest.fixture(scope="session")
def _chromium_session(django_db_setup):
    """Closes the process's shared Chromium (tests/browser.py) before the test databases go."""
    from tests.browser import SHARED_CHROMIUM

    yield SHARED_CHROMIUM
    SHARED_CHROMIUM.close()


@pytest.fixture
def chromium(_chromium_session):
    """The test process's Chromium (`SharedChromium`); the test's windows are its own contexts."""
    with _chromium_session.for_one_test() as browser:
        yield browser


@pytest.fixture
def staff(django_user_model, tree):
    """The demo roles of the browser tests: a town editor and the coordinator."""
    from tests.browser import PASSWORD

    def make(username, group_name):
        user = django_user_model.objects.create_user(
            username, f"{username}@example.org", PASSWORD, first_name=username.title()
        )
        user.groups.set([Group.objects.get(name=group_name)])
        return user

    return {
        # The town's own editor group, made by editorial.signals when the section was created.
        "editor": make("redaktion-dessau", roles.town_editor_group_name("Dessau-Roßlau")),
        # Made by the data migration editorial/0002 (back thanks to serialized_rollback).
        "coordinator": make("koordination", roles.COORDINATORS),
    }
