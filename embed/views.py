"""The embed's addresses: the element's script and stylesheet, the iframe page and oEmbed."""

import json
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

from csp.constants import NONE, SELF
from csp.decorators import csp_replace
from django.conf import settings
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_GET

from cms.graphql import persisted
from snippets.models import PartnerCity

from . import data, queries, structured_data
from .models import switched_off
from .params import BadParameter, Selection
from .texts import TEXTS, texts

STATIC = Path(__file__).resolve().parent / "static" / "embed"
ASSET_SECONDS = 300  # a new version of the script reaches partner pages within minutes
OEMBED_CACHE_AGE = 3600
FRAME_WIDTH, FRAME_HEIGHT = 640, 480


@cache
def _source(name):
    return (STATIC / name).read_text(encoding="utf-8")


@cache
def element_script():
    """element.js with its configuration: stylesheet, queries (text and SHA-256), texts."""
    config = {
        "css": _source("embed.css"),
        "queries": queries.for_script(),
        "nominate": queries.NOMINATE,
        "texts": TEXTS,
    }
    return _source("element.js").replace("EMBED_CONFIG", json.dumps(config, ensure_ascii=False))


def _asset(body, content_type):
    response = HttpResponse(body, content_type=f"{content_type}; charset=utf-8")
    # Loaded by other websites: a module script is fetched with CORS.
    response["Access-Control-Allow-Origin"] = "*"
    response["Cross-Origin-Resource-Policy"] = "cross-origin"
    response["Cache-Control"] = f"public, max-age={ASSET_SECONDS}"
    return response


@require_GET
def script(request):
    # The element's queries, known to the API before the element asks: its first GET by hash
    # answers at once (one round trip), unless the store pushed one out meanwhile.
    for name, text in queries.QUERIES.items():
        digest = queries.digest(name)
        if persisted.lookup(digest) is None:
            persisted.store(digest, text)
    return _asset(element_script(), "text/javascript")


@require_GET
def stylesheet(request):
    return _asset(_source("embed.css"), "text/css")


@require_GET
def frame_script(request):
    return _asset(_source("frame.js"), "text/javascript")


def _media_sources():
    media = urlsplit(settings.MEDIA_URL)
    return [SELF] + ([f"{media.scheme}://{media.netloc}"] if media.netloc else [])


def _title(selection):
    """The frame's title: never a person's name (oEmbed consumers store it)."""
    t = texts(selection.lang)
    town = PartnerCity.objects.filter(slug=selection.town, live=True).first()
    return f"{t['portraits']} – {town.name}" if town else t["portraits"]


def _frame_url(request, selection):
    return request.build_absolute_uri(f"{reverse('embed_portraits')}?{selection.querystring()}")


@require_GET
@xframe_options_exempt
@csp_replace(
    {
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": _media_sources(),
        "frame-ancestors": ["*"],
        "form-action": [NONE],
    }
)
def portraits_frame(request):
    """The portraits as a page of their own, for an <iframe> (and oEmbed): the element's markup
    rendered here, paging by links, a height script."""
    try:
        selection = Selection.from_query(request.GET)
    except BadParameter as error:
        return HttpResponse(str(error), status=400, content_type="text/plain; charset=utf-8")
    t = texts(selection.lang)
    context = {"selection": selection, "t": t, "title": _title(selection), "notice": None}
    if selection.town and switched_off(selection.town):
        context["notice"] = _("Das Einbetten ist für diese Partnerstadt ausgeschaltet.")
    else:
        name, variables = selection.query()
        answer = data.ask(request, name, variables)
        if answer.error_argument() == "town":
            context["notice"] = t["hidden"]
        elif answer.errors:
            return HttpResponse(
                answer.message(), status=400, content_type="text/plain; charset=utf-8"
            )
        elif name == "portrait":
            context["items"] = [answer.data["portrait"]] if answer.data["portrait"] else []
            context["notice"] = None if context["items"] else t["gone"]
        else:
            found = answer.data["portraits"]
            context["items"] = found["items"]
            context["notice"] = None if found["items"] else t["empty"]
            context["pager"] = _pager(selection, found["pagination"], t)
        if context.get("items"):
            context["structured_data"] = structured_data.script_tag(
                structured_data.item_list(
                    context["items"], structured_data.portrait, context["title"]
                )
            )
    frame_url = _frame_url(request, selection)
    context["oembed_url"] = oembed_address(request, frame_url)
    response = render(request, "embed/frame.html", context)
    response["Cache-Control"] = "no-cache"  # revalidated on every load: withdrawals show at once
    return response


