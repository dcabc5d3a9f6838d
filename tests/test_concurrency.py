"""Consent withdrawal, publishing and the scheduler under real concurrency, on PostgreSQL.

Each test lets separate processes (or connections) act on the same committed rows at the same
moment, so the tests are transactional (see `migration_data_back_afterwards`).
"""

import datetime
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.db import close_old_connections, connections, transaction
from django.utils import timezone
from wagtail.models import PageLogEntry

from pages.consent_errors import ConsentWithdrawnError
from pages.models import PortraitPage
from tests.factories import ImageFactory, PortraitPageFactory, publish
from tests.helpers.committed import COMMITTED, database_url, postgres_only
from tests.helpers.processes import _at, _run_together

pytestmark = [*COMMITTED, postgres_only]

BASE_DIR = Path(__file__).resolve().parent.parent
PORTRAIT_QUERY = "query($slug: String) { portrait(slug: $slug) { slug photo { url } } }"


def _withdraw(page_pk, user_pk, start, results):
    from django.contrib.auth import get_user_model

    try:
        page = PortraitPage.objects.get(pk=page_pk)
        user = get_user_model().objects.get(pk=user_pk)
        _at(start)
        page.withdraw_consent(by=user)
        results.put(("withdraw", "ok"))
    except Exception as error:  # reported to the test, which fails on it
        results.put(("withdraw", repr(error)))
    finally:
        connections.close_all()


def _publish(page_pk, start, results):
    try:
        # The publisher reads the portrait before the withdrawal commits (as an editor's form,
        # a workflow approval or the scheduler does), and publishes at `start`.
        page = PortraitPage.objects.get(pk=page_pk)
        page.teaser = "Neue Fassung, zeitgleich mit dem Widerruf freigegeben."
        revision = page.save_revision()
        _at(start)
        revision.publish()
        results.put(("publish", "published"))
    except Exception as error:
        results.put(("publish", type(error).__name__))
    finally:
        connections.close_all()


# Publish this many seconds after (positive) or before (negative) the withdrawal starts.
OFFSETS = (-0.045, -0.02, -0.005, 0.0, 0.005, 0.015, 0.03)


def test_withdrawal_wins_every_race_with_a_publish(graphql, tree, people):
    """One trial per offset, each on its own portrait, both sides in their own process."""
    outcomes = []
    for number, offset in enumerate(OFFSETS):
        photo = ImageFactory(title=f"Rennen {offset}")
        slug = f"rennen-{number}"
        page = publish(PortraitPageFactory(parent=tree.dessau_section, slug=slug, photo=photo))
        old_photo_url = graphql.data(PORTRAIT_QUERY, {"slug": slug})["portrait"]["photo"]["url"]

        start = time.time() + 0.5
        outcome = _run_together(
            (_withdraw, (page.pk, people["coordinator"].pk, start)),
            (_publish, (page.pk, start + offset)),
        )
        outcomes.append(outcome["publish"])

        assert outcome["withdraw"] == "ok", (offset, outcome)
        # The publish either finished first (and the withdrawal took it down) or was refused.
        assert outcome["publish"] in ("published", "ConsentWithdrawnError"), (offset, outcome)
        page.refresh_from_db()
        assert not page.live, offset
        assert page.is_consent_withdrawn, offset
        assert graphql.data(PORTRAIT_QUERY, {"slug": slug})["portrait"] is None, offset
        photo.refresh_from_db()
        assert photo.file.name.rsplit("/", 1)[-1] not in old_photo_url, offset  # moved
        log = PageLogEntry.objects.filter(page=page, action="pages.consent_withdrawn")
        assert log.count() == 1, offset
    print("publish outcomes by offset:", dict(zip(OFFSETS, outcomes, strict=True)))


