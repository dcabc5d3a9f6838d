"""StreamField chooser blocks, rawValue and rich text under the visibility policy: a live
programme page that points at a draft portrait, a withdrawn photo and a private document must
not reveal any of them, while its links to visible content still work."""

import pytest
from django.test import TestCase
from wagtail.rich_text import RichText

from tests.factories import (
    DocumentFactory,
    ImageFactory,
    PortraitPageFactory,
    ProgrammePageFactory,
    publish,
)

QUERY = """{ programme(slug: "mit-verweisen") { body {
    blockType rawValue
    ... on LinkBlock { page { slug } blocks { rawValue ... on PageChooserBlock { page { slug } } } }
    ... on ImageBlock { image { id } blocks { ... on ImageChooserBlock { image { id url } } } }
    ... on RichTextBlock { value }
} } }"""


@pytest.fixture
def programme(tree, people):
    section = tree.dessau_section
    visible = publish(PortraitPageFactory(parent=section, slug="sichtbar-im-netz"))
    draft = PortraitPageFactory(parent=section, slug="geheimer-entwurf")
    draft.save_revision()
    photo = ImageFactory(title="Widerrufenes Foto")
    withdrawn = publish(PortraitPageFactory(parent=section, slug="widerrufen", photo=photo))
    with TestCase.captureOnCommitCallbacks(execute=True):  # the photo is withdrawn on commit
        withdrawn.withdraw_consent(by=people["coordinator"])
    photo.refresh_from_db()
    consent_form = DocumentFactory(title="Einwilligung unterschrieben")
    public_photo = ImageFactory(title="Stadtfoto")
    rich = (
        f'<p><a linktype="page" id="{draft.pk}">Entwurf</a> '
        f'<a linktype="page" id="{visible.pk}">Sichtbar</a> '
        f'<a linktype="document" id="{consent_form.pk}">Formular</a></p>'
        f'<embed embedtype="image" id="{photo.pk}" format="fullwidth" alt="weg"/>'
        f'<embed embedtype="image" id="{public_photo.pk}" format="fullwidth" alt="da"/>'
    )
    page = ProgrammePageFactory(parent=tree.home, slug="mit-verweisen")
    page.body = [
        ("link", {"link_text": "Zum Entwurf", "page": draft, "url": ""}),
        ("link", {"link_text": "Zum Porträt", "page": visible, "url": ""}),
        ("image", {"image": photo, "caption": "Widerruf"}),
        ("paragraph", RichText(rich)),
    ]
    publish(page)
    return {"draft": draft, "visible": visible, "photo": photo, "consent_form": consent_form}


@pytest.mark.django_db
def test_chooser_blocks_raw_values_and_rich_text_hide_what_is_hidden(graphql, programme):
    body = graphql.data(QUERY)["programme"]["body"]
    to_draft, to_visible, image, paragraph = body

    # Chooser blocks: the draft is null, the visible portrait is there (so this can fail).
    assert to_draft["page"] is None
    assert [b.get("page") for b in to_draft["blocks"]] == [None, None, None]
    assert to_visible["page"] == {"slug": "sichtbar-im-netz"}
    assert {"slug": "sichtbar-im-netz"} in [b.get("page") for b in to_visible["blocks"]]
    assert image["image"] is None
    assert all(b.get("image") is None for b in image["blocks"])

    # Rich text: a link to a hidden page or a private document keeps its text, loses its address;
    # an embedded withdrawn photo is not rendered (and no new rendition is made of it).
    html = paragraph["value"]
    assert "geheimer-entwurf" not in html
    assert "sichtbar-im-netz" in html
    assert "Entwurf</a>" in html and "Formular</a>" in html
    assert "documents/" not in html
    photo = programme["photo"]
    stem = photo.file.name.rsplit("/", 1)[-1].split(".")[0]
    assert stem not in html
    assert photo.renditions.count() == 0
    assert 'alt="da"' in html  # the public photo is rendered

    # rawValue everywhere: no hidden page, id, file name or document.
    everything = repr(body)
    assert "geheimer-entwurf" not in everything
    assert f'id="{programme["draft"].pk}"' not in everything
    assert stem not in everything
    assert str(programme["consent_form"].file.name) not in everything
