"""The GraphQL response cache: repeated reads are served from the cache, and every content
change that alters what clients see ends every cached answer at once."""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from cms.graphql import cache as response_cache
from pages.models import PortraitPage

QUERY = "{ portraits { items { slug name photo { alt } } } }"


@pytest.fixture(autouse=True)
def _cache_on(settings):
    settings.GRAPHQL_CACHE_SECONDS = 60


def read(graphql, query=QUERY, variables=None):
    response = graphql.post(query, variables)
    payload = response.json()
    assert response.status_code == 200, payload
    assert "errors" not in payload, payload
    return response.get("X-Cache"), payload["data"]


def slugs(data):
    return [item["slug"] for item in data["portraits"]["items"]]


@pytest.mark.django_db
def test_a_repeated_read_is_answered_from_the_cache_with_one_tiny_query(
    graphql, portrait_with_photo, django_assert_num_queries
):
    first_state, first = read(graphql)
    assert first_state == "MISS"
    # The one query reads the content generation (a primary-key lookup of one row).
    with django_assert_num_queries(1):
        second_state, second = read(graphql)
    assert second_state == "HIT"
    assert second == first
    assert slugs(second) == ["gecacht"]


@pytest.mark.django_db
def test_variables_are_part_of_the_key(graphql, portrait_with_photo):
    query = "query($town: String) { portraits(town: $town) { items { slug } } }"
    _, dessau = read(graphql, query, {"town": "dessau-rosslau"})
    state, wittenberg = read(graphql, query, {"town": "lutherstadt-wittenberg"})
    assert state == "MISS"
    assert slugs(dessau) == ["gecacht"]
    assert slugs(wittenberg) == []


def _withdraw(page, people):
    page.withdraw_consent(by=None)


def _unpublish(page, people):
    page.unpublish()


def _restrict(page, people):
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="geheim"
    )


def _delete(page, people):
    page.delete()


@pytest.mark.django_db
@pytest.mark.parametrize("change", [_withdraw, _unpublish, _restrict, _delete])
def test_a_change_ends_every_cached_answer(
    graphql, portrait_with_photo, change, django_capture_on_commit_callbacks
):
    read(graphql)
    assert read(graphql)[0] == "HIT"
    with django_capture_on_commit_callbacks(execute=True):
        change(PortraitPage.objects.get(pk=portrait_with_photo.pk), None)
    state, data = read(graphql)
    assert state == "MISS"
    assert slugs(data) == []


@pytest.mark.django_db
def test_an_image_edit_is_seen_at_once(
    graphql, portrait_with_photo, django_capture_on_commit_callbacks
):
    read(graphql)
    photo = portrait_with_photo.photo
    photo.alt_text = "Neuer Alternativtext"
    with django_capture_on_commit_callbacks(execute=True):
        photo.save()
    state, data = read(graphql)
    assert state == "MISS"
    assert data["portraits"]["items"][0]["photo"]["alt"] == "Neuer Alternativtext"


@pytest.mark.django_db
def test_an_answer_is_not_kept_past_the_next_expiry(graphql, portrait_with_photo):
    PortraitPage.objects.filter(pk=portrait_with_photo.pk).update(
        expire_at=timezone.now() + datetime.timedelta(seconds=20)
    )
    assert 0 < response_cache.lifetime() <= 20
    PortraitPage.objects.filter(pk=portrait_with_photo.pk).update(expire_at=None)
    assert response_cache.lifetime() == 60


@pytest.mark.django_db
def test_previews_mutations_and_errors_are_never_cached(graphql, portrait_with_photo):
    preview = '{ portrait(token: "kein-gueltiger-token") { slug } }'
    assert read(graphql, preview)[0] is None
    assert read(graphql, preview)[0] is None
    mutation = (
        'mutation { nominate(input: {nomineeName: "", nomineeKind: "person", '
        'town: "dessau-rosslau", reason: "", nominatorName: "", nominatorEmail: "", '
        "nomineeInformed: false, privacyConsent: false}) { ok } }"
    )
    for _ in range(2):
        response = graphql.post(mutation)
        assert response.json()["data"]["nominate"]["ok"] is False
        assert response.get("X-Cache") is None
    broken = "{ portraits(perPage: 1000) { items { slug } } }"
    for _ in range(2):
        response = graphql.post(broken)
        assert response.json()["errors"]
        assert response.get("X-Cache") is None


@pytest.mark.django_db
def test_off_when_no_lifetime_is_set(graphql, portrait_with_photo, settings):
    settings.GRAPHQL_CACHE_SECONDS = 0
    assert read(graphql)[0] is None
    assert read(graphql)[0] is None
