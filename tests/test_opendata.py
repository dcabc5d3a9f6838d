"""Open data (issue 24): the datasets as CSV and JSON, the DCAT-AP.de catalog validated against
the shapes in opendata/shapes/, counts suppressed under five, and no portrait field in any
export, before and after a portrait is published or withdrawn."""

import csv
import datetime
import io
import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone
from pyshacl import validate
from rdflib import Graph, Literal, URIRef

from opendata import datasets, vocab
from opendata.models import OpenDataSettings
from pages.models import ProgrammePage
from tests.factories import (
    EngagementAreaFactory,
    ImageFactory,
    OrganisationFactory,
    PortraitPageFactory,
    ProgrammePageFactory,
    publish,
)

SHAPES = Path(settings.BASE_DIR) / "opendata" / "shapes" / "dcat-ap-de-2.0.ttl"
CONTRIBUTOR = "http://dcat-ap.de/def/contributors/stadtDessauRosslau"
PUBLISHED = timezone.make_aware(datetime.datetime(2024, 3, 1, 9, 0))
SNAKE = re.compile(r"^[a-z][a-z0-9_]*$")


def published(**kwargs):
    return {"first_published_at": PUBLISHED, "last_published_at": PUBLISHED, **kwargs}


@pytest.fixture
def content(tree):
    """A programme with a funder, a draft programme, areas, a draft organisation, and portraits:
    five in Dessau-Roßlau (all in one area), three in Wittenberg, one draft."""
    funder = OrganisationFactory(
        name="Bürgerstiftung Anhalt", slug="buergerstiftung", **published()
    )
    OrganisationFactory(name="Geheimverein", slug="geheimverein", live=False)
    programme = ProgrammePageFactory(
        parent=tree.home, title="Ehrenamtskarte", slug="ehrenamtskarte", teaser="Für Engagierte."
    )
    programme.funder_links.create(organisation=funder)
    publish(programme)
    ProgrammePageFactory(
        parent=tree.home, title="Entwurfsprogramm", slug="entwurfsprogramm", live=False
    )
    youth = EngagementAreaFactory(name="Jugendbeteiligung", slug="jugend", **published())
    EngagementAreaFactory(name="Klimaschutz", slug="klima", **published())
    for town in (tree.dessau, tree.sections["lutherstadt-wittenberg"].town):
        type(town).objects.filter(pk=town.pk).update(**published())
    portraits = []
    for n in range(5):
        page = PortraitPageFactory(
            parent=tree.dessau_section,
            name=f"Zelda Zitronenfalter{n}",
            slug=f"zelda-{n}",
            quote=f"weil Quittenquark{n} glücklich macht.",
            teaser=f"Teaserwort Pflaumenmus{n}.",
            photo=ImageFactory(title=f"Fotodatei Stachelbeere{n}"),
        )
        page.areas.add(youth)
        portraits.append(publish(page))
    for n in range(3):
        publish(
            PortraitPageFactory(
                parent=tree.sections["lutherstadt-wittenberg"], name=f"Wanda Wittenberg{n}"
            )
        )
    PortraitPageFactory(parent=tree.dessau_section, name="Dora Entwurf")
    return portraits


@pytest.fixture
def harvestable(db):
    """Koordination entered the contributor ID GovData gave the city."""
    OpenDataSettings.objects.update_or_create(defaults={"contributor_id": CONTRIBUTOR})


def export_urls():
    urls = ["/opendata/", "/opendata/catalog.ttl", "/opendata/catalog.jsonld"]
    for dataset in datasets.DATASETS:
        urls += [f"/opendata/{dataset.slug}.csv", f"/opendata/{dataset.slug}.json"]
    return urls


def every_export(client):
    """All that /opendata/ publishes, as one text."""
    bodies = []
    for url in export_urls():
        response = client.get(url)
        assert response.status_code == 200, url
        bodies.append(response.content.decode("utf-8"))
    return "\n".join(bodies)


def rows(client, slug):
    return json.loads(client.get(f"/opendata/{slug}.json").content)["records"]


def catalog(client):
    graph = Graph()
    graph.parse(data=client.get("/opendata/catalog.ttl").content.decode(), format="turtle")
    return graph


def conformance(graph):
    shapes = Graph().parse(SHAPES, format="turtle")
    conforms, _graph, text = validate(graph, shacl_graph=shapes, allow_warnings=False)
    return conforms, text


