"""Webhook deliveries with real commits and the real worker (django-tasks-db's, as
`manage.py db_worker --backend jobs` runs it): after the commit only, nothing for a change
rolled back, and retried after the receiver was down."""

from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from tests.factories import PortraitPageFactory, publish
from tests.helpers.committed import COMMITTED
from tests.helpers.processes import run_worker
from tests.helpers.servers import Receiver, endpoint
from webhooks.models import Delivery

pytestmark = [*COMMITTED]


@pytest.fixture
def receiver():
    server = Receiver()
    yield server
    server.stop()


def test_a_committed_publish_is_delivered_by_the_worker(tree, receiver):
    hook = endpoint(receiver.url())
    page = publish(PortraitPageFactory(parent=tree.dessau_section))
    assert receiver.requests == []  # not in the editor's request: queued
    assert DBTaskResult.objects.filter(backend_name="jobs", status="READY").count() == 1
    run_worker()
    body = receiver.verified(hook)
    assert body["type"] == "portraitpage.published" and body["data"]["id"] == str(page.pk)
    assert Delivery.objects.get().status == Delivery.Status.DELIVERED


def test_a_rolled_back_change_sends_nothing(tree, receiver):
    endpoint(receiver.url())
    page = PortraitPageFactory(parent=tree.dessau_section)
    with pytest.raises(RuntimeError), transaction.atomic():
        page.save_revision().publish()
        raise RuntimeError("rolled back")
    run_worker()
    assert not Delivery.objects.exists()
    assert not DBTaskResult.objects.exists()
    assert receiver.requests == []


def test_the_worker_retries_after_the_receiver_was_down(tree):
    down = Receiver()
    port = down.port
    down.stop()
    hook = endpoint(down.url())
    publish(PortraitPageFactory(parent=tree.dessau_section))
    run_worker()
    item = Delivery.objects.get()
    assert item.status == Delivery.Status.PENDING and item.attempts == 1
    assert item.attempt_log.get().status_code is None
    run_worker()  # the retry is not due yet
    item.refresh_from_db()
    assert item.attempts == 1

    back = Receiver(port=port)
    try:
        past = timezone.now() - timedelta(seconds=1)
        DBTaskResult.objects.filter(status="READY").update(run_after=past)  # time passes
        run_worker()
        item.refresh_from_db()
        assert item.status == Delivery.Status.DELIVERED and item.attempts == 2
        assert back.verified(hook)["type"] == "portraitpage.published"
        assert back.requests[0]["headers"]["webhook-id"] == item.message_id
        assert [a.status_code for a in item.attempt_log.order_by("attempted_at")] == [None, 204]
    finally:
        back.stop()
