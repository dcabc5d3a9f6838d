"""Wagtail's content models and search, and the fixed shape of the APIs (GraphQL through grapple,
REST). Their limits come from the environment: cms/settings/base.py reads it, once."""

# Wagtail
WAGTAIL_SITE_NAME = "Engagierte Stadt Dessau-Roßlau"
WAGTAILIMAGES_IMAGE_MODEL = "media.Image"
WAGTAILDOCS_DOCUMENT_MODEL = "media.Document"
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAIL_ALLOW_UNICODE_SLUGS = False  # ASCII slugs: plain, unencoded URLs for partner sites
WAGTAILADMIN_NOTIFICATION_USE_HTML = True
WAGTAIL_WORKFLOW_ENABLED = True

# GraphQL
GRAPHENE = {"SCHEMA": "cms.graphql.schema.schema"}
GRAPHQL_ALLOWED_IMAGE_FILTERS = [
    "fill-160x160",
    "fill-400x400",
    "fill-800x800",
    "width-400",
    "width-800",
    "width-1200",
    "width-1600",
    "original",
]
GRAPPLE = {
    "APPS": ["pages", "snippets", "media"],
    "PAGE_SIZE": 12,
    "MAX_PAGE_SIZE": 100,
    "EXPOSE_GRAPHIQL": False,
    "PAGE_INTERFACE": "cms.graphql.interfaces.PageInterface",
    "ALLOWED_IMAGE_FILTERS": GRAPHQL_ALLOWED_IMAGE_FILTERS
    + [f"{spec}|format-webp" for spec in GRAPHQL_ALLOWED_IMAGE_FILTERS]
    + [f"{spec}|format-jpeg" for spec in GRAPHQL_ALLOWED_IMAGE_FILTERS],
}
GRAPHQL_MAX_PAGE_SIZE = 100
# REST (cms/rest/): the same page size limit (more is a 400), rich text as display HTML.
WAGTAILAPI_LIMIT_MAX = GRAPHQL_MAX_PAGE_SIZE
WAGTAILAPI_RICH_TEXT_FORMAT = "html"
