"""Webhooks: the `webhook_endpoint` management command adds, lists and removes endpoints and
refuses internal addresses."""

import io

import pytest
from django.core.management import CommandError, call_command
from standardwebhooks import Webhook

from tests.helpers.webhooks import INTERNAL_IPV6, refusal_says, running_receiver
from webhooks.models import Endpoint


@pytest.fixture
def receiver():
    yield from running_receiver()


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
