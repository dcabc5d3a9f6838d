"""Webhooks to partner sites: events and payload, Standard Webhooks signatures, refused
addresses, redirects, the response cap, retries and pausing, the admin and the command.

A real HTTP receiver on 127.0.0.1 (no mocks); signatures are checked with `standardwebhooks`.
Attempts run here by calling the task's function; the worker, commits and rollbacks are in
tests/test_webhooks_delivery.py (transactional).
"""

import io
import json
import re
import threading
from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.core.management import CommandError, call_command
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from standardwebhooks import Webhook

from tests.factories import publish
from tests.helpers.portraits import draft_portrait
from tests.helpers.servers import Receiver, endpoint
from webhooks import delivery as http
from webhooks.models import Delivery, DeliveryAttempt, Endpoint
from webhooks.tasks import attempt


@pytest.fixture
def receiver():
    server = Receiver()
    yield server
    server.stop()


def run_pending():
    """What the worker does with the waiting deliveries, in this test's transaction."""
    for pk in Delivery.objects.filter(status=Delivery.Status.PENDING).values_list("pk", flat=True):
        attempt(pk)


def committed():
    """The reactions that run on commit (the test's transaction never commits)."""
    return TestCase.captureOnCommitCallbacks(execute=True)


@pytest.mark.django_db
def test_events_reach_matching_endpoints_signed(tree, receiver):
    everything = endpoint(receiver.url("/all"))
    only_unpublished = endpoint(receiver.url("/gone"), events=["unpublished"])
    endpoint(receiver.url("/off"), active=False)

    page = publish(draft_portrait(tree, slug="erika"))
    run_pending()
    assert [r["path"] for r in receiver.requests] == ["/all"]
    body = receiver.verified(everything)
    assert body["type"] == "portraitpage.published"
    assert body["data"] == {
        "id": str(page.pk),
        "slug": "erika",
        "urlPath": page.url_path,
        "town": "dessau-rosslau",
        "locale": "de",
        "url": page.url,
    }
    assert set(body) == {"type", "timestamp", "data"}
    headers = receiver.requests[-1]["headers"]
    assert headers["webhook-id"].startswith("msg_")
    assert headers["webhook-signature"].startswith("v1,")
    assert headers["Content-Type"] == "application/json"

    with committed():
        page.unpublish()
    run_pending()
    assert sorted(r["path"] for r in receiver.requests[1:]) == ["/all", "/gone"]
    assert receiver.verified(only_unpublished)["type"] == "portraitpage.unpublished"

    town = tree.dessau
    with committed():
        town.save_revision().publish()
    run_pending()
    assert receiver.requests[-1]["path"] == "/all"
    assert receiver.verified(everything)["type"] == "partnercity.updated"
    assert receiver.verified(everything)["data"]["town"] == "dessau-rosslau"
    assert len(receiver.requests) == 4
    attempts = DeliveryAttempt.objects.all()
    assert attempts.count() == 4
    assert all(a.status_code == 204 and a.duration_ms >= 0 for a in attempts)


REFETCH = """query($id: ID, $locale: String) {
  portrait(id: $id, locale: $locale) { id slug url locale }
  page(id: $id, locale: $locale) { id }
}"""


@pytest.mark.django_db
@pytest.mark.parametrize("code", ["en", "de-x-ls"])
def test_a_translation_is_told_with_its_locale_and_url_and_the_documented_refetch_finds_it(
    tree, people, receiver, graphql, code
):
    from tests.helpers.content import publish_translation

    hook = endpoint(receiver.url())
    german = publish(draft_portrait(tree, slug="erika"))
    translation = publish_translation(tree, people["coordinator"], code, german)
    Delivery.objects.all().delete()
    with committed():
        translation.save_revision().publish()  # an update of the live translation
    run_pending()
    told = receiver.verified(hook)
    assert told["type"] == "portraitpage.published"
    data = told["data"]
    assert data["id"] == str(translation.pk) and data["locale"] == code
    assert data["url"] == translation.url == f"/{code}{german.url}"
    # docs/webhooks.md: refetch with the id and the locale of the message.
    refetched = graphql.data(REFETCH, {"id": data["id"], "locale": data["locale"]})
    assert refetched["portrait"] == {
        "id": data["id"],
        "slug": "erika",
        "url": data["url"],
        "locale": code,
    }
    assert refetched["page"] == {"id": data["id"]}
    # Without the locale the German lookup finds nothing: what made an update look like an
    # unpublish.
    assert graphql.data(REFETCH, {"id": data["id"]}) == {"portrait": None, "page": None}


