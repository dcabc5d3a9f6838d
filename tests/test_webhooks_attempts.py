"""Webhooks: one delivery attempt (redirects not followed, the response cap, the read timeout),
retries with backoff, and pausing an endpoint that keeps failing. Against a real receiver (see
tests/helpers/webhooks.py)."""

import threading
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from tests.factories import publish
from tests.helpers.portraits import draft_portrait
from tests.helpers.servers import Receiver, endpoint
from tests.helpers.webhooks import committed, run_pending, running_receiver
from webhooks import delivery as http
from webhooks.models import Delivery, DeliveryAttempt
from webhooks.tasks import attempt


@pytest.fixture
def receiver():
    yield from running_receiver()


@pytest.mark.django_db
def test_redirects_are_not_followed(tree, receiver):
    elsewhere = Receiver()
    try:

        def redirect(handler):
            handler.send_response(307)
            handler.send_header("Location", elsewhere.url())
            handler.end_headers()

        receiver.respond = redirect
        endpoint(receiver.url())
        publish(draft_portrait(tree))
        run_pending()
        assert len(receiver.requests) == 1 and elsewhere.requests == []
        logged = DeliveryAttempt.objects.get()
        assert logged.status_code == 307 and "Weiterleitung" in logged.error
        assert Delivery.objects.get().status == Delivery.Status.PENDING
    finally:
        elsewhere.stop()


def test_the_response_body_is_read_up_to_the_cap(receiver, settings):
    """An answer that claims 10 MB and then stalls: only the cap is read, no waiting."""
    settings.WEBHOOK_MAX_RESPONSE_BYTES = 1024
    settings.WEBHOOK_READ_TIMEOUT = 60  # longer than the receiver stalls: no timeout ends it
    stalled = threading.Event()

    def endless(handler):
        handler.send_response(200)
        handler.send_header("Content-Length", str(10 * 1024 * 1024))
        handler.end_headers()
        handler.wfile.write(b"x" * 4096)
        handler.wfile.flush()
        receiver.release.wait(30)
        stalled.set()  # the stall is over (the test ends it, or 30 s passed)

    receiver.respond = endless
    result = http.post(receiver.url(), "whsec_" + "A" * 44, "msg_cap", "{}")
    assert not stalled.is_set()  # back while the receiver still stalls: nothing waited for it
    assert result.ok and len(result.response_excerpt) == 500


def test_a_slow_receiver_times_out(receiver, settings):
    """A receiver that never answers: the POST gives up at the read timeout while the receiver
    still stalls. Waits on the stall, not on the clock: a slow machine cannot fail this, a
    missing timeout waits for the stall's end (the test ends it, or 60 s pass) and does."""
    settings.WEBHOOK_READ_TIMEOUT = 0.5
    stalled = threading.Event()

    def silent(handler):
        receiver.release.wait(60)
        stalled.set()  # the stall is over

    receiver.respond = silent
    result = http.post(receiver.url(), "whsec_" + "A" * 44, "msg_slow", "{}")
    assert len(receiver.requests) == 1  # the request arrived: it was the answer that never came
    assert not stalled.is_set()  # back while the receiver still stalls
    assert not result.ok and "timed out" in result.error


@pytest.mark.django_db
def test_failures_are_retried_with_backoff_then_given_up(tree, settings):
    settings.WEBHOOK_RETRY_DELAYS = [5, 300]
    down = Receiver()
    down.stop()  # nobody listens on this port
    endpoint(down.url())
    publish(draft_portrait(tree))
    item = Delivery.objects.get()
    before = timezone.now()
    attempt(item.pk)
    item.refresh_from_db()
    assert item.status == Delivery.Status.PENDING and item.attempts == 1
    assert before + timedelta(seconds=4) < item.next_attempt_at < before + timedelta(seconds=10)
    queued = DBTaskResult.objects.filter(status="READY").order_by("-enqueued_at")
    assert queued.first().run_after == item.next_attempt_at  # the retry waits in the queue
    attempt(item.pk)
    item.refresh_from_db()
    assert item.next_attempt_at - timezone.now() > timedelta(seconds=250)
    attempt(item.pk)
    item.refresh_from_db()
    assert item.status == Delivery.Status.FAILED and item.attempts == 3
    assert DeliveryAttempt.objects.filter(delivery=item).count() == 3


def test_the_default_schedule_retries_for_more_than_a_day(settings):
    from cms.settings import base

    assert sum(base.WEBHOOK_RETRY_DELAYS) > 24 * 3600
    assert base.WEBHOOK_PAUSE_AFTER == 24 * 3600


@pytest.mark.django_db
def test_an_endpoint_failing_for_a_day_is_paused_and_koordination_told(tree, people):
    down = Receiver()
    down.stop()
    hook = endpoint(down.url(), failing_since=timezone.now() - timedelta(hours=24, minutes=1))
    publish(draft_portrait(tree))
    with committed():
        run_pending()
    hook.refresh_from_db()
    assert not hook.active and hook.paused_at is not None
    assert Delivery.objects.get().status == Delivery.Status.CANCELLED
    [notice] = mail.outbox
    assert notice.to == [people["coordinator"].email]
    assert "pausiert" in notice.subject and hook.url in notice.body
    # A paused endpoint gets nothing more.
    publish(draft_portrait(tree))
    assert Delivery.objects.count() == 1


@pytest.mark.django_db
def test_a_success_clears_the_failure_mark(tree, receiver):
    hook = endpoint(receiver.url(), failing_since=timezone.now() - timedelta(hours=2))
    publish(draft_portrait(tree))
    run_pending()
    hook.refresh_from_db()
    assert hook.failing_since is None and hook.active
