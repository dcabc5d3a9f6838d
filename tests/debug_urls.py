"""The URLs of `make run` (DEBUG, GRAPHIQL_ENABLED): uploaded images served, GraphiQL at
/graphiql/."""

from django.urls import path

from cms.graphql.graphiql import GraphiQLView
from cms.urls import image_media_urlpatterns
from cms.urls import urlpatterns as base_urlpatterns

urlpatterns = [
    path("graphiql/", GraphiQLView.as_view(), name="graphiql"),
    *image_media_urlpatterns(),
    *base_urlpatterns,
]
