from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.static import serve
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from cms.accounts import ThrottledPasswordResetView
from cms.graphql.views import PublicGraphQLView
from cms.health import healthz
from cms.views import headless_page

handler500 = "cms.views.server_error"  # a 503 while the database is unreachable

urlpatterns = [
    # Before Wagtail's own: the same page, with a rate limit.
    path(
        "admin/password_reset/",
        ThrottledPasswordResetView.as_view(),
        name="wagtailadmin_password_reset",
    ),
    # Before Wagtail's own: three admin views that keep to the town editors' boundaries.
    path("admin/", include("editorial.admin_urls")),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("graphql/", PublicGraphQLView.as_view(), name="graphql"),
    path("healthz/", healthz, name="healthz"),
    path("api/v2/", include("cms.rest.urls")),
    # Apps' own URLs, named like INSTALLED_APPS: the project's ground imports no app.
    path("", include("editorial.urls")),
    path("", include("embed.urls")),
    path("", include("opendata.urls")),
]

if settings.GRAPHIQL_ENABLED:
    from cms.graphql.graphiql import GraphiQLView

    urlpatterns.append(path("graphiql/", GraphiQLView.as_view(), name="graphiql"))


def image_media_urlpatterns():
    """Images only, as the production web server serves them: documents (consent forms among
    them) go through Wagtail's /documents/ view, which checks collection restrictions."""
    return [
        re_path(
            r"^media/(?P<path>(?:original_images|images)/[^/]+)$",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        )
    ]


if settings.DEBUG:
    urlpatterns += image_media_urlpatterns()

# Headless: Wagtail does not render pages for the public. Its URL names stay (page URLs are
# built with `wagtail_serve`; restricted documents send people to `wagtailcore_login`).
urlpatterns += [p for p in wagtail_urls.urlpatterns if p.name == "wagtailcore_login"]
# Page addresses carry their content language (issue 12): German without a prefix, translations
# under /en/… and /de-x-ls/… (Wagtail reverses `wagtail_serve` in the page's language for `url`).
urlpatterns += i18n_patterns(
    re_path(wagtail_urls.serve_pattern, headless_page, name="wagtail_serve"),
    prefix_default_language=False,
)
