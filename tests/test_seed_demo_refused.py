"""What the demo commands refuse, on an empty database (the runs that succeed are checked on the
shared demo: tests/test_seed_demo_runs.py): accounts without DEBUG, generated portraits without
the demo. Nothing is built before the refusal."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from pages.models import HomePage, PortraitPage
from tests.helpers.seeding import seed


def test_generate_portraits_needs_the_demo(db):
    with pytest.raises(CommandError, match="seed_demo"):
        call_command("generate_portraits", 3, stdout=io.StringIO(), stderr=io.StringIO())
    assert not PortraitPage.objects.exists()


def test_accounts_are_refused_without_debug(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        seed()
    assert not get_user_model().objects.exists()
    assert not HomePage.objects.exists()  # refused before anything was built
