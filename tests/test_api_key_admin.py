"""Partner API keys in the admin: the coordination group issues and revokes them; a new key is
shown once and works at once against /graphql/; editors cannot reach the keys."""

import re

import pytest
from bs4 import BeautifulSoup
from django.contrib.messages import get_messages
from django.urls import reverse

from cms.models import PartnerApiKey

QUERY = "{ partnerCities { slug } }"


def issue_through_admin(client, name="Stadt Bitterfeld-Wolfen"):
    """The key, from the page that shows it once: in a read-only field with a copy button."""
    response = client.post(
        reverse("api_keys:add"), {"name": name, "rate_limit": 1000, "active": "on"}
    )
    assert response.status_code == 200, response.content.decode()[:2000]
    page = BeautifulSoup(response.content, "html.parser")
    field = page.find("input", id="api-key-value")
    assert field.has_attr("readonly") and field.has_attr("data-w-clipboard-target")
    assert page.find("button", attrs={"data-action": "w-clipboard#copy"})
    assert "nur jetzt angezeigt" in page.find(attrs={"data-testid": "api-key-warning"}).text
    assert not list(get_messages(response.wsgi_request))  # not also in a flash message
    return field["value"]


@pytest.mark.django_db
def test_coordination_issues_a_key_that_works_at_once(client, graphql, people):
    client.force_login(people["coordinator"])
    raw_key = issue_through_admin(client)
    key = PartnerApiKey.objects.get(name="Stadt Bitterfeld-Wolfen")
    assert key.rate_limit == 1000 and key.active
    assert raw_key.startswith(key.prefix)
    assert raw_key not in key.key_hash  # only the hash is stored
    assert re.fullmatch(r"es_[\w-]+", raw_key)
    listing = client.get(reverse("api_keys:index")).content.decode()
    assert key.prefix in listing and raw_key not in listing  # shown once, on its own page

    response = graphql.post(QUERY, HTTP_AUTHORIZATION=f"Bearer {raw_key}")
    assert response.status_code == 200


@pytest.mark.django_db
def test_revoking_in_the_admin_stops_the_key(client, graphql, people):
    client.force_login(people["coordinator"])
    raw_key = issue_through_admin(client)
    key = PartnerApiKey.objects.get()
    response = client.post(
        reverse("api_keys:edit", args=(key.pk,)),
        {"name": key.name, "rate_limit": key.rate_limit},  # "aktiv" unticked
    )
    assert response.status_code == 302
    response = graphql.post(QUERY, HTTP_AUTHORIZATION=f"Bearer {raw_key}")
    assert response.status_code == 401
    assert response.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["editor", "dessau_editor"])
def test_editors_cannot_reach_the_keys(client, people, role):
    key, _raw = PartnerApiKey.issue("Stadt Gräfenhainichen")
    client.force_login(people[role])
    for url in (
        reverse("api_keys:index"),
        reverse("api_keys:add"),
        reverse("api_keys:edit", args=(key.pk,)),
    ):
        response = client.get(url)
        assert response.status_code in (302, 403)
        if response.status_code == 302:
            assert response["Location"] == reverse("wagtailadmin_home")
    client.post(reverse("api_keys:add"), {"name": "Unbefugt", "rate_limit": 10, "active": "on"})
    assert not PartnerApiKey.objects.filter(name="Unbefugt").exists()
