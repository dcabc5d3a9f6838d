"""What an iframe address asks for (/embed/portraits/?town=&area=&limit=&lang=&slug=&page=),
checked once for the iframe page and for oEmbed. Bad input is a German error naming the
parameter."""

import re
from dataclasses import dataclass
from urllib.parse import urlencode

from django.utils.translation import gettext as _

from .queries import DEFAULT_LIMIT, LANGUAGES, MAX_LIMIT

COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


class BadParameter(ValueError):
    pass


def _colour(query):
    value = query.get("accent", "").strip()
    if value and not COLOUR.match(value):
        raise BadParameter(_("accent muss eine Farbe wie #0a5a8c sein."))
    return value


def _number(query, name, default, highest):
    raw = query.get(name, "").strip()
    if not raw:
        return default
    if not raw.isdigit() or not 1 <= int(raw) <= highest:
        raise BadParameter(
            _("%(name)s muss eine Zahl von 1 bis %(highest)d sein.")
            % {"name": name, "highest": highest}
        )
    return int(raw)


def language(query):
    lang = query.get("lang", "").strip() or "de"
    if lang not in LANGUAGES:
        raise BadParameter(
            _("lang muss einer dieser Werte sein: %(valid)s.") % {"valid": ", ".join(LANGUAGES)}
        )
    return lang


@dataclass(frozen=True)
class Selection:
    town: str = ""
    area: str = ""
    slug: str = ""
    limit: int = DEFAULT_LIMIT
    lang: str = "de"
    page: int = 1
    accent: str = ""

    @classmethod
    def from_query(cls, query):
        lang = language(query)
        return cls(
            town=query.get("town", "").strip(),
            area=query.get("area", "").strip(),
            slug=query.get("slug", "").strip(),
            limit=_number(query, "limit", DEFAULT_LIMIT, MAX_LIMIT),
            lang=lang,
            page=_number(query, "page", 1, 10_000),
            accent=_colour(query),
        )

    def query(self):
        """The GraphQL query's name and variables."""
        if self.slug:
            return "portrait", {"slug": self.slug, "locale": self.lang}
        variables = {"locale": self.lang, "perPage": self.limit, "page": self.page}
        variables.update({k: v for k, v in (("town", self.town), ("area", self.area)) if v})
        return "portraits", variables

    def querystring(self, **changes):
        values = {**self.__dict__, **changes}
        kept = {
            k: values[k]
            for k in ("town", "area", "slug", "limit", "lang", "page", "accent")
            if values[k] and not (k == "page" and values[k] == 1)
        }
        return urlencode(kept)