# ------------------------------------------------------------------------ CSV and JSON


def check_rfc4180(body, columns):
    """RFC 4180 and the issue's rules: UTF-8 without BOM, CRLF line ends, one header of ASCII
    snake_case names, every record with as many fields as the header."""
    assert not body.startswith(b"\xef\xbb\xbf")
    text = body.decode("utf-8")
    assert text.endswith("\r\n")
    records = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    # Written again by an RFC 4180 writer (CRLF, quotes only where needed), byte for byte.
    again = io.StringIO(newline="")
    csv.writer(again, lineterminator="\r\n").writerows(records)
    assert again.getvalue() == text
    header = records[0]
    assert header == list(columns)
    assert all(name.isascii() and SNAKE.match(name) for name in header)
    assert all(len(record) == len(header) for record in records)
    return [dict(zip(header, record, strict=True)) for record in records[1:]]


def test_every_dataset_downloads_as_rfc4180_csv_and_as_json(client, content):
    for dataset in datasets.DATASETS:
        response = client.get(f"/opendata/{dataset.slug}.csv")
        assert response.status_code == 200
        assert response["Content-Type"] == "text/csv; charset=utf-8; header=present"
        csv_rows = check_rfc4180(response.content, dataset.columns)
        answer = client.get(f"/opendata/{dataset.slug}.json")
        assert answer["Content-Type"] == "application/json; charset=utf-8"
        document = json.loads(answer.content)
        assert document["columns"] == list(dataset.columns)
        assert [list(record) for record in document["records"]] == [list(dataset.columns)] * len(
            csv_rows
        )
        assert len(csv_rows) == len(document["records"]) > 0, dataset.slug


def test_a_line_break_in_a_text_is_quoted_not_a_new_record(client, content, tree):
    area = EngagementAreaFactory(
        name="Nachbarschaft", slug="nachbarschaft", description='Erste Zeile\r\nmit "Zitat", Komma'
    )
    records = check_rfc4180(
        client.get("/opendata/engagementbereiche.csv").content, ("slug", "name", "description")
    )
    assert {"slug": area.slug, "name": area.name, "description": area.description} in records


def test_only_published_content_is_exported(client, content):
    assert [row["slug"] for row in rows(client, "programme")] == ["ehrenamtskarte"]
    assert rows(client, "programme")[0]["funder_slugs"] == "buergerstiftung"
    assert [row["slug"] for row in rows(client, "organisationen")] == ["buergerstiftung"]
    towns = rows(client, "partnerstaedte")
    assert {row["slug"] for row in towns} == {"dessau-rosslau", "lutherstadt-wittenberg"}


def test_a_programme_unpublished_leaves_the_export(client, content):
    programme = ProgrammePage.objects.get(slug="ehrenamtskarte")
    programme.unpublish()
    assert rows(client, "programme") == []


def test_counts_under_five_are_suppressed(client, content):
    per_town = {row["town_slug"]: row for row in rows(client, "portraets-je-partnerstadt")}
    assert per_town["dessau-rosslau"]["portrait_count"] == 5
    assert per_town["dessau-rosslau"]["suppressed"] is False
    assert per_town["lutherstadt-wittenberg"] == {
        "town_slug": "lutherstadt-wittenberg",
        "town_name": "Lutherstadt Wittenberg",
        "portrait_count": None,
        "suppressed": True,
    }
    per_area = {row["area_slug"]: row for row in rows(client, "portraets-je-engagementbereich")}
    assert per_area["jugend"]["portrait_count"] == 5
    assert per_area["klima"]["portrait_count"] is None and per_area["klima"]["suppressed"]
    body = client.get("/opendata/portraets-je-partnerstadt.csv").content.decode()
    assert "lutherstadt-wittenberg,Lutherstadt Wittenberg,,true\r\n" in body


def test_a_withdrawal_takes_a_count_under_five(client, content, people):
    content[0].withdraw_consent(by=people["coordinator"])
    per_town = {row["town_slug"]: row for row in rows(client, "portraets-je-partnerstadt")}
    assert per_town["dessau-rosslau"]["portrait_count"] is None
    assert per_town["dessau-rosslau"]["suppressed"] is True


# ------------------------------------------------------------------- nothing about people

PORTRAIT_MARKERS = ("Zitronenfalter", "Quittenquark", "Pflaumenmus", "Stachelbeere", "zelda-")


