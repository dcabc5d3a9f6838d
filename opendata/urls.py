from django.urls import path, re_path

from . import views

urlpatterns = [
    path("opendata/", views.index, name="opendata_index"),
    re_path(
        r"^opendata/catalog\.(?P<fmt>ttl|jsonld)$", views.catalog_view, name="opendata_catalog"
    ),
    re_path(
        r"^opendata/(?P<slug>[^/.]+)\.(?P<fmt>[^/.]+)$", views.download, name="opendata_download"
    ),
]
