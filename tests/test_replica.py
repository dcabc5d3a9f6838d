"""The read replica (cms/replica.py) against a real streaming replica on loopback
(tests/replica_server.py): anonymous public reads come from the replica, the admin and logged-in
users from the primary; a withdrawal is never served by a replica that has not replayed it; a
replica that is down or hanging costs nothing but the primary's answer. PostgreSQL only."""

import os
import signal
import time
from contextlib import ExitStack
from functools import partial

import pytest
from django.conf import settings
from django.db import connections
from psycopg import IsolationLevel

from cms import replica as replica_routing
from cms.graphql.preview import make_token
from cms.models import PartnerApiKey
from pages.models import PortraitPage
from tests.factories import PortraitPageFactory, publish
from tests.helpers.committed import COMMITTED, postgres_only
from tests.replica_server import LoopbackPair

pytestmark = [
    postgres_only,
    *COMMITTED[1:],
    pytest.mark.django_db(
        transaction=True, serialized_rollback=True, databases=["default", "replica"]
    ),
]

QUERY = "{ portraits { items { slug } } }"


@pytest.fixture(scope="module")
def streaming(django_db_setup, django_db_blocker):
    """For this module, the test database on a private primary with a streaming replica
    (tests/replica_server.py): "default" points at that primary, and the replica is the alias
    "replica", as DATABASE_REPLICA_URL makes it (cms/settings/base.py)."""
    default = connections["default"].settings_dict
    with django_db_blocker.unblock():
        connections["default"].close()
        pair = LoopbackPair(default)
        pair.start()
    # A pool (DATABASE_POOL_MAX_SIZE) keeps the connection settings it was made with: a new one.
    connections["default"].close_pool()
    shared = {key: default[key] for key in ("HOST", "PORT", "USER", "PASSWORD")}
    default.update(HOST="127.0.0.1", PORT=str(pair.primary_port), USER="postgres", PASSWORD="")
    settings.DATABASES["replica"] = {
        **default,
        "PORT": str(pair.port),
        "CONN_MAX_AGE": 0,
        "OPTIONS": {"connect_timeout": 1, "isolation_level": IsolationLevel.REPEATABLE_READ},
        "TEST": {**default["TEST"], "MIRROR": "default"},
    }
    try:
        yield pair
    finally:
        with django_db_blocker.unblock():
            connections["replica"].close()
            connections["default"].close()
            connections["default"].close_pool()
        del connections["replica"]
        del settings.DATABASES["replica"]
        default.update(shared)
        pair.remove()


@pytest.fixture(autouse=True)
def _replica_in_sync(streaming):
    """Each test starts with the replica up, replaying and caught up, and no process-wide
    memory of an outage."""
    replica_routing._retry_at = 0.0
    yield
    replica_routing._retry_at = 0.0
    connections["replica"].close()


class Counted:
    """The statements each database ran during the block (`primary`, `replica`: lists of SQL),
    noted without opening a connection."""

    def __enter__(self):
        self.primary, self.replica = [], []
        self._stack = ExitStack()
        for alias, seen in (("default", self.primary), ("replica", self.replica)):
            self._stack.enter_context(connections[alias].execute_wrapper(partial(_note, seen)))
        return self

    def __exit__(self, *exc):
        self._stack.close()


def _note(seen, execute, sql, params, many, context):
    seen.append(sql)
    return execute(sql, params, many, context)


def slugs(graphql, query=QUERY):
    with Counted() as counted:
        data = graphql.data(query)
    return [item["slug"] for item in data["portraits"]["items"]], counted


@pytest.fixture
def replicated_portrait(tree, streaming):
    page = publish(PortraitPageFactory(parent=tree.sections["dessau-rosslau"], slug="live"))
    streaming.wait_for_replay()
    return page


def test_the_replica_alias_is_a_streaming_standby(streaming):
    with connections["replica"].cursor() as cursor:
        cursor.execute("SELECT pg_is_in_recovery()")
        assert cursor.fetchone() == (True,)
    assert streaming.on_primary("SELECT count(*) FROM pg_stat_replication") >= 1