def portrait_fields_in(text, portraits):
    """Every portrait field (name, quote, teaser, photo, slug) found in `text`."""
    found = [marker for marker in PORTRAIT_MARKERS if marker in text]
    for portrait in portraits:
        portrait.refresh_from_db()
        values = [portrait.name, portrait.quote, portrait.teaser, portrait.slug]
        if portrait.photo:
            values += [portrait.photo.title, portrait.photo.file.name.rsplit("/", 1)[-1]]
        found += [value for value in values if value in text]
    return found


def test_no_portrait_field_reaches_any_export(client, content, people, harvestable):
    assert portrait_fields_in(every_export(client), content) == []
    # A new portrait published, then one withdrawn: still none.
    late = publish(
        PortraitPageFactory(
            parent=content[0].get_parent(),
            name="Zelda Zitronenfalter-Spät",
            slug="zelda-spaet",
            quote="weil Quittenquark-Spät hilft.",
            teaser="Pflaumenmus-Spät.",
            photo=ImageFactory(title="Stachelbeere-Spät"),
        )
    )
    assert portrait_fields_in(every_export(client), [*content, late]) == []
    content[1].withdraw_consent(by=people["coordinator"])
    assert portrait_fields_in(every_export(client), [*content, late]) == []


def test_the_marker_check_would_see_a_portrait_field(content):
    """The check above is not blind: a text holding a portrait's name fails it."""
    assert portrait_fields_in(f"x {content[0].name} x", content[:1])


# ------------------------------------------------------------------------------ catalog


def test_the_catalog_validates_against_the_dcat_ap_de_shapes(client, content, harvestable):
    conforms, report = conformance(catalog(client))
    assert conforms, report
    graph = Graph().parse(
        data=client.get("/opendata/catalog.jsonld").content.decode(), format="json-ld"
    )
    assert len(graph) == len(catalog(client))
    assert conformance(graph)[0]


def test_without_a_contributor_id_the_catalog_fails_the_shapes(client, content):
    conforms, report = conformance(catalog(client))
    assert not conforms
    assert "contributorID" in report


def test_the_shapes_catch_a_distribution_without_licence(client, content, harvestable):
    graph = catalog(client)
    graph.remove((None, vocab.DCT.license, None))
    conforms, report = conformance(graph)
    assert not conforms and "dct:license" in report


def test_the_catalog_says_licence_geocoding_formats_and_themes(client, content, harvestable):
    graph = catalog(client)
    found = set(graph.subjects(predicate=None, object=vocab.DCAT.Dataset))
    assert len(found) == len(datasets.DATASETS)
    dataset = URIRef("http://testserver/opendata/catalog#programme")
    assert graph.value(dataset, vocab.DCATDE.contributorID) == URIRef(CONTRIBUTOR)
    assert graph.value(dataset, vocab.DCATDE.politicalGeocodingURI) == URIRef(
        "http://dcat-ap.de/def/politicalGeocoding/municipalityKey/15001000"
    )
    assert graph.value(dataset, vocab.DCATDE.politicalGeocodingLevelURI) == URIRef(
        "http://dcat-ap.de/def/politicalGeocoding/Level/municipality"
    )
    assert set(graph.objects(dataset, vocab.DCAT.theme)) == {
        URIRef("http://publications.europa.eu/resource/authority/data-theme/SOCI"),
        URIRef("http://publications.europa.eu/resource/authority/data-theme/GOVE"),
    }
    distributions = {
        str(graph.value(d, vocab.DCAT.downloadURL)): d
        for d in graph.objects(dataset, vocab.DCAT.distribution)
    }
    csv_node = distributions["http://testserver/opendata/programme.csv"]
    assert graph.value(csv_node, vocab.DCT.format) == URIRef(
        "http://publications.europa.eu/resource/authority/file-type/CSV"
    )
    assert graph.value(csv_node, vocab.DCAT.accessURL) == URIRef(
        "http://testserver/opendata/programme.csv"
    )
    json_node = distributions["http://testserver/opendata/programme.json"]
    assert graph.value(json_node, vocab.DCT.format) == vocab.FILE_TYPE["JSON"]
    assert graph.value(csv_node, vocab.DCT.license) == URIRef(
        "http://dcat-ap.de/def/licenses/dl-by-de/2.0"
    )
    assert graph.value(csv_node, vocab.DCATDE.licenseAttributionByText) == Literal(
        "Stadt Dessau-Roßlau, Engagierte Stadt", lang="de"
    )
    assert graph.value(dataset, vocab.DCT.modified) is not None