def test_a_new_consent_recorded_after_the_withdrawal_makes_it_publishable_again(
    graphql, tree, people
):
    from tests.factories import DocumentFactory

    page = publish(
        PortraitPageFactory(parent=tree.dessau_section, slug="neu", photo=ImageFactory(title="Neu"))
    )
    page.withdraw_consent(by=people["coordinator"])
    page.refresh_from_db()
    withdrawn_at = page.consent_withdrawn_at

    # The old consent again (old date, old form) does not count.
    with pytest.raises(ConsentWithdrawnError):
        page.save_revision().publish()
    page.consent_given_at = timezone.localdate()
    with pytest.raises(ConsentWithdrawnError):  # a new date with the old form neither
        page.save_revision().publish()

    page.consent_document = DocumentFactory(title="Neue Einwilligung")
    page.save_revision(user=people["coordinator"]).publish(user=people["coordinator"])
    page.refresh_from_db()
    assert page.live and page.has_valid_consent and not page.is_consent_withdrawn
    assert page.consent_withdrawn_at == withdrawn_at  # the withdrawal stays on record
    assert PortraitPage.objects.filter(PortraitPage.VALID_CONSENT, pk=page.pk).exists()
    shown = graphql.data(PORTRAIT_QUERY, {"slug": "neu"})["portrait"]
    assert shown["slug"] == "neu"
    assert shown["photo"] is not None  # under the new address it got at the withdrawal
    assert PageLogEntry.objects.filter(page=page, action="pages.consent_withdrawn").exists()


def test_readers_see_the_withdrawal_from_its_commit_on_through_the_redis_cache(
    graphql, tree, people, settings
):
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": settings.TEST_REDIS_URL,
            "KEY_PREFIX": "concurrency-test",
        }
    }
    settings.GRAPHQL_CACHE_SECONDS = 60
    page = publish(PortraitPageFactory(parent=tree.dessau_section, slug="offen"))
    variables = {"slug": "offen"}

    def read():
        response = graphql.post(PORTRAIT_QUERY, variables)
        assert response.status_code == 200
        return response.get("X-Cache"), response.json()["data"]["portrait"]

    uncommitted, commit = threading.Event(), threading.Event()
    failures = []

    def withdraw_in_a_long_transaction():
        try:
            with transaction.atomic():
                PortraitPage.objects.get(pk=page.pk).withdraw_consent(by=people["coordinator"])
                uncommitted.set()
                assert commit.wait(timeout=30)
        except Exception as error:
            failures.append(error)
            uncommitted.set()
        finally:
            connections.close_all()

    worker = threading.Thread(target=withdraw_in_a_long_transaction)
    worker.start()
    assert uncommitted.wait(timeout=30)
    # While the withdrawal is open, other connections still see the portrait, and cache it.
    assert read() == ("MISS", {"slug": "offen", "photo": None})
    assert read()[0] == "HIT"
    commit.set()
    worker.join(timeout=30)
    assert not failures, failures
    # From the commit on, nobody is served the cached answer any more.
    assert read() == ("MISS", None)
    assert read() == ("HIT", None)


