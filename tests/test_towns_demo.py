"""The demo's towns are made by add_town's service (towns/service.py). A module of its own: it
reads the shared demo, which the tree of tests/test_towns.py cannot share a module with."""

import io

import pytest
from django.core.management import call_command

from towns import inventory
from towns.service import town_slug


@pytest.mark.django_db
@pytest.mark.parametrize("town", ["Dessau-Roßlau", "Gräfenhainichen", "Lutherstadt Wittenberg"])
def test_the_demo_towns_are_made_by_the_same_code(demo, town):
    """seed_demo made its towns through add_town's service: asking again changes nothing."""
    output = io.StringIO()
    call_command("add_town", town, "--dry-run", stdout=output)
    output = output.getvalue()
    assert "ist vollständig eingerichtet: nichts geändert." in output
    found = inventory.snapshot(town, town_slug(town))
    assert len(found["Partnerstadt"]) == len(found["Bereich der Kampagne"]) == 3
    assert found["Redaktionsgruppe"] and found["Sammlung"]


@pytest.mark.django_db
def test_a_fifth_town_on_the_demo(demo):
    """On the demo, whose campaign is in English and Leichte Sprache, the new section gets a
    draft in both; the demo's own sections stay live."""
    output = io.StringIO()
    call_command("add_town", "Köthen (Anhalt)", stdout=output)
    for language in ("English", "Leichte Sprache"):
        assert (
            f"Bereich der Kampagne: „Köthen (Anhalt)“ (Kürzel koethen) [{language}], Entwurf"
            in output.getvalue()
        )
        assert f"Partnerstadt: Köthen (Anhalt) [{language}], veröffentlicht" in output.getvalue()
    for town in ("Dessau-Roßlau", "Bitterfeld-Wolfen"):
        found = inventory.snapshot(town, town_slug(town))["Bereich der Kampagne"]
        assert all(item.endswith("veröffentlicht") for item in found), found