@pytest.mark.django_db
def test_consent_withdrawal_is_an_unpublish_without_the_reason(tree, people, receiver):
    hook = endpoint(receiver.url())
    page = publish(draft_portrait(tree))
    run_pending()
    with committed():
        page.withdraw_consent(by=people["coordinator"])
    run_pending()
    types = [json.loads(r["body"])["type"] for r in receiver.requests]
    assert types == ["portraitpage.published", "portraitpage.unpublished"]
    assert "consent" not in receiver.requests[-1]["body"]
    assert receiver.verified(hook)["type"] == "portraitpage.unpublished"


@pytest.mark.django_db
def test_drafts_send_nothing(tree, receiver):
    endpoint(receiver.url())
    page = draft_portrait(tree)
    with committed():
        page.save_revision()
    assert not Delivery.objects.exists()


@pytest.mark.django_db
def test_a_town_going_offline_and_back_is_told_for_its_pages_and_hidden_publishes_are_not(
    tree, receiver
):
    from wagtail.models import PageViewRestriction

    hook = endpoint(receiver.url())
    publish(draft_portrait(tree, slug="erika"))
    run_pending()
    with committed():
        tree.dessau.unpublish()
    run_pending()
    told = {json.loads(r["body"])["type"] for r in receiver.requests[1:]}
    assert told == {
        "partnercity.unpublished",
        "townsectionpage.unpublished",
        "portraitpage.unpublished",
    }
    # Published while its town is offline: not visible, so not announced.
    publish(draft_portrait(tree, slug="hidden"))
    run_pending()
    assert len(receiver.requests) == 4
    # A restriction on a visible page is an unpublish for it.
    with committed():
        PageViewRestriction.objects.create(
            page=tree.sections["lutherstadt-wittenberg"],
            restriction_type=PageViewRestriction.LOGIN,
        )
    run_pending()
    assert len(receiver.requests) == 5
    body = receiver.verified(hook)
    assert (body["type"], body["data"]["slug"]) == (
        "townsectionpage.unpublished",
        "lutherstadt-wittenberg",
    )


@pytest.mark.django_db
def test_a_section_going_offline_and_back_is_told_for_its_portraits_once(tree, people, receiver):
    """A section unpublished with Wagtail's default (its portraits stay live) takes them out of
    the API: partners hear "unpublished" for each, once, also when the admin's "unpublish the
    subpages too" follows; a publish below the offline section is not announced; the section
    published again announces them again."""
    from wagtail.actions.unpublish_page import UnpublishPageAction

    endpoint(receiver.url())
    section = tree.dessau_section
    page = publish(draft_portrait(tree, slug="erika"))
    run_pending()

    def told():
        run_pending()
        told = [json.loads(r["body"]) for r in receiver.requests]
        receiver.requests.clear()
        return sorted((body["type"], body["data"]["slug"]) for body in told)

    assert told() == [("portraitpage.published", "erika")]
    with committed():
        section.unpublish()
    assert told() == [
        ("portraitpage.unpublished", "erika"),
        ("townsectionpage.unpublished", "dessau-rosslau"),
    ]
    publish(page)  # visible only once its section is: not announced
    assert told() == []
    publish(section)
    assert told() == [
        ("portraitpage.published", "erika"),
        ("townsectionpage.published", "dessau-rosslau"),
    ]
    with committed():
        user = people["coordinator"]
        UnpublishPageAction(section, user=user, include_descendants=True).execute()
    page.refresh_from_db()
    assert not page.live
    assert told() == [
        ("portraitpage.unpublished", "erika"),
        ("townsectionpage.unpublished", "dessau-rosslau"),
    ]


REFUSED = [
    "http://127.0.0.1:8000/",
    "https://127.0.0.1/",
    "https://localhost/",
    "https://[::1]/",
    "https://10.0.0.1/",
    "https://172.16.0.1/",
    "https://192.168.1.10/",
    "https://169.254.169.254/latest/meta-data/",
    "https://[fe80::1]/",
    "https://[::ffff:127.0.0.1]/",
    "https://0.0.0.0/",
    "https://100.64.0.1/",
    "ftp://example.org/",
    "https://user:pw@93.184.215.14/",
]