def test_an_answer_computed_before_an_expiry_is_not_kept_after_it(tree, settings):
    from cms.graphql import cache as response_cache

    settings.GRAPHQL_CACHE_SECONDS = 60
    page = publish(PortraitPageFactory(parent=tree.dessau_section, slug="ablauf"))
    # The query started, then the portrait expired while it ran (a slow query).
    entry = response_cache.Entry(
        "graphql:response:ablauf", timezone.now() - datetime.timedelta(seconds=5)
    )
    PortraitPage.objects.filter(pk=page.pk).update(
        expire_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    response_cache.store_body(entry, b'{"data":{"portraits":{"items":[{"slug":"ablauf"}]}}}')
    assert response_cache.get_stored(entry) is None


def _scheduler_process():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
        "DATABASE_URL": database_url(),
    }
    return subprocess.Popen(  # noqa: S603 - our own manage.py, fixed arguments
        [sys.executable, "manage.py", "run_scheduler", "--once"],
        cwd=BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def test_two_schedulers_publish_each_due_page_exactly_once(tree):
    section = tree.dessau_section
    past = timezone.now() - datetime.timedelta(minutes=1)
    pages = []
    for number in range(50):  # approved for a go-live a minute ago, not yet published
        page = PortraitPageFactory(parent=section, slug=f"faellig-{number}", go_live_at=past)
        page.save_revision(approved_go_live_at=past)
        pages.append(page)
    close_old_connections()

    schedulers = [_scheduler_process(), _scheduler_process()]
    outputs = [process.communicate(timeout=120)[0] for process in schedulers]
    assert all(process.returncode == 0 for process in schedulers), outputs

    published = PageLogEntry.objects.filter(
        page__in=[p.pk for p in pages], action="wagtail.publish.scheduled"
    )
    per_page = {page.pk: 0 for page in pages}
    for entry in published:
        per_page[entry.page_id] += 1
    assert set(per_page.values()) == {1}, per_page
    assert PortraitPage.objects.filter(pk__in=per_page, live=True).count() == 50


def test_a_scheduler_skips_its_run_while_another_holds_the_lock(tree):
    import psycopg

    from editorial import scheduler

    params = connections["default"].get_connection_params()
    params.pop("cursor_factory", None)
    params.pop("context", None)
    with psycopg.connect(**params, autocommit=True) as other:
        other.execute("SELECT pg_advisory_lock(%s)", [scheduler.LOCK_KEY])
        assert scheduler.run_once() is False
        other.execute("SELECT pg_advisory_unlock(%s)", [scheduler.LOCK_KEY])
    assert scheduler.run_once() is True
    assert scheduler.run_once() is True  # each run lets go of the lock


def _upload_copy(photo, title):
    from django.core.files.base import ContentFile

    with photo.open_file() as original:
        content = original.read()
    copy = type(photo)(title=title, alt_text="Dieselbe Datei")
    copy.file = ContentFile(content, name="kopie.png")
    copy.save()
    return copy


@pytest.mark.parametrize("first", ["withdrawal", "upload"])
def test_a_copy_uploaded_during_a_withdrawal_is_withdrawn_too(tree, people, first):
    """The withdrawal marks the photo and every other record of its file on the image rows in
    its own transaction. A copy of the file uploaded at the same moment is marked whichever
    transaction commits first: the upload waits for the open withdrawal, or the withdrawal
    waits for the open upload and then sees its row."""
    photo = ImageFactory(title="Foto im Rennen")
    page = publish(PortraitPageFactory(parent=tree.dessau_section, slug="rennen", photo=photo))
    opened, commit = threading.Event(), threading.Event()
    copies, failures = [], []

    def in_a_thread(action, hold):
        def run():
            try:
                with transaction.atomic():
                    action()
                    if hold:
                        opened.set()
                        assert commit.wait(timeout=30)
            except Exception as error:
                failures.append(error)
                opened.set()
            finally:
                connections.close_all()

        return threading.Thread(target=run)

    def withdraw():
        PortraitPage.objects.get(pk=page.pk).withdraw_consent(by=people["coordinator"])

    def upload():
        copies.append(_upload_copy(photo, "Kopie im Rennen"))

    held, waiting = (withdraw, upload) if first == "withdrawal" else (upload, withdraw)
    holder, waiter = in_a_thread(held, hold=True), in_a_thread(waiting, hold=False)
    holder.start()
    assert opened.wait(timeout=30)
    waiter.start()
    waiter.join(timeout=0.5)
    assert waiter.is_alive()  # it waits for the open transaction's rows
    commit.set()
    holder.join(timeout=30)
    waiter.join(timeout=30)
    assert not failures, failures
    marked = type(photo).objects.filter(consent_withdrawn_at__isnull=False)
    assert set(marked.values_list("pk", flat=True)) == {photo.pk, copies[0].pk}
