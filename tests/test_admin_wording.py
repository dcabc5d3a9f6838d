"""German wording Wagtail gets wrong on two admin screens (issue 20, item 2): the report
"Nutzung der Seitentypen" names each type as written and its app in German, and a snippet
chooser's heading reads "Ansprechperson auswählen", not "Auswählen Ansprechperson"."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from snippets.models import ContactPerson, EngagementArea, Organisation, PartnerCity
from tests.helpers.admin import CHOOSERS, visible_text


@pytest.mark.django_db
def test_the_page_types_report_names_types_and_apps_in_german(client, tree, people):
    client.force_login(people["coordinator"])
    response = client.get(reverse("wagtailadmin_reports:page_types_usage"))
    assert response.status_code == 200
    rows = [
        [" ".join(cell.get_text().split()) for cell in row.find_all("td")[:2]]
        for row in BeautifulSoup(response.content, "html.parser").select("table.listing tbody tr")
    ]
    assert ["Bereich einer Partnerstadt", "Seiten"] in rows, rows
    assert ["Glücksbringer-Porträt", "Seiten"] in rows, rows
    assert ["Seite", "Allgemein"] in rows, rows  # Wagtail's own type: not "Wagtail Kern"
    text = visible_text(response)
    assert "Wagtail" not in text
    assert "Bereich Einer" not in text
    assert "pages." not in text


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("model", "heading"),
    [
        (ContactPerson, "Ansprechperson auswählen"),
        (Organisation, "Organisation auswählen"),
        (PartnerCity, "Partnerstadt auswählen"),
        (EngagementArea, "Engagementbereich auswählen"),
    ],
    ids=lambda value: getattr(value, "__name__", value),
)
def test_the_snippet_choosers_heading_reads_in_german_word_order(client, people, model, heading):
    client.force_login(people["dessau_editor"])
    for query in ({"locale": "de"}, {}):
        response = client.get(reverse(CHOOSERS[model]), query)
        assert response.status_code == 200
        html = response.json()["html"]
        title = BeautifulSoup(html, "html.parser").find("h1")
        assert " ".join(title.get_text().split()) == heading
