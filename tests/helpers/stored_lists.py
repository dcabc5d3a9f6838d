"""The portrait lists' stored order (pages/list_index.py, pages/list_search.py) as their tests
set it up: 40 generated portraits on the demo for the module, the stored order on, in chunks of
7 ids so that pages lie across chunk boundaries (imported into tests/conftest.py)."""

import time
from datetime import timedelta

import pytest
from django.test import TestCase
from django.utils import timezone

from cms.events import emit
from pages import list_index
from pages.models import PortraitPage
from tests.helpers.portraits import generated_portraits

ORDERS = ["-first_published_at", "first_published_at", "title", "-title"]


@pytest.fixture(scope="module")
def forty_generated(demo, django_db_blocker):
    with generated_portraits(40, django_db_blocker):
        yield


@pytest.fixture
def stored_lists(forty_generated, db, graphql, monkeypatch, settings):
    """The GraphQL client, the lists' stored order on (chunks of 7 ids)."""
    monkeypatch.setattr(list_index, "CHUNK", 7)
    settings.PAGE_LIST_INDEX_SECONDS = 300
    return graphql


def counting(sqls):
    return [sql for sql in sqls if "COUNT(" in sql.upper()]


def withdraw(portrait):
    """The portrait's consent withdrawn through the real path (its reactions on commit, the
    generation's bump among them). Without its photo: a withdrawal moves the photo's files and
    those of every copy, and the generated portraits share theirs with other modules' generated
    portraits (files outlive the rolled-back rows)."""
    PortraitPage.objects.filter(pk=portrait.pk).update(photo=None)
    with TestCase.captureOnCommitCallbacks(execute=True):
        portrait.refresh_from_db()
        portrait.withdraw_consent(by=None)


def expire_soon(portrait, seconds=2):
    """The portrait expires in `seconds` (saved with its content event, as an edit would);
    returns a function that waits until it has expired."""
    expires = timezone.now() + timedelta(seconds=seconds)
    with TestCase.captureOnCommitCallbacks(execute=True):
        PortraitPage.objects.filter(pk=portrait.pk).update(expire_at=expires)
        portrait.refresh_from_db()
        emit(portrait, "updated")

    def wait():
        while timezone.now() <= expires:
            time.sleep(0.05)

    return wait
