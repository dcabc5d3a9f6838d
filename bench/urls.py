"""The benchmark server's URLs: the project's own (cms/urls.py), and ahead of them two peers
that are not part of the product:

- `bench/stock-api/v2/pages/`: stock Wagtail REST API v2 (`PagesAPIViewSet`), no visibility
  policy of ours, for `type=pages.PortraitPage` with town, areas and a 400x400 photo rendition,
  prefetched (`select_related`/`prefetch_related`, renditions too): a fair, fast peer;
- `bench/static/`: the bytes of our GraphQL answer, read once from BENCH_STATIC_BODY (written by
  bench/run.py before the server starts): what the same server does at best per request;
- `api/v2/bench/static/`: the same view under a public API path, so that the app marks it for
  shared caches (cms/httpcache.py) and Varnish keeps it (bench/varnish_rows.py).
"""

import os
from pathlib import Path

from django.http import HttpResponse
from django.urls import path
from wagtail.api import APIField
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.images.api.fields import ImageRenditionField

from cms.urls import urlpatterns as cms_urlpatterns
from pages.models import PortraitPage

STATIC_BODY_FILE = os.environ.get("BENCH_STATIC_BODY", "")
STATIC_BODY = Path(STATIC_BODY_FILE).read_bytes() if STATIC_BODY_FILE else b"{}"


def static_answer(request):
    return HttpResponse(STATIC_BODY, content_type="application/json")


class StockPortraitPagesAPIViewSet(PagesAPIViewSet):
    """Wagtail's own pages endpoint as a project without our policy would write it for portraits:
    the model's plain fields, a rendition field, and prefetching of what the list shows."""

    portrait_fields = [
        APIField("name"),
        APIField("quote"),
        APIField("town"),
        APIField("areas"),
        APIField("photo_400", serializer=ImageRenditionField("fill-400x400", source="photo")),
    ]

    @classmethod
    def get_body_fields(cls, model):
        if model is PortraitPage:
            return cls._convert_api_fields(cls.body_fields + cls.portrait_fields)
        return super().get_body_fields(model)

    def get_queryset(self):
        queryset = super().get_queryset()
        if queryset.model is PortraitPage:
            # The locale too: Wagtail's API lists it in every page's meta once i18n is on.
            queryset = queryset.select_related("locale", "town", "photo").prefetch_related(
                "areas", "photo__renditions"
            )
        return queryset


stock_api = WagtailAPIRouter("bench_stock_api")
stock_api.register_endpoint("pages", StockPortraitPagesAPIViewSet)

urlpatterns = [
    path("bench/static/", static_answer),
    path("api/v2/bench/static/", static_answer),
    path("bench/stock-api/v2/", stock_api.urls),
    *cms_urlpatterns,
]
