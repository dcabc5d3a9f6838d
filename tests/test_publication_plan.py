"""The publication plan, its calendar feed, and the coordination's dashboard."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import ProgrammePageFactory, make_due, publish
from tests.helpers.admin import assert_forbidden, draft_portrait
from tests.helpers.editorial import as_user


@pytest.mark.django_db
def test_publication_plan_and_calendar_feed(client, tree, people):
    page = draft_portrait(tree, title="Geplantes Porträt")
    page.go_live_at = timezone.now() + datetime.timedelta(days=3)
    page.save_revision().publish()
    programme = publish(ProgrammePageFactory(parent=tree.home, title="Läuft aus"))
    type(programme).objects.filter(pk=programme.pk).update(
        expire_at=timezone.now() + datetime.timedelta(days=10)
    )

    url = reverse("editorial_publication_plan")
    assert_forbidden(as_user(client, people["editor"]).get(url))
    response = as_user(client, people["coordinator"]).get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Geplantes Porträt" in html and "Dessau-Roßlau" in html and "Läuft aus" in html

    from editorial.views import calendar_url

    client.logout()
    feed = client.get(calendar_url(people["coordinator"]))
    assert feed.status_code == 200
    assert feed["Content-Type"].startswith("text/calendar")
    body = feed.content.decode()
    assert "Veröffentlichung: Geplantes Porträt (Dessau-Roßlau)" in body
    assert "Ablauf: Läuft aus" in body
    assert client.get(f"/kalender/{people['coordinator'].pk}/falsch.ics").status_code == 404
    assert client.get(calendar_url(people["editor"])).status_code == 404


@pytest.mark.django_db
def test_a_due_change_the_scheduler_has_not_run_yet_shows_as_coming_not_as_nothing(
    client, tree, people
):
    """Between a go-live time and the scheduler's next run the page list says "geplant": the
    plan and the dashboard say it goes live in a moment, and the feed can be copied."""
    from bs4 import BeautifulSoup

    page = draft_portrait(tree, title="Gleich online")
    page.go_live_at = timezone.now() + datetime.timedelta(days=1)
    page.save_revision().publish()
    make_due(page)
    programme = publish(ProgrammePageFactory(parent=tree.home, title="Gleich abgelaufen"))
    type(programme).objects.filter(pk=programme.pk).update(
        expire_at=timezone.now() - datetime.timedelta(seconds=5)
    )
    coordinator = as_user(client, people["coordinator"])
    for url in (reverse("editorial_publication_plan"), reverse("wagtailadmin_home")):
        html = coordinator.get(url).content.decode()
        assert "Nichts geplant" not in html and "nichts geplant" not in html, url
        assert "wird gleich veröffentlicht" in html and "Gleich online" in html, url
        assert "läuft gleich ab" in html and "Gleich abgelaufen" in html, url
    plan = BeautifulSoup(
        coordinator.get(reverse("editorial_publication_plan")).content, "html.parser"
    )
    link = plan.find("a", attrs={"data-testid": "calendar-link"})["href"]
    assert link.endswith(".ics") and "/kalender/" in link
    assert plan.find("input", id="calendar-url")["value"] == link
    assert plan.find("button", attrs={"data-action": "w-clipboard#copy"})


@pytest.mark.django_db
def test_dashboard_shows_the_coordinator_new_nominations_and_the_next_plan(client, tree, people):
    from tests.factories.nominations import NominationFactory

    NominationFactory.create_batch(2, town=tree.dessau)
    NominationFactory(town=tree.dessau, status="rejected")
    page = draft_portrait(tree, title="Bald online")
    page.go_live_at = timezone.now() + datetime.timedelta(days=3)
    page.save_revision().publish()  # approved and scheduled

    dashboard = as_user(client, people["coordinator"]).get(reverse("wagtailadmin_home"))
    html = dashboard.content.decode()
    assert 'data-testid="coordination-panel"' in html
    assert "2 neue Nominierungen" in html
    assert "Bald online" in html

    client.logout()
    editor_view = as_user(client, people["editor"]).get(reverse("wagtailadmin_home"))
    assert 'data-testid="coordination-panel"' not in editor_view.content.decode()
