"""The public contract (docs/api.md) of the programmes and the campaign, against the seeded demo
content through the real /graphql/ URL. The demo is seeded once (see tests/helpers/contract.py)."""

from tests.demo_expectations import PROGRAMMES
from tests.helpers.contract import CONTACT_FIELDS, COORDINATOR_EMAIL
from tests.helpers.contract import api as api

PROGRAMME_FIELDS = f"""id slug title url teaser externalUrl
    body {{ blockType ... on RichTextBlock {{ value }} ... on LinkBlock {{ linkText url }} }}
    funders {{ name slug role website }} contact {{ {CONTACT_FIELDS} }}"""


def test_programmes_in_tree_order_with_funders_and_contact(api):
    programmes = api.data("{ programmes { %s } }" % PROGRAMME_FIELDS)["programmes"]
    assert [page["title"] for page in programmes] == PROGRAMMES
    for page in programmes:
        assert page["teaser"] and page["body"]
        assert page["url"] == f"/{page['slug']}/"
        assert page["contact"]["email"] == COORDINATOR_EMAIL
    k2 = programmes[-1]
    assert k2["externalUrl"] == (
        "https://www.bundesakademie.de/kompetenz/projekte/k2-kulturnetzwerke-in-kommunen/"
    )
    assert k2["funders"] == [
        {
            "name": "Bundesakademie für Kulturelle Bildung Wolfenbüttel",
            "slug": "bundesakademie-wolfenbuettel",
            "role": "Träger",
            "website": "https://www.bundesakademie.de/",
        },
        {
            "name": "Bundesministerium für Bildung und Forschung (BMBF)",
            "slug": "bmbf",
            "role": "Förderer",
            "website": "https://www.bmbf.de/",
        },
    ]
    texts = " ".join(block.get("value", "") for block in k2["body"])
    assert "Kultur macht stark" in texts
    assert any(block.get("linkText") for block in k2["body"])
    vielfalt = programmes[2]
    assert [funder["name"] for funder in vielfalt["funders"]] == ["Robert Bosch Stiftung"]


def test_programme_by_slug_and_id(api):
    page = api.data('{ programme(slug: "vielfaltsgestalter") { %s } }' % PROGRAMME_FIELDS)[
        "programme"
    ]
    assert "Robert Bosch Stiftung" in page["teaser"]
    assert api.data('{ programme(id: "%s") { title } }' % page["id"])["programme"] == {
        "title": "Vielfaltsgestalter"
    }
    # A portrait is not a programme.
    assert api.data('{ programme(slug: "beispiel-anna-beispiel") { title } }')["programme"] is None


def test_campaign(api):
    campaign = api.data(
        "{ campaign { id slug title url launchDate intro nominationCall contact { %s } } }"
        % CONTACT_FIELDS
    )["campaign"]
    assert (campaign["slug"], campaign["title"]) == ("gluecksbringer", "Glücksbringer")
    assert campaign["url"] == "/gluecksbringer/"
    assert campaign["launchDate"] == "2023-06-19"
    assert "Am 19.06.2023 war Auftakt" in campaign["intro"]
    assert COORDINATOR_EMAIL in campaign["nominationCall"]
    assert campaign["contact"]["name"] == "Kathrin Hinze"
