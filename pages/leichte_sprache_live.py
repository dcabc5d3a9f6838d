"""The Leichte-Sprache hints while an editor writes (issue 20): the translation editor sends the
text of the field being written (pages/static/pages/js/leichte_sprache_live.js), this view
answers with its hints (pages/leichte_sprache.py). Admin only (registered as an admin URL)."""

from django.http import JsonResponse
from django.urls import path
from django.views.decorators.http import require_POST

from . import leichte_sprache

CHECK_URL_NAME = "leichte_sprache_check"
MAX_TEXT_LENGTH = 20_000


@require_POST
def check_text(request):
    """POST `text` → {"hints": ["Leichte Sprache: …", …]}, in reading order."""
    text = request.POST.get("text", "")
    if len(text) > MAX_TEXT_LENGTH:
        error = f"Der Text ist zu lang für die Prüfung (höchstens {MAX_TEXT_LENGTH} Zeichen)."
        return JsonResponse({"error": error}, status=400)
    hints = leichte_sprache.check(text, known_names=leichte_sprache.known_names())
    return JsonResponse({"hints": [leichte_sprache.message_for(hint) for hint in hints]})


urlpatterns = [path("leichte-sprache/pruefen/", check_text, name=CHECK_URL_NAME)]
