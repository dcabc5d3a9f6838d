"""What a browser sees at a page address (the CMS is headless and renders no pages), and the
error page while the database is unreachable."""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.views import defaults
from django.views.decorators.http import require_GET

from cms.graphql.errors import UNAVAILABLE_RETRY_AFTER

# The database is unreachable (down, restarting, connection lost): a transient outage.
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)


@require_GET
def headless_page(request, path=""):
    """Every page address: the content is at /graphql/. The same 404 for live, hidden and
    missing pages, so the answer tells nothing about what exists."""
    if "text/html" in request.headers.get("Accept", ""):
        # An editor following "Live anzeigen" in the admin: explain, in German.
        return render(request, "cms/headless.html", status=200 if not path else 404)
    if not path:
        return JsonResponse(
            {"name": "Engagierte Stadt CMS", "graphql": "/graphql/", "admin": "/admin/"}
        )
    return JsonResponse(
        {"detail": "Diese Adresse liefert keine Seiten aus. Inhalte über /graphql/."},
        status=404,
    )


def server_error(request):
    """`handler500`. While the database is unreachable (the error being handled says so), an
    honest 503 with Retry-After and a German page: briefly unavailable, nothing lost. Rendered
    without the request's context, so nothing here reads the session or the user: the session
    cookie stays as it was, and the editor is still logged in once the database is back. Any
    other error: Django's 500 page (templates/500.html). GraphQL and REST answer their own JSON
    503 before this (cms/graphql/views.py)."""
    if isinstance(sys.exc_info()[1], DATABASE_UNAVAILABLE):
        response = HttpResponse(loader.render_to_string("503.html"), status=503)
        response["Retry-After"] = str(UNAVAILABLE_RETRY_AFTER)
        response["Cache-Control"] = "no-store"
        return response
    return defaults.server_error(request)