def test_anonymous_reads_come_from_the_replica_the_admin_from_the_primary(
    graphql, client, replicated_portrait, django_user_model
):
    found, counted = slugs(graphql)
    assert found == ["live"]
    assert len(counted.replica) >= 2  # the snapshot's generation, then the portraits
    # The primary: its generation only (and the statement timeout's transaction).
    assert not any("pages_portraitpage" in sql for sql in counted.primary)

    with Counted() as counted:
        assert client.get("/api/v2/pages/").status_code == 200
    assert counted.replica and not any(
        "pages_portraitpage" in sql or "wagtailcore_page" in sql for sql in counted.primary
    )

    editor = django_user_model.objects.create_superuser("chef", "chef@example.org", "pw")
    client.force_login(editor)
    with Counted() as counted:
        assert client.get("/admin/").status_code == 200
    assert counted.primary and not counted.replica
    with Counted() as counted:  # a logged-in user's API read: the primary too
        assert client.get("/api/v2/pages/").status_code == 200
    assert counted.primary and not counted.replica


def test_a_withdrawal_is_not_served_while_the_replica_lags(graphql, replicated_portrait, streaming):
    assert slugs(graphql)[0] == ["live"]
    streaming.pause()
    try:
        PortraitPage.objects.get(pk=replicated_portrait.pk).withdraw_consent(by=None)
        # The replica still shows the portrait: serving from it would leak the withdrawal.
        assert (
            PortraitPage.objects.using("replica")
            .filter(pk=replicated_portrait.pk, live=True)
            .exists()
        )
        found, counted = slugs(graphql)
        assert found == []
        # Behind: one look at the replica's generation, then the primary answered.
        assert counted.replica and all("cms_contentgeneration" in sql for sql in counted.replica)
    finally:
        streaming.resume()
    streaming.wait_for_replay()
    found, counted = slugs(graphql)
    assert found == []
    assert counted.replica  # replayed: the replica answers again


def test_a_preview_reads_its_draft_on_the_primary(graphql, replicated_portrait, streaming):
    streaming.pause()
    try:
        page = PortraitPage.objects.get(pk=replicated_portrait.pk)
        page.title = "Entwurf"
        page.save_revision()  # a draft: no content change, no new generation
        query = "query($t: String) { portrait(token: $t) { title } }"
        with Counted() as counted:
            data = graphql.data(query, {"t": make_token(page)})
        assert data["portrait"] == {"title": "Entwurf"}
        assert counted.replica  # the request was on the replica until the token was parsed
    finally:
        streaming.resume()


def test_api_keys_are_checked_on_the_primary(graphql, replicated_portrait, streaming):
    streaming.pause()
    try:
        key, raw_key = PartnerApiKey.issue("Stadt Gräfenhainichen")
        assert graphql.post(QUERY, HTTP_AUTHORIZATION=f"Bearer {raw_key}").status_code == 200
        key.active = False
        key.save()
        assert graphql.post(QUERY, HTTP_AUTHORIZATION=f"Bearer {raw_key}").status_code == 401
    finally:
        streaming.resume()


def test_a_hanging_replica_costs_one_connect_timeout_per_process(
    graphql, replicated_portrait, streaming
):
    os.kill(streaming.replica_pid(), signal.SIGSTOP)
    try:
        started = time.monotonic()
        found, counted = slugs(graphql)
        first = time.monotonic() - started
        assert found == ["live"] and not counted.replica
        assert first < 5  # the connect timeout (1 s), not a hang
        started = time.monotonic()
        assert slugs(graphql)[0] == ["live"]
        assert time.monotonic() - started < 1  # the replica is left alone for a while
    finally:
        os.kill(streaming.replica_pid(), signal.SIGCONT)


def test_a_stopped_replica_leaves_the_reads_to_the_primary(graphql, replicated_portrait, streaming):
    streaming.stop_replica()
    try:
        found, counted = slugs(graphql)
        assert found == ["live"]
        assert not counted.replica
    finally:
        streaming.start_replica()
