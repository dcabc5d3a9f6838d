"""The nomination form as a page of its own, for an <iframe> (/embed/nominieren/?town=&lang=):
for sites that forbid scripts. It posts to itself, on the CMS's origin (no CORS, no cookie):
the nominations app's `submit` applies the rate limit, the form's rules and the honeypot, as
for the `nominate` mutation. The embedding site's origin comes from the Referer of the frame's
first load, carried signed through the form."""

from urllib.parse import urlsplit

from csp.constants import SELF
from csp.decorators import csp_replace
from django.core import signing
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from cms import visibility
from cms.graphql.errors import RateLimitedError
from nominations.graphql import submit
from snippets.models import PartnerCity

from .models import switched_off
from .params import BadParameter, language
from .texts import texts

SALT = "embed-nomination-origin"
# (form field, text key, input type, required)
FIELDS = [
    ("nominee_name", "nomineeName", "text", True),
    ("reason", "reason", "textarea", True),
    ("nominator_name", "nominatorName", "text", True),
    ("nominator_email", "nominatorEmail", "email", True),
    ("nominator_phone", "nominatorPhone", "tel", False),
    ("nominee_informed", "nomineeInformed", "checkbox", False),
    ("privacy_consent", "privacyConsent", "checkbox", True),
]


def _referring_origin(request):
    parts = urlsplit(request.headers.get("Referer", ""))
    if parts.scheme in ("http", "https") and parts.netloc and parts.netloc != request.get_host():
        return f"{parts.scheme}://{parts.netloc}"
    return ""


@csrf_exempt  # a public form like the API's mutation: no cookie; honeypot and rate limit
@require_http_methods(["GET", "POST"])
@xframe_options_exempt
@csp_replace(
    {
        "script-src": [SELF],
        "style-src": [SELF],
        "frame-ancestors": ["*"],
        "form-action": [SELF],
    }
)
def nomination_frame(request):
    town = request.GET.get("town", "").strip()
    try:
        lang = language(request.GET)
    except BadParameter as error:
        return HttpResponse(str(error), status=400, content_type="text/plain; charset=utf-8")
    t = texts(lang)
    f = t["form"]
    context = {"lang": lang, "t": t, "f": f, "values": {}, "errors": {}, "kind": "person"}
    if not visibility.snippets(PartnerCity).filter(slug=town).exists() or switched_off(town):
        context.update(notice=t["hidden"], done=True)
    elif request.method == "POST":
        try:
            embedded_from = signing.loads(request.POST.get("source", ""), salt=SALT)
        except signing.BadSignature:
            embedded_from = ""
        data = {**request.POST.dict(), "town": town, "areas": []}
        try:
            form, reference = submit(request, data, embedded_from)
        except RateLimitedError:
            context["notice"] = f["tooMany"]
            form, reference = None, None
        if reference:
            context["notice"] = f["thanks"].replace("{reference}", reference)
            context["done"] = True
        elif form is not None:
            context["errors"] = {name: str(messages[0]) for name, messages in form.errors.items()}
            context["values"] = request.POST
            context["kind"] = request.POST.get("nominee_kind", "person")
            context["notice"] = f["fix"]
        context["source"] = request.POST.get("source", "")
    else:
        context["source"] = signing.dumps(_referring_origin(request), salt=SALT)
    context["fields"] = [
        {
            "name": name,
            "label": f[key],
            "type": kind,
            "required": required,
            "value": context["values"].get(name, ""),
            "error": context["errors"].get(name, ""),
        }
        for name, key, kind, required in FIELDS
    ]
    return render(request, "embed/nominate.html", context)
