from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from cms.graphql.views import PublicGraphQLView
from cms.health import healthz
from editorial import urls as editorial_urls

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("graphql/", PublicGraphQLView.as_view(), name="graphql"),
    path("healthz/", healthz, name="healthz"),
    path("", include(editorial_urls)),
]

if getattr(settings, "GRAPHIQL_ENABLED", False):
    urlpatterns.append(path("graphiql/", PublicGraphQLView.as_view(graphiql=True), name="graphiql"))

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns.append(path("", include(wagtail_urls)))
