"""Dates typed into the admin: German and ISO are read, anything else is a German error naming
the format, and a go-live that has passed is refused for what is not live yet (cms/dates.py).

The requests carry what a browser sends: the edit form as served, with the typed value."""

import datetime

import pytest
from django.utils import timezone, translation
from wagtail.admin.panels import get_edit_handler
from wagtail.models import Page

from cms.dates import DATE_ERROR, DATETIME_ERROR, PAST_GO_LIVE_ERROR, SCHEDULE_ERROR
from pages.models import PortraitPage
from tests.factories import publish
from tests.helpers.admin import browser_form_data, edit_url

CHRISTMAS = timezone.make_aware(datetime.datetime(2030, 12, 24, 10, 0))
EXPIRY_IN_THE_PAST = "Das Ablaufdatum muss in der Zukunft liegen."


def save_draft(client, page, **typed):
    """Open the edit form, type the values, click "Entwurf speichern"."""
    url = edit_url(page)
    data = browser_form_data(client.get(url).content.decode())
    data["body-count"] = ["0"]  # the (empty) StreamField's inputs come from Wagtail's JS
    for name, value in typed.items():
        data[name] = [value]
    return client.post(url, data)


def draft(page):
    return Page.objects.get(pk=page.pk).get_latest_revision_as_object()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "typed",
    ["2030-12-24 10:00", "2030-12-24T10:00", "24.12.2030 10:00", "24.12.2030, 10:00"],
)
def test_go_live_typed_in_german_or_iso_is_saved_as_typed(
    coordinator_client, unpublished_portrait, typed
):
    response = save_draft(coordinator_client, unpublished_portrait, go_live_at=typed)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert draft(unpublished_portrait).go_live_at == CHRISTMAS


@pytest.mark.django_db
@pytest.mark.parametrize(
    "typed", ["24/12/2030 10:00", "morgen", "31.02.2030 10:00", "24.12.2030 25:00", "12/24/2030"]
)
@pytest.mark.parametrize("field", ["go_live_at", "expire_at"])
def test_an_unreadable_date_is_a_german_error_naming_the_format(
    coordinator_client, unpublished_portrait, field, typed
):
    before = unpublished_portrait.revisions.count()
    response = save_draft(coordinator_client, unpublished_portrait, **{field: typed})
    assert response.status_code == 200
    html = response.content.decode()
    assert str(DATETIME_ERROR) in html
    # Also above the form, with the way to the field: it sits in the status panel's dialog.
    assert str(SCHEDULE_ERROR) in html
    assert unpublished_portrait.revisions.count() == before  # nothing saved, nothing scheduled


@pytest.mark.django_db
def test_a_past_go_live_is_refused_for_a_page_not_yet_live(
    coordinator_client, unpublished_portrait
):
    past = timezone.localtime() - datetime.timedelta(minutes=5)
    response = save_draft(
        coordinator_client, unpublished_portrait, go_live_at=f"{past:%d.%m.%Y %H:%M}"
    )
    assert response.status_code == 200
    assert str(PAST_GO_LIVE_ERROR) in response.content.decode()
    assert draft(unpublished_portrait).go_live_at is None


@pytest.mark.django_db
def test_a_live_page_keeps_the_go_live_it_went_live_with(coordinator_client, unpublished_portrait):
    went_live = timezone.now().replace(second=0, microsecond=0) - datetime.timedelta(days=3)
    unpublished_portrait.go_live_at = went_live
    publish(unpublished_portrait)
    response = save_draft(coordinator_client, unpublished_portrait, quote="ein neuer Satz")
    assert response.status_code == 302, response.content.decode()[:2000]
    assert draft(unpublished_portrait).go_live_at == went_live
    # Newly typed into a live page, a past time is refused as well: it would publish at once.
    earlier = timezone.localtime(went_live - datetime.timedelta(days=1))
    response = save_draft(
        coordinator_client, unpublished_portrait, go_live_at=f"{earlier:%d.%m.%Y %H:%M}"
    )
    assert str(PAST_GO_LIVE_ERROR) in response.content.decode()


@pytest.mark.django_db
def test_a_past_expiry_is_refused(coordinator_client, unpublished_portrait):
    past = timezone.localtime() - datetime.timedelta(minutes=5)
    response = save_draft(
        coordinator_client, unpublished_portrait, expire_at=f"{past:%Y-%m-%d %H:%M}"
    )
    assert response.status_code == 200
    assert EXPIRY_IN_THE_PAST in response.content.decode()


@pytest.mark.django_db
def test_a_date_field_reads_german_and_iso_and_names_the_format():
    field = get_edit_handler(PortraitPage).get_form_class().base_fields["consent_given_at"]
    with translation.override("de"):
        assert field.clean("01.12.2026") == datetime.date(2026, 12, 1)
        assert field.clean("2026-12-01") == datetime.date(2026, 12, 1)
        with pytest.raises(Exception) as refused:
            field.clean("1.12.")
    assert refused.value.messages == [str(DATE_ERROR)]
