"""Webhooks to partner sites: which events reach which endpoints, the payload, and its Standard
Webhooks signature (checked with `standardwebhooks`). Against a real receiver (see
tests/helpers/webhooks.py)."""

import json

import pytest

from tests.factories import publish
from tests.helpers.portraits import draft_portrait
from tests.helpers.servers import endpoint
from tests.helpers.webhooks import committed, run_pending, running_receiver
from webhooks.models import Delivery, DeliveryAttempt


@pytest.fixture
def receiver():
    yield from running_receiver()


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