# IPv6 spellings of internal addresses (each names the IPv4 address it reaches) and the other
# special IPv6 ranges Python's `is_global` lets through in some version.
INTERNAL_IPV6 = {
    "https://[64:ff9b::a9fe:a9fe]/latest/meta-data/": "169.254.169.254",  # NAT64
    "https://[64:ff9b::7f00:1]/": "127.0.0.1",
    "https://[64:ff9b::a00:1]/": "10.0.0.1",
    "https://[64:ff9b:1::a9fe:a9fe]/": None,  # local-use NAT64
    "https://[2002:7f00:1::]/": "127.0.0.1",  # 6to4
    "https://[2002:a9fe:a9fe::1]/": "169.254.169.254",
    "https://[2001:0:5db8:d70e:0:0:80ff:fffe]/": "127.0.0.1",  # Teredo, client
    "https://[2001:0:a9fe:a9fe:0:0:a2cb:2ff1]/": "169.254.169.254",  # Teredo, server
    "https://[::127.0.0.1]/": "127.0.0.1",  # IPv4-compatible
    "https://[::a9fe:a9fe]/": "169.254.169.254",
    "https://[::ffff:0:7f00:1]/": "127.0.0.1",  # IPv4-translated
    "https://[::ffff:169.254.169.254]/": None,  # IPv4-mapped
    "https://[fec0::1]/": None,  # site-local (deprecated)
    "https://[3fff::1]/": None,  # documentation
    "https://[5f00::1]/": None,  # SRv6
    "https://[fd00:ec2::254]/": None,  # unique local (the EC2 metadata service's)
}
PUBLIC_IPV6 = [
    "https://[2a00:1450:4001:82b::200e]/",
    "https://[64:ff9b::5db8:d70e]/",  # NAT64 of 93.184.215.14, as DNS64 answers
    "https://[2002:5db8:d70e::1]/",  # 6to4 of 93.184.215.14
    "https://[::ffff:93.184.215.14]/",
]


@pytest.mark.parametrize("url", REFUSED + list(INTERNAL_IPV6))
def test_production_refuses_non_public_addresses(settings, url):
    settings.WEBHOOK_ALLOW_LOOPBACK = False
    with pytest.raises(http.RefusedAddress):
        http.resolve(url)


@pytest.mark.parametrize("url", PUBLIC_IPV6)
def test_public_ipv6_addresses_are_allowed(settings, url):
    settings.WEBHOOK_ALLOW_LOOPBACK = False
    assert http.resolve(url)[2]


def test_public_https_is_allowed_and_http_is_not(settings):
    settings.WEBHOOK_ALLOW_LOOPBACK = False
    assert http.resolve("https://93.184.215.14/hook")[2] == ["93.184.215.14"]
    with pytest.raises(http.RefusedAddress):
        http.resolve("http://93.184.215.14/hook")
    settings.WEBHOOK_ALLOW_LOOPBACK = True  # development: loopback, not private networks
    assert http.resolve("http://127.0.0.1:9/")[2] == ["127.0.0.1"]
    for url in ("http://10.0.0.1/", "https://169.254.169.254/", "http://93.184.215.14/"):
        with pytest.raises(http.RefusedAddress):
            http.resolve(url)


@pytest.mark.django_db
def test_loopback_is_refused_at_delivery_time_in_production(tree, receiver, settings):
    endpoint(receiver.url())  # saved while loopback was allowed
    publish(draft_portrait(tree))
    settings.WEBHOOK_ALLOW_LOOPBACK = False
    run_pending()
    assert receiver.requests == []
    logged = DeliveryAttempt.objects.get()
    assert logged.status_code is None and "keine öffentliche Adresse" in logged.error
    assert Delivery.objects.get().status == Delivery.Status.PENDING  # retried later


@pytest.mark.django_db
@pytest.mark.parametrize("url", list(INTERNAL_IPV6)[:3])
def test_an_internal_ipv6_spelling_is_refused_at_delivery_time(tree, settings, url):
    """Saved before the rule knew it (or resolved so by DNS later): each attempt checks again."""
    settings.WEBHOOK_ALLOW_LOOPBACK = False
    endpoint(url)
    publish(draft_portrait(tree))
    run_pending()
    logged = DeliveryAttempt.objects.get()
    assert logged.status_code is None
    assert f"IPv6-Schreibweise von {INTERNAL_IPV6[url]}" in logged.error


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
    settings.WEBHOOK_READ_TIMEOUT = 0.5
    receiver.respond = lambda handler: receiver.release.wait(10)
    result = http.post(receiver.url(), "whsec_" + "A" * 44, "msg_slow", "{}")
    assert not result.ok and "timed out" in result.error
    assert result.duration_ms < 3000


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


# --- Admin ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_only_koordination_sees_webhooks_in_the_admin(client, people):
    client.force_login(people["coordinator"])
    assert (
        reverse("webhook_endpoints:index")
        in client.get(reverse("wagtailadmin_home")).content.decode()
    )
    assert client.get(reverse("webhook_endpoints:index")).status_code == 200
    assert client.get(reverse("webhook_log:index")).status_code == 200
    for role in ("editor", "dessau_editor"):
        client.force_login(people[role])
        home = client.get(reverse("wagtailadmin_home")).content.decode()
        assert reverse("webhook_endpoints:index") not in home
        for url in (reverse("webhook_endpoints:index"), reverse("webhook_log:index")):
            assert client.get(url).status_code in (302, 403)


