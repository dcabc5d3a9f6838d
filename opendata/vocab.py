"""The controlled vocabularies the catalog uses, by their official URIs: DCAT-AP.de's licences,
contributors and political geocoding (http://dcat-ap.de/def/…), the EU Publications Office's
file types, data themes, languages and frequencies, IANA media types."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from rdflib import Namespace
from rdflib.namespace import DCAT, DCTERMS, FOAF

DCT = DCTERMS  # rdflib's defined namespaces: `DCT.title` is a term, not str.title
DCATDE = Namespace("http://dcat-ap.de/def/dcatde/")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
__all__ = ["DCAT", "DCATDE", "DCT", "FOAF", "VCARD"]

EU = "http://publications.europa.eu/resource/authority/"
FILE_TYPE = Namespace(EU + "file-type/")
DATA_THEME = Namespace(EU + "data-theme/")
THEME_TAXONOMY = EU + "data-theme"
LANGUAGE_GERMAN = EU + "language/DEU"
FREQUENCY_IRREGULAR = EU + "frequency/IRREG"
MEDIA_TYPE = Namespace("http://www.iana.org/assignments/media-types/")

CONTRIBUTORS = "http://dcat-ap.de/def/contributors/"
LICENCES_BASE = "http://dcat-ap.de/def/licenses/"
GEOCODING_MUNICIPALITY = "http://dcat-ap.de/def/politicalGeocoding/municipalityKey/"
GEOCODING_LEVEL_MUNICIPALITY = "http://dcat-ap.de/def/politicalGeocoding/Level/municipality"

# Dessau-Roßlau's Amtlicher Gemeindeschlüssel (a kreisfreie Stadt in Sachsen-Anhalt).
DESSAU_ROSSLAU_MUNICIPALITY_KEY = "15001000"


@dataclass(frozen=True)
class Licence:
    key: str  # the part after http://dcat-ap.de/def/licenses/
    label: str
    text_url: str  # the licence text, for people
    explanation: str

    @property
    def uri(self):
        return LICENCES_BASE + self.key


DL_BY_DE = Licence(
    "dl-by-de/2.0",
    "Datenlizenz Deutschland – Namensnennung – 2.0",
    "https://www.govdata.de/dl-de/by-2-0",
    _(
        "Die Lizenz der deutschen Verwaltung (GovData): jede Nutzung erlaubt, auch kommerziell "
        "und verändert, wenn der Bereitsteller und der Namensnennungstext genannt werden."
    ),
)
CC_BY = Licence(
    "cc-by/4.0",
    "Creative Commons Namensnennung 4.0 International (CC BY 4.0)",
    "https://creativecommons.org/licenses/by/4.0/deed.de",
    _(
        "Die international verbreitete Lizenz: jede Nutzung erlaubt, auch kommerziell und "
        "verändert, mit Namensnennung, Hinweis auf die Lizenz und auf Änderungen."
    ),
)
LICENCES = {licence.key: licence for licence in (DL_BY_DE, CC_BY)}
