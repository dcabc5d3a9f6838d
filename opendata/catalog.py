"""The DCAT-AP.de 2.0 catalog of the datasets, as an rdflib graph (served as Turtle and
JSON-LD): catalog → datasets → one CSV and one JSON distribution each, with the publisher,
contact point, contributor ID, political geocoding, licence and attribution text, EU file
types and data themes. Checked against opendata/shapes/dcat-ap-de-2.0.ttl in the tests."""

import datetime

from django.urls import reverse
from rdflib import RDF, XSD, BNode, Graph, Literal, URIRef

from cms.public_site import public_url

from . import vocab
from .vocab import DCAT, DCATDE, DCT, FOAF, VCARD

CATALOG_TITLE = "Offene Daten der Engagierten Stadt Dessau-Roßlau"
CATALOG_DESCRIPTION = (
    "Programme, Kampagnendaten, Partnerstädte, Organisationen und Engagementbereiche des "
    "Netzwerks Engagierte Stadt Dessau-Roßlau und des Regionalnetzwerks Anhalt, dazu Anzahlen "
    "der Glücksbringer-Porträts je Partnerstadt und Engagementbereich. Ohne Porträts, Namen "
    "und Fotos von Personen."
)
FORMATS = {
    "csv": ("CSV", "text/csv", "CSV-Datei (RFC 4180, UTF-8)"),
    "json": ("JSON", "application/json", "JSON-Datei (UTF-8)"),
}
CONTEXT = {
    "dcat": str(DCAT),
    "dcatde": str(DCATDE),
    "dct": str(DCT),
    "foaf": str(FOAF),
    "vcard": str(VCARD),
    "xsd": str(XSD),
}


def _de(text):
    return Literal(text, lang="de")


def _when(value):
    if isinstance(value, datetime.datetime):
        return Literal(value.isoformat(timespec="seconds"), datatype=XSD.dateTime)
    return Literal(value.isoformat(), datatype=XSD.date)


def download_url(request, dataset, fmt):
    return request.build_absolute_uri(
        reverse("opendata_download", kwargs={"slug": dataset.slug, "fmt": fmt})
    )


def _agent(graph, settings):
    agent = URIRef(settings.publisher_url)
    graph.add((agent, RDF.type, FOAF.Organization))
    graph.add((agent, RDF.type, FOAF.Agent))
    graph.add((agent, FOAF.name, _de(settings.publisher_name)))
    graph.add((agent, FOAF.homepage, URIRef(settings.publisher_url)))
    return agent


def _contact(graph, settings):
    contact = BNode("contact")
    graph.add((contact, RDF.type, VCARD.Organization))
    graph.add((contact, VCARD.fn, _de(settings.contact_name)))
    graph.add((contact, VCARD.hasEmail, URIRef(f"mailto:{settings.contact_email}")))
    return contact


def _distribution(graph, request, table, fmt, settings):
    dataset = table.dataset
    url = URIRef(download_url(request, dataset, fmt))
    file_type, media_type, label = FORMATS[fmt]
    node = URIRef(f"{url}#distribution")
    graph.add((node, RDF.type, DCAT.Distribution))
    graph.add((node, DCT.title, _de(f"{dataset.title} ({file_type})")))
    graph.add((node, DCT.description, _de(label)))
    graph.add((node, DCAT.accessURL, url))
    graph.add((node, DCAT.downloadURL, url))
    graph.add((node, DCT.format, vocab.FILE_TYPE[file_type]))
    graph.add((node, DCAT.mediaType, vocab.MEDIA_TYPE[media_type]))
    graph.add((node, DCT.license, URIRef(settings.licence_info.uri)))
    graph.add((node, DCATDE.licenseAttributionByText, _de(settings.attribution_text)))
    if table.modified:
        graph.add((node, DCT.modified, _when(table.modified)))
    return node


def _dataset(graph, request, table, settings, publisher, contact, catalog_url):
    dataset = table.dataset
    node = URIRef(f"{catalog_url}#{dataset.slug}")
    graph.add((node, RDF.type, DCAT.Dataset))
    graph.add((node, DCT.identifier, Literal(str(node))))
    graph.add((node, DCT.title, _de(dataset.title)))
    graph.add((node, DCT.description, _de(dataset.description)))
    graph.add((node, DCT.publisher, publisher))
    graph.add((node, DCAT.contactPoint, contact))
    if settings.contributor_id:
        graph.add((node, DCATDE.contributorID, URIRef(settings.contributor_id)))
    geocoding = URIRef(settings.municipality_uri)
    graph.add((node, DCATDE.politicalGeocodingURI, geocoding))
    graph.add((node, DCATDE.politicalGeocodingLevelURI, URIRef(vocab.GEOCODING_LEVEL_MUNICIPALITY)))
    graph.add((node, DCT.spatial, geocoding))
    graph.add((node, DCT.language, URIRef(vocab.LANGUAGE_GERMAN)))
    graph.add((node, DCT.accrualPeriodicity, URIRef(vocab.FREQUENCY_IRREGULAR)))
    for theme in dataset.themes:
        graph.add((node, DCAT.theme, vocab.DATA_THEME[theme]))
    for keyword in dataset.keywords:
        graph.add((node, DCAT.keyword, _de(keyword)))
    landing = public_url("/")
    if landing:
        graph.add((node, DCAT.landingPage, URIRef(landing)))
    if table.issued:
        graph.add((node, DCT.issued, _when(table.issued)))
    if table.modified:
        graph.add((node, DCT.modified, _when(table.modified)))
    for fmt in FORMATS:
        graph.add((node, DCAT.distribution, _distribution(graph, request, table, fmt, settings)))
    return node


def build_graph(request, tables, settings):
    graph = Graph()
    for prefix, namespace in CONTEXT.items():
        graph.bind(prefix, namespace)
    catalog_url = request.build_absolute_uri(reverse("opendata_catalog", kwargs={"fmt": "ttl"}))
    catalog_url = catalog_url.removesuffix(".ttl")
    catalog = URIRef(catalog_url)
    publisher = _agent(graph, settings)
    contact = _contact(graph, settings)
    graph.add((catalog, RDF.type, DCAT.Catalog))
    graph.add((catalog, DCT.title, _de(CATALOG_TITLE)))
    graph.add((catalog, DCT.description, _de(CATALOG_DESCRIPTION)))
    graph.add((catalog, DCT.publisher, publisher))
    graph.add((catalog, FOAF.homepage, URIRef(settings.publisher_url)))
    graph.add((catalog, DCT.language, URIRef(vocab.LANGUAGE_GERMAN)))
    graph.add((catalog, DCT.license, URIRef(settings.licence_info.uri)))
    graph.add((catalog, DCAT.themeTaxonomy, URIRef(vocab.THEME_TAXONOMY)))
    modified = [t.modified for t in tables if isinstance(t.modified, datetime.datetime)]
    issued = [t.issued for t in tables if t.issued]
    if modified:
        graph.add((catalog, DCT.modified, _when(max(modified))))
    if issued:
        graph.add((catalog, DCT.issued, _when(min(issued))))
    for table in tables:
        node = _dataset(graph, request, table, settings, publisher, contact, catalog_url)
        graph.add((catalog, DCAT.dataset, node))
    return graph


def serialize(graph, fmt):
    if fmt == "jsonld":
        return graph.serialize(format="json-ld", context=CONTEXT, auto_compact=True)
    return graph.serialize(format="turtle")
