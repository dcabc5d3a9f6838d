"""The admin's preview shows a portrait roughly as a partner website would: a card as in a list
and the detail view (Wagtail's preview panel adds the mobile, tablet and desktop widths), and
still every field on demand."""

import pytest
from bs4 import BeautifulSoup

from tests.factories import EngagementAreaFactory, ImageFactory, PortraitPageFactory


@pytest.fixture
def previewed_portrait(tree):
    page = PortraitPageFactory(
        parent=tree.dessau_section,
        name="Erika Muster",
        quote="weil ich Kindern vorlese.",
        teaser="Liest jeden Dienstag in Roßlau vor.",
        photo=ImageFactory(title="Foto Erika"),
    )
    page.areas.set([EngagementAreaFactory(name="Kultur", slug="kultur")])
    page.save_revision()
    return page


def preview(page, mode):
    response = page.make_preview_request(preview_mode=mode)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


@pytest.mark.django_db
def test_the_portrait_preview_offers_card_detail_and_fields(previewed_portrait):
    assert [mode for mode, _label in previewed_portrait.preview_modes] == ["", "card", "fields"]

    detail = preview(previewed_portrait, "")
    article = detail.find(attrs={"data-testid": "portrait-detail"})
    assert article.find("h1").text == "Erika Muster"
    assert "Ich bin ein Glücksbringer, weil ich Kindern vorlese." in article.text
    assert "Kultur" in article.text and "Dessau-Roßlau" in article.text
    assert article.find("img")["src"]
    assert detail.find("meta", attrs={"name": "viewport"})  # sized for phones too

    card = preview(previewed_portrait, "card").find(attrs={"data-testid": "portrait-card"})
    assert card.find("h2").text == "Erika Muster"
    assert "Liest jeden Dienstag in Roßlau vor." in card.text
    assert card.find("img")["width"] == "400"

    fields = preview(previewed_portrait, "fields")
    assert not fields.find(attrs={"data-testid": "portrait-detail"})
    assert "Anreißer" in fields.text  # every field, labelled


@pytest.mark.django_db
def test_a_portrait_without_photo_previews_with_a_placeholder(tree):
    page = PortraitPageFactory(parent=tree.dessau_section, name="Ohne Foto")
    assert "ohne Foto" in preview(page, "card").text
