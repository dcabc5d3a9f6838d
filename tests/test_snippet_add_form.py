"""An add form for a partner snippet (town, organisation, contact, engagement area) opened,
typed into and left unsaved leaves no draft behind (issue 20, item 4): no autosave on the form,
and an autosave post (an old tab's) creates nothing. The page add form: test_workflow_steps.py.
"""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from snippets.models import ContactPerson, EngagementArea, Organisation, PartnerCity
from tests.helpers.admin import AUTOSAVE

MODELS = [PartnerCity, Organisation, ContactPerson, EngagementArea]


def add_url(model):
    return reverse(model.snippet_viewset.get_url_name("add")) + "?locale=de"


@pytest.fixture
def coordinator(client, people):
    client.force_login(people["coordinator"])
    return client


@pytest.mark.django_db
@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_the_snippet_add_form_does_not_save_itself(coordinator, model):
    response = coordinator.get(add_url(model))
    assert response.status_code == 200
    form = BeautifulSoup(response.content.decode(), "html.parser").find(
        "form", attrs={"data-controller": True, "method": "POST"}
    )
    assert "w-unsaved" in form["data-controller"].split()  # leaving unsaved still asks
    assert "w-autosave" not in form["data-controller"].split()


@pytest.mark.django_db
def test_an_autosave_post_creates_no_snippet(coordinator):
    before = EngagementArea.objects.count()
    typed = {"name": "Nur angefangen", "slug": "nur-angefangen", "description": ""}
    response = coordinator.post(add_url(EngagementArea), typed, **AUTOSAVE)
    assert response.status_code == 400
    assert response.json() == {
        "success": False,
        "error_code": "blocked_by_hook",
        "error_message": "Ein neuer Eintrag wird erst beim Speichern angelegt.",
    }
    assert EngagementArea.objects.count() == before
