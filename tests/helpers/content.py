"""Content the API and visibility tests share: translations made as the admin makes them,
reads through the REST API, the nomination mutation."""

from wagtail.models import Locale
from wagtail_localize.operations import translate_object

from tests.factories import EngagementAreaFactory, PortraitPageFactory, publish


def translate_campaign(tree, user, locale, portrait):
    """Home, campaign, the portrait's section, the portrait: as the admin offers it (each page's
    parent first; a parent already translated is left as it is)."""
    for page in (tree.home, tree.campaign, portrait.get_parent(), portrait):
        if page is portrait or not page.has_translation(locale):
            translate_object(page.specific, [locale], user=user)
    return portrait.get_translation(locale)


TRANSLATED = ("en", "de-x-ls")


def publish_translation(tree, user, code, portrait, area=None):
    """The portrait's translation into `code` with its ancestors, its town (and `area`),
    all published: a live twin of the German portrait."""
    locale = Locale.objects.get(language_code=code)
    if area is not None:
        translate_object(area, [locale])
        area.get_translation(locale).save_revision().publish()
    translation = translate_campaign(tree, user, locale, portrait).specific
    tree.dessau.get_translation(locale).save_revision().publish()
    for page in reversed(translation.get_ancestors(inclusive=True).filter(depth__gt=1)):
        publish(page.specific)
    translation.refresh_from_db()
    return translation


def six_translated_portraits(tree, user, code):
    """Six live portraits in one area, each with a live translation into `code` (and the area's,
    with the first), unless `code` is German."""
    area = EngagementAreaFactory(name="Sport", slug="sport")
    portraits = []
    for number in range(6):
        page = PortraitPageFactory(parent=tree.dessau_section, slug=f"p-{number}")
        page.areas.set([area])
        portraits.append(publish(page))
    if code != "de":
        publish_translation(tree, user, code, portraits[0], area)
        for page in portraits[1:]:
            publish_translation(tree, user, code, page)
    return portraits


HIDDEN_STATES = ["draft", "scheduled", "expired", "private", "consent_withdrawn", "no_consent"]


def slugs(items):
    return {item["slug"] for item in items}


def rest(client, path, status=200, **params):
    response = client.get(f"/api/v2/{path}", params, HTTP_ACCEPT="application/json")
    assert response.status_code == status, response.content[:300]
    return response.json()


def rest_slugs(data):
    return {item["meta"]["slug"] for item in data["items"]}


NOMINATE = """
mutation Nominate($input: NominationInput!) {
  nominate(input: $input) { ok reference errors { field message } }
}
"""


def valid_input(**overrides):
    data = {
        "nomineeName": "Hanna Helferin",
        "nomineeKind": "person",
        "town": "dessau-rosslau",
        "areas": ["klimaschutz", "nachbarschaft"],
        "reason": "Sie pflanzt mit den Kindern der Nachbarschaft jedes Frühjahr Bäume.",
        "nominatorName": "Max Mustermann",
        "nominatorEmail": "max@example.org",
        "nominatorPhone": "0340 123456",
        "nomineeInformed": True,
        "privacyConsent": True,
        "website": "",
    }
    data.update(overrides)
    return data