def test_the_licence_chosen_in_the_admin_is_the_one_published(client, content, harvestable):
    OpenDataSettings.objects.update(licence="cc-by/4.0", attribution_text="Regionalnetzwerk Anhalt")
    graph = catalog(client)
    licences = set(graph.objects(None, vocab.DCT.license))
    assert licences == {URIRef("http://dcat-ap.de/def/licenses/cc-by/4.0")}
    assert set(graph.objects(None, vocab.DCATDE.licenseAttributionByText)) == {
        Literal("Regionalnetzwerk Anhalt", lang="de")
    }
    document = json.loads(client.get("/opendata/programme.json").content)
    assert document["license"]["id"] == "cc-by/4.0"
    assert document["license"]["attribution"] == "Regionalnetzwerk Anhalt"


# -------------------------------------------------------------------- HTTP and errors


def test_answers_are_cacheable_and_revalidate_with_their_etag(client, content):
    for url in export_urls():
        response = client.get(url)
        assert "public" in response["Cache-Control"] and "max-age=300" in response["Cache-Control"]
        assert response["Access-Control-Allow-Origin"] == "*"
        again = client.get(url, HTTP_IF_NONE_MATCH=response["ETag"])
        assert again.status_code == 304, url
    before = client.get("/opendata/programme.csv")["ETag"]
    ProgrammePage.objects.get(slug="ehrenamtskarte").unpublish()
    after = client.get("/opendata/programme.csv", HTTP_IF_NONE_MATCH=before)
    assert after.status_code == 200 and after["ETag"] != before


def test_unknown_dataset_and_format_are_german_404s(client, db):
    response = client.get("/opendata/portraets.csv")
    assert response.status_code == 404
    message = response.json()["error"]
    assert message.startswith("Unbekannter Datensatz „portraets“. Vorhanden: programme,")
    response = client.get("/opendata/programme.xlsx")
    assert response.status_code == 404
    assert "Unbekanntes Format „xlsx“" in response.json()["error"]
    assert client.post("/opendata/programme.csv").status_code == 405


# ------------------------------------------------------------------------------ admin

SETTINGS_URL = "/admin/settings/opendata/opendatasettings/"  # redirects to the one row's form


def test_only_koordination_edits_the_open_data_settings(client, staff):
    client.force_login(staff["coordinator"])
    page = client.get(SETTINGS_URL, follow=True)
    assert page.status_code == 200
    form_url = page.redirect_chain[-1][0]
    assert form_url.startswith(SETTINGS_URL)
    client.force_login(staff["editor"])
    denied = client.get(form_url)
    assert denied.status_code == 403 or (
        denied.status_code == 302 and not denied.url.startswith(SETTINGS_URL)
    )
    assert client.post(form_url, {"licence": "cc-by/4.0"}).status_code in (302, 403)
    assert OpenDataSettings.load().licence == "dl-by-de/2.0"
    client.force_login(staff["coordinator"])
    text = page.content.decode()
    assert "Datenlizenz Deutschland – Namensnennung – 2.0" in text
    assert "CC BY 4.0" in text and "Namensnennung" in text
    form = {
        "licence": "cc-by/4.0",
        "attribution_text": "Stadt Dessau-Roßlau",
        "publisher_name": "Stadt Dessau-Roßlau",
        "publisher_url": "https://www.dessau-rosslau.de",
        "contact_name": "Koordination Engagierte Stadt",
        "contact_email": "engagiertestadt@dessau-rosslau.de",
        "contributor_id": "https://example.org/keine-kennung",
        "municipality_key": "1500100",
    }
    refused = client.post(form_url, form)
    assert refused.status_code == 200
    text = refused.content.decode()
    assert "Eine Kennung aus dem DCAT-AP.de-Verzeichnis" in text
    assert "Der Gemeindeschlüssel hat acht Ziffern." in text
    form.update(contributor_id=CONTRIBUTOR, municipality_key="15001000")
    assert client.post(form_url, form).status_code == 302
    assert OpenDataSettings.load().licence == "cc-by/4.0"
    assert OpenDataSettings.load().contributor_id == CONTRIBUTOR
