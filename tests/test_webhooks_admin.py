"""Webhooks in the admin: only the coordination manages endpoints, the secret is shown once, a
test message can be sent, and internal addresses are refused."""

import re

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from tests.helpers.webhooks import INTERNAL_IPV6, refusal_says, running_receiver
from webhooks.models import Endpoint


@pytest.fixture
def receiver():
    yield from running_receiver()


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
