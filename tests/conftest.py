"""The test session's hooks and its most used fixtures (the page tree, users, the GraphQL
client). Groups of fixtures live in tests/helpers/ by topic and are imported here by name, so
that every module finds them. Names that are not fixtures (`COMMITTED`, `postgres_only`,
`database_url`, `build_tree`, …) are imported from their helper module, never from here."""

import gc
import sys

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from wagtail.models import Locale

from cms import roles
from cms.rate_limit import reset_rate_limits
from pages.models import CampaignPage, HomePage, TownSectionPage
from snippets.models import PartnerCity
from tests.helpers.admin import coordinator_client as coordinator_client
from tests.helpers.breaker import breaker_clock as breaker_clock
from tests.helpers.breaker import redis_failures as redis_failures
from tests.helpers.chromium_fixtures import _chromium_session as _chromium_session
from tests.helpers.chromium_fixtures import chromium as chromium
from tests.helpers.chromium_fixtures import staff as staff
from tests.helpers.committed import (
    migration_data_back_afterwards as migration_data_back_afterwards,
)
from tests.helpers.demo_db import SharedDemo
from tests.helpers.demo_db import _shared_demo as _shared_demo
from tests.helpers.demo_db import demo as demo
from tests.helpers.demo_db import seeded_demo as seeded_demo
from tests.helpers.graphql_client import GraphQLClient
from tests.helpers.media_s3 import s3_media as s3_media
from tests.helpers.media_s3 import seaweedfs as seaweedfs
from tests.helpers.portraits import portrait_with_photo as portrait_with_photo
from tests.helpers.portraits import published_portrait as published_portrait
from tests.helpers.portraits import unpublished_portrait as unpublished_portrait
from tests.helpers.rate_windows import frozen_rate_clock as frozen_rate_clock
from tests.helpers.rate_windows import one_rate_window as one_rate_window
from tests.helpers.seeding import on_shared_demo as on_shared_demo
from tests.helpers.stored_lists import forty_generated as forty_generated
from tests.helpers.stored_lists import stored_lists as stored_lists
from tests.helpers.test_database import django_db_setup as django_db_setup
from tests.helpers.test_database import drop_template, start_template
from tests.helpers.translation_admin import translated_portraits as translated_portraits
from tests.helpers.translation_admin import translated_tree as translated_tree
from tests.helpers.tree import Tree, build_tree
from tests.helpers.tree import _shared_tree as _shared_tree
from tests.helpers.visibility import visible_and_hidden as visible_and_hidden


def pytest_configure(config):
    """A parallel run migrates one database for all its test processes (tests/helpers/
    test_database.py): started here, before they are."""
    start_template(config)


def pytest_unconfigure(config):
    drop_template(config)


@pytest.fixture(scope="session")
def media_root(tmp_path_factory):
    return tmp_path_factory.mktemp("media")


@pytest.fixture(autouse=True)
def _isolated_media_and_cache(settings, media_root):
    settings.MEDIA_ROOT = str(media_root)
    cache.clear()
    reset_rate_limits()  # per-process counts (no Redis, or Redis down)
    yield
    cache.clear()


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """A test that does not read the shared demo starts without it (see `SharedDemo`), one
    that does not use the browser without the shared Chromium (tests/browser.py)."""
    if SharedDemo.current is not None and "_shared_demo" not in item.fixturenames:
        SharedDemo.current.close()
    if "chromium" not in item.fixturenames and "tests.browser" in sys.modules:
        sys.modules["tests.browser"].SHARED_CHROMIUM.close()


def pytest_collection_finish(session):
    """What imports and collection built (Django, Wagtail, the schema, the test modules) lives as
    long as the test process: out of the cyclic garbage collector's sight (`gc.freeze`), and the
    young generation collected after 50,000 allocations instead of 700. About 4% less CPU per
    run (a subset of the suite measured both ways, twice); memory stays bounded."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(50_000, 50, 100)


@pytest.hookimpl(trylast=True)  # after `-m` has deselected
def pytest_collection_modifyitems(config, items):
    """The order `make test`'s scheduling (pytest-xdist's `--dist worksteal`) makes the most of:
    it hands each of N test processes an Nth of the list in one piece, in this order, and a
    process that has run out takes the second half of what another has left.
    - The tests that read the shared demo first, one after the other: one process gets them all,
      and the demo is seeded once (`SharedDemo`), not once per process.
    - The browser tests last: each process that gets some launches one Chromium for them
      (`SharedChromium`). Placed in the middle, beside the busiest part of the other share, they
      made the PostgreSQL run slower (855 s against 785 s, stop 31). Among them the long ones
      first (`long_running`, the role journeys take 40 s each): the last two tests of a share
      are never taken by another process, and a run that ends on two journeys ends with the
      other process idle for half a minute (stop 31: 33 s).
    - A module's tests stay together in one process (but where a share ends or is taken), which
      builds their shared tree once (`_shared_tree`).
    The order of everything else is kept."""
    readers = [item for item in items if "_shared_demo" in item.fixturenames]
    browser = [item for item in items if "chromium" in item.fixturenames and item not in readers]
    rest = [item for item in items if item not in readers and item not in browser]
    browser.sort(key=lambda item: item.get_closest_marker("long_running") is None)
    items[:] = readers + rest + browser


@pytest.fixture
def tree(_shared_tree, db):
    """Home → Glücksbringer campaign → one section per town (see `build_tree`). Fresh objects
    for every test: a test may change them freely."""
    if _shared_tree is None:
        return build_tree()
    return Tree(
        home=HomePage.objects.get(pk=_shared_tree.home),
        campaign=CampaignPage.objects.get(pk=_shared_tree.campaign),
        sections={
            slug: TownSectionPage.objects.get(pk=pk) for slug, pk in _shared_tree.sections.items()
        },
        dessau=PartnerCity.objects.get(pk=_shared_tree.dessau),
    )


@pytest.fixture
def en(db):
    """The English content locale."""
    return Locale.objects.get(language_code="en")


@pytest.fixture
def leichte_sprache(db):
    """The Leichte-Sprache content locale (de-x-ls)."""
    return Locale.objects.get(language_code="de-x-ls")


@pytest.fixture
def make_user(django_user_model):
    def make(username, *groups):
        user = django_user_model.objects.create_user(
            username, f"{username}@example.org", "pw-für-tests", first_name=username
        )
        user.groups.set(Group.objects.filter(name__in=groups))
        return user

    return make


@pytest.fixture
def people(make_user, tree):
    """One user per role, in the groups the data migration and the town signal create."""
    return {
        "editor": make_user("redaktion", roles.EDITORS),
        "coordinator": make_user("koordination", roles.COORDINATORS),
        "dessau_editor": make_user(
            "redaktion-dessau", roles.town_editor_group_name("Dessau-Roßlau")
        ),
    }


@pytest.fixture
def graphql(client):
    return GraphQLClient(client)
