"""The public `nominate` mutation (docs/api.md, "Nominations").

Only the mutation is in the schema: nominations are never a grapple type, so no query can
return a nominator's data. Each call counts against a per-IP limit of its own
(NOMINATION_RATE_LIMIT per NOMINATION_RATE_LIMIT_WINDOW seconds); over it, the view answers
HTTP 429 with Retry-After. A filled honeypot (`website`) answers like a success and stores
nothing.
"""

import graphene
from django.conf import settings
from django.db import transaction

from cms.graphql.errors import RateLimitedError
from cms.rate_limit import client_ip, rate_limited

from . import notifications
from .forms import NominationForm
from .models import new_reference


class NominationInput(graphene.InputObjectType):
    nominee_name = graphene.String(required=True)
    nominee_kind = graphene.String(required=True, description="Art: person oder initiative")
    town = graphene.String(required=True, description="Kürzel der Partnerstadt")
    areas = graphene.List(graphene.NonNull(graphene.String), description="Kürzel")
    reason = graphene.String(
        required=True, description="Warum diese Person oder Initiative ein Glücksbringer ist"
    )
    nominator_name = graphene.String(required=True)
    nominator_email = graphene.String(required=True)
    nominator_phone = graphene.String()
    nominee_informed = graphene.Boolean(
        required=True, description="Die benannte Person weiß von der Nominierung"
    )
    privacy_consent = graphene.Boolean(required=True, description="Muss true sein")
    website = graphene.String(description="Bitte leer lassen")


class FieldError(graphene.ObjectType):
    field = graphene.String(required=True)
    message = graphene.String(required=True)


class NominatePayload(graphene.ObjectType):
    ok = graphene.Boolean(required=True)
    reference = graphene.String()
    errors = graphene.List(graphene.NonNull(FieldError), required=True)


def _form_data(data):
    form_data = {key: value for key, value in data.items() if value is not None}
    form_data["areas"] = list(data.get("areas") or [])
    return form_data


def embedding_origin(request):
    """The website a browser sent the nomination from (its Origin header, which page scripts
    cannot set), when that is not the CMS itself: the embed's tag on the nomination."""
    origin = request.headers.get("Origin", "")
    return "" if origin in ("", "null", f"{request.scheme}://{request.get_host()}") else origin


def submit(request, data, embedded_from=""):
    """One nomination through every rule (rate limit, form, honeypot), stored with its
    confirmation after commit: the mutation's work, also for the embed's iframe form. The
    bound form, and the reference (None when the form has errors). Over the limit it raises
    RateLimitedError."""
    wait = rate_limited(
        "nominate",
        f"ip:{client_ip(request)}",
        settings.NOMINATION_RATE_LIMIT,
        settings.NOMINATION_RATE_LIMIT_WINDOW,
    )
    if wait:
        raise RateLimitedError(wait)
    form = NominationForm(data=data)
    if not form.is_valid():
        return form, None
    if form.trapped:
        # The honeypot answers like a success, with a reference nothing is stored under.
        return form, new_reference()
    with transaction.atomic():
        nomination = form.save(embedded_from=embedded_from)
        transaction.on_commit(lambda: notifications.send(nomination.pk), robust=True)
    return form, nomination.reference


def nominate(root, info, input):
    request = info.context
    form, reference = submit(request, _form_data(input), embedding_origin(request))
    if reference is None:
        errors = [
            FieldError(field=field, message=message) for field, message in form.field_errors()
        ]
        return NominatePayload(ok=False, reference=None, errors=errors)
    return NominatePayload(ok=True, reference=reference, errors=[])


class NominationMutations(graphene.ObjectType):
    nominate = graphene.Field(
        graphene.NonNull(NominatePayload),
        input=graphene.Argument(graphene.NonNull(NominationInput)),
        resolver=nominate,
        description="Eine Person oder Initiative als Glücksbringer vorschlagen.",
    )
