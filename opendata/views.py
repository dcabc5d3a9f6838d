"""The open-data addresses: /opendata/ (an index), /opendata/catalog.ttl and .jsonld (DCAT-AP.de),
/opendata/<dataset>.csv and .json. Public, read-only, anyone may load them from anywhere (CORS).

Caching: answers are built from the database on every request that is not a revalidation; a
browser, proxy or harvester may keep one `MAX_AGE` seconds and then revalidate it with its ETag
(a 304 when nothing changed). The data hold no person, so five minutes of staleness after a
change (a count that drops under five, say) publishes nothing a withdrawal must take back."""

import hashlib
import json

from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from . import catalog, datasets, formats
from .models import OpenDataSettings

MAX_AGE = 300
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8; header=present",
    "json": "application/json; charset=utf-8",
    "ttl": "text/turtle; charset=utf-8",
    "jsonld": "application/ld+json; charset=utf-8",
}


def _answer(request, body, fmt, filename=None):
    etag = f'"{hashlib.sha256(body).hexdigest()[:32]}"'
    response = get_conditional_response(request, etag=etag) or HttpResponse(
        body, content_type=CONTENT_TYPES[fmt]
    )
    response["ETag"] = etag
    patch_cache_control(response, public=True, max_age=MAX_AGE)
    response["Access-Control-Allow-Origin"] = "*"  # open data: no cookies, no credentials
    if filename and response.status_code == 200:
        response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def _not_found(message):
    response = JsonResponse(
        {"error": message}, status=404, json_dumps_params={"ensure_ascii": False}
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_GET
def download(request, slug, fmt):
    dataset = datasets.BY_SLUG.get(slug)
    if dataset is None:
        return _not_found(
            _("Unbekannter Datensatz „%(slug)s“. Vorhanden: %(allowed)s.")
            % {"slug": slug, "allowed": ", ".join(datasets.BY_SLUG)}
        )
    if fmt not in ("csv", "json"):
        return _not_found(
            _("Unbekanntes Format „%(fmt)s“. Jeder Datensatz gibt es als .csv und als .json.")
            % {"fmt": fmt}
        )
    table = datasets.build(dataset)
    if fmt == "csv":
        body = formats.to_csv(table)
    else:
        csv_url = catalog.download_url(request, dataset, "csv")
        body = formats.to_json(table, OpenDataSettings.load(), csv_url)
    return _answer(request, body, fmt, f"{slug}.{fmt}")


@require_GET
def catalog_view(request, fmt):
    tables = [datasets.build(dataset) for dataset in datasets.DATASETS]
    graph = catalog.build_graph(request, tables, OpenDataSettings.load())
    body = catalog.serialize(graph, fmt).encode("utf-8")
    return _answer(request, body, fmt)


@require_GET
def index(request):
    """Where everything is, for people and scripts."""
    absolute = request.build_absolute_uri
    document = {
        "catalog": {
            fmt: absolute(reverse("opendata_catalog", kwargs={"fmt": fmt}))
            for fmt in ("ttl", "jsonld")
        },
        "datasets": [
            {
                "dataset": dataset.slug,
                "title": dataset.title,
                **{fmt: catalog.download_url(request, dataset, fmt) for fmt in ("csv", "json")},
            }
            for dataset in datasets.DATASETS
        ],
    }
    body = json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")
    return _answer(request, body, "json")