def oembed_address(request, frame_url):
    query = QueryDict(mutable=True)
    query.update({"url": frame_url, "format": "json"})
    return request.build_absolute_uri(f"{reverse('embed_oembed')}?{query.urlencode()}")


def _pager(selection, pagination, t):
    current, total = pagination["currentPage"], pagination["totalPages"]
    if total <= 1:
        return None
    link = lambda page: f"?{selection.querystring(page=page)}" if 1 <= page <= total else None  # noqa: E731
    return {
        "previous": link(current - 1),
        "next": link(current + 1),
        "status": t["page"].format(page=current, pages=total),
    }


def _error(status, message):
    return JsonResponse(
        {"error": message}, status=status, json_dumps_params={"ensure_ascii": False}
    )


@require_GET
def oembed(request):
    """oEmbed 1.0 (https://oembed.com), type rich: the html is only an <iframe> of our page,
    never names or photos (consumers keep the html in their own database)."""
    if request.GET.get("format", "json") != "json":
        return _error(501, _("Nur format=json wird unterstützt."))
    url = urlsplit(request.GET.get("url", ""))
    if url.netloc != request.get_host() or url.path != reverse("embed_portraits"):
        return _error(404, _("Diese Adresse lässt sich nicht einbetten."))
    try:
        selection = Selection.from_query(QueryDict(url.query))
    except BadParameter:
        return _error(404, _("Diese Adresse lässt sich nicht einbetten."))
    if selection.town and switched_off(selection.town):
        return _error(404, _("Das Einbetten ist für diese Partnerstadt ausgeschaltet."))
    name, variables = selection.query()
    answer = data.ask(request, name, variables)
    if answer.errors or (name == "portrait" and not answer.data.get("portrait")):
        return _error(404, _("Diese Inhalte sind nicht (mehr) sichtbar."))
    width = _bounded(request.GET.get("maxwidth"), FRAME_WIDTH)
    height = _bounded(request.GET.get("maxheight"), FRAME_HEIGHT)
    title = _title(selection)
    frame_url = _frame_url(request, selection)
    html = format_html(
        '<iframe src="{}" title="{}" width="{}" height="{}" '
        'class="engagierte-stadt-embed"></iframe>',
        frame_url,
        title,
        width,
        height,
    )
    return JsonResponse(
        {
            "version": "1.0",
            "type": "rich",
            "title": title,
            "provider_name": settings.WAGTAIL_SITE_NAME,
            "provider_url": request.build_absolute_uri("/"),
            "cache_age": OEMBED_CACHE_AGE,
            "html": str(html),
            "width": width,
            "height": height,
        },
        json_dumps_params={"ensure_ascii": False},
    )


@require_GET
def follow_link(request):
    """A link clicked in a frame WordPress shows: WordPress follows a frame's `link` message
    only to the frame's own host, so the frame names this address, which sends the visitor on
    to the page on the public website (and nowhere else: no open redirect)."""
    target = request.GET.get("to", "")
    public = settings.PUBLIC_SITE_URL
    if not public or not target.startswith(f"{public}/") or "\\" in target:
        return _error(404, _("Dieses Ziel gibt es nicht."))
    return HttpResponseRedirect(target)


def _bounded(raw, default):
    return min(int(raw), default) if raw and raw.isdigit() and int(raw) > 0 else default
