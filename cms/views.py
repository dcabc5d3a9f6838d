"""What a browser sees at a page address: the CMS is headless and renders no pages."""

from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET


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
