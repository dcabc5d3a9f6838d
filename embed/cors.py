"""CORS for the custom element: the API answers a browser script from a website that a
switched-on town lists in its allowed origins (embed.models.TownEmbed), besides the
operator's CORS_ALLOWED_ORIGINS. django-cors-headers asks this for every request: it answers
no at once unless an Origin header comes to the API."""

from corsheaders.signals import check_request_enabled
from django.dispatch import receiver

from .models import embedding_origins, parse_origin


@receiver(check_request_enabled, dispatch_uid="embed_origins")
def allow_embedding_origins(sender, request, **kwargs):
    origin = request.headers.get("origin")
    if not origin or request.path_info.rstrip("/") != "/graphql":
        return False
    return parse_origin(origin) in embedding_origins()
