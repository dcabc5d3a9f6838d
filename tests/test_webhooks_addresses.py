"""Webhooks: addresses that are not public (loopback, private networks, IPv6 spellings of
internal addresses) are refused, when resolved and again at delivery time."""

import pytest

from tests.factories import publish
from tests.helpers.portraits import draft_portrait
from tests.helpers.servers import endpoint
from tests.helpers.webhooks import INTERNAL_IPV6, run_pending, running_receiver
from webhooks import delivery as http
from webhooks.models import Delivery, DeliveryAttempt


@pytest.fixture
def receiver():
    yield from running_receiver()


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
