"""The embed's GraphQL queries, in one place: the custom element sends them as GET persisted
queries (their SHA-256, cms/graphql/persisted.py), the iframe page runs the same documents on
the server. Photos as one square rendition the server allows (GRAPHQL_ALLOWED_IMAGE_FILTERS)."""

import hashlib

from django.conf import settings

LANGUAGES = [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]
MAX_LIMIT = 24  # portraits per page of an embed
DEFAULT_LIMIT = 6

_PORTRAIT_FIELDS = """slug name kind quote fullUrl town { name }
      photo { alt rendition(fill: "400x400", format: "webp") { url width height } }"""

QUERIES = {
    "portraits": f"""query EmbedPortraits($town: String, $area: String, $locale: String,
  $perPage: PositiveInt, $page: PositiveInt) {{
  portraits(town: $town, area: $area, locale: $locale, perPage: $perPage, page: $page) {{
    items {{ {_PORTRAIT_FIELDS} }}
    pagination {{ currentPage totalPages }}
  }}
}}""",
    "portrait": f"""query EmbedPortrait($slug: String, $locale: String) {{
  portrait(slug: $slug, locale: $locale) {{ {_PORTRAIT_FIELDS} }}
}}""",
    "programmes": """query EmbedProgrammes($locale: String) {
  programmes(locale: $locale) {
    slug title teaser externalUrl fullUrl funders { name website }
  }
}""",
    "towns": """query EmbedTowns($locale: String) {
  partnerCities(locale: $locale) { slug name website }
}""",
}

# Sent by POST (a mutation is never a GET), from the embedding page's origin (CORS).
NOMINATE = """mutation EmbedNominate($input: NominationInput!) {
  nominate(input: $input) { ok reference errors { field message } }
}"""


def digest(name):
    return hashlib.sha256(QUERIES[name].encode("utf-8")).hexdigest()


def for_script():
    """{name: {"hash", "text"}} as the element needs them."""
    return {name: {"hash": digest(name), "text": text} for name, text in QUERIES.items()}