@pytest.mark.django_db
def test_secret_shown_once_and_test_message_sent(client, people, receiver):
    client.force_login(people["coordinator"])
    response = client.post(
        reverse("webhook_endpoints:add"),
        {
            "name": "Stadt Bitterfeld-Wolfen",
            "url": receiver.url(),
            "events": ["published", "unpublished"],
            "active": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    text = " ".join(str(m) for m in get_messages(response.wsgi_request))
    hook = Endpoint.objects.get()
    assert re.search(r"whsec_[\w+/=]+", text).group(0) == hook.secret
    assert hook.events == ["published", "unpublished"]
    first_view = client.get(reverse("webhook_endpoints:index")).content.decode()
    assert hook.secret in first_view  # the confirmation message, once
    listing = client.get(reverse("webhook_endpoints:index")).content.decode()
    edit = client.get(reverse("webhook_endpoints:edit", args=(hook.pk,))).content.decode()
    assert hook.secret not in listing and hook.secret not in edit
    assert "Test senden" in edit

    response = client.post(reverse("webhooks_send_test", args=(hook.pk,)), follow=True)
    assert "zugestellt" in response.content.decode()
    assert receiver.verified(hook)["type"] == "webhook.test"
    log = client.get(reverse("webhook_log:index")).content.decode()
    assert "webhook.test" in log and "204" in log

    client.force_login(people["editor"])
    assert client.post(reverse("webhooks_send_test", args=(hook.pk,))).status_code in (302, 403)
    assert len(receiver.requests) == 1


def refusal_says(text, url):
    """The German refusal names the address and, if it has one, the IPv4 address it embeds."""
    assert "ist keine öffentliche Adresse" in text, text
    assert INTERNAL_IPV6[url] is None or f"IPv6-Schreibweise von {INTERNAL_IPV6[url]}" in text


@pytest.mark.django_db
@pytest.mark.parametrize("url", INTERNAL_IPV6)
def test_the_admin_refuses_ipv6_spellings_of_internal_addresses(client, people, settings, url):
    settings.WEBHOOK_ALLOW_LOOPBACK = False
    client.force_login(people["coordinator"])
    data = {"name": "Intern", "url": url, "events": ["published"]}
    response = client.post(reverse("webhook_endpoints:add"), data)
    assert response.status_code == 200
    errors = response.context["form"].errors["url"]
    refusal_says(" ".join(errors), url)
    assert not Endpoint.objects.exists()


@pytest.mark.django_db
def test_the_admin_refuses_private_addresses(client, people, settings):
    settings.WEBHOOK_ALLOW_LOOPBACK = False
    client.force_login(people["coordinator"])
    data = {"name": "Intern", "url": "https://169.254.169.254/", "events": ["published"]}
    response = client.post(reverse("webhook_endpoints:add"), data)
    assert response.status_code == 200 and "öffentliche Adresse" in response.content.decode()
    assert not Endpoint.objects.exists()


# --- Command -------------------------------------------------------------------------------


def command(*args):
    out = io.StringIO()
    call_command("webhook_endpoint", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_the_command_adds_lists_and_removes(receiver):
    out = command("--add", receiver.url(), "--events", "published,updated", "--name", "Partner")
    hook = Endpoint.objects.get()
    assert hook.secret in out and hook.events == ["published", "updated"]
    Webhook(out.strip().splitlines()[-1])  # the printed secret works with the library
    listing = command("--list")
    assert receiver.url() in listing and hook.secret not in listing
    assert "1 Webhook-Empfänger entfernt" in command("--remove", str(hook.pk))
    assert not Endpoint.objects.exists()
    with pytest.raises(CommandError):
        command("--remove", "4711")
    with pytest.raises(CommandError):
        command("--add", receiver.url(), "--events", "deleted")


@pytest.mark.django_db
@pytest.mark.parametrize("url", INTERNAL_IPV6)
def test_the_command_refuses_ipv6_spellings_of_internal_addresses(settings, url):
    settings.WEBHOOK_ALLOW_LOOPBACK = False
    with pytest.raises(CommandError) as refused:
        command("--add", url)
    refusal_says(str(refused.value), url)
    assert not Endpoint.objects.exists()


@pytest.mark.django_db
def test_the_command_refuses_private_addresses(settings):
    settings.WEBHOOK_ALLOW_LOOPBACK = False
    with pytest.raises(CommandError, match="öffentliche"):
        command("--add", "https://10.1.2.3/hook")
    assert not Endpoint.objects.exists()
