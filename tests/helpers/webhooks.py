"""Shared by the webhook test modules (test_webhooks_*.py): a receiver for one test, running the
waiting deliveries, on-commit reactions, and the IPv6 spellings of internal addresses.

A real HTTP receiver on 127.0.0.1 (no mocks); signatures are checked with `standardwebhooks`.
Attempts run by calling the task's function (`run_pending`); the worker, commits and rollbacks
are in tests/test_webhooks_delivery.py (transactional)."""

from django.test import TestCase

from tests.helpers.servers import Receiver
from webhooks.models import Delivery
from webhooks.tasks import attempt


def running_receiver():
    """A `Receiver` for one test (a fixture's body: `yield from running_receiver()`)."""
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


def refusal_says(text, url):
    """The German refusal names the address and, if it has one, the IPv4 address it embeds."""
    assert "ist keine öffentliche Adresse" in text, text
    assert INTERNAL_IPV6[url] is None or f"IPv6-Schreibweise von {INTERNAL_IPV6[url]}" in text
