"""The pages app's part of the visibility policy (cms/visibility/), registered with it: a
portrait is shown only with valid consent (the consent rule, pages/consent_rule.py), its German
source's too, and a live town; a town's section only with a live town; a withdrawn consent ends
every preview of its portrait, and a shown portrait shows its photo. Also the portraits' list:
its filters (town, area, kind), what it fetches with it, and how REST reads it from its stored
order (pages/list_page.py, as GraphQL's `portraits`).

cms/apps.py imports this module once all models are loaded (`rules.autodiscover`).
"""

from django.db.models import Exists, OuterRef, Prefetch, Q
from django.utils.translation import gettext
from wagtail.images import get_image_model

from cms import visibility
from cms.visibility import rules
from snippets.models import EngagementArea, PartnerCity

from .list_page import rows_and_total
from .models import PortraitPage, TownSectionPage


def _german_sources():
    return PortraitPage.objects.filter(locale__language_code=visibility.default_content_language())


def consent_lost_keys():
    """Translation keys of portraits whose German source has no valid consent. Consent belongs
    to the person, not to a language: a translation is shown only while its source's consent
    holds, whatever its own (synchronised) consent fields say."""
    return _german_sources().exclude(PortraitPage.VALID_CONSENT).values("translation_key")


def consent_withdrawn_keys():
    """Translation keys of portraits whose German source's consent was withdrawn."""
    return _german_sources().filter(PortraitPage.CONSENT_WITHDRAWN).values("translation_key")


def withdrawn_portraits_q():
    """Portraits whose withdrawal is in force: their own, or their German source's (consent
    belongs to the person, not to a language)."""
    return Q(PortraitPage.CONSENT_WITHDRAWN) | Q(translation_key__in=consent_withdrawn_keys())


def _portrait_rule_q(check_source=True):
    """What a portrait needs beyond its page state: valid consent (the consent rule,
    pages/consent_rule.py), its German source's too (`check_source`: a German portrait is its
    own source), and a live town."""
    q = PortraitPage.VALID_CONSENT & Q(town__live=True)
    if check_source:
        q &= ~Q(translation_key__in=consent_lost_keys())
    return q


@rules.hide_pages
def hidden_portrait_ids():
    """Portraits that must stay hidden whatever their page state: no valid consent (their own
    or their German source's), or their town is not live."""
    return PortraitPage.objects.exclude(_portrait_rule_q()).values("pk")


@rules.hide_pages
def hidden_section_ids():
    """Town sections that must stay hidden whatever their page state: their town is not live."""
    return TownSectionPage.objects.filter(town__live=False).values("pk")


@rules.end_previews
def withdrawn_portrait_ids():
    """A withdrawn consent ends every preview of its portrait."""
    return PortraitPage.objects.filter(withdrawn_portraits_q()).values("pk")


def with_list_relations(portrait_qs, renditions=()):
    """Portraits ready for a list: town, areas and the photo fetched with them, and of the
    photo's renditions those with the filter specs `renditions` (a photo has one per allowed
    size and format: not all of them), in a constant number of statements whatever the
    list's length."""
    qs = portrait_qs.select_related("locale", "town", "town__contact", "photo")
    qs = qs.prefetch_related("areas")
    if renditions:
        rendition_model = get_image_model().get_rendition_model()
        only = rendition_model.objects.filter(filter_spec__in=list(renditions))
        qs = qs.prefetch_related(Prefetch("photo__renditions", queryset=only))
    return qs


def _visible_portraits(qs, any_language=False):
    # A German portrait is its own source: a German list needs no second look at consent.
    check_source = (
        any_language or visibility.content_language()[0] != visibility.default_content_language()
    )
    return visibility.pages_of_type(qs, _portrait_rule_q(check_source))


@rules.show_images
def shown_photo_ids():
    """The photos of visible portraits (in any language)."""
    shown = _visible_portraits(PortraitPage.objects.all(), any_language=True)
    return shown.filter(photo__isnull=False).values("photo_id")


def portraits(qs=None, renditions=()):
    """Visible portraits in the request's content language, ready for a list
    (`with_list_relations`)."""
    qs = _visible_portraits(PortraitPage.objects.all() if qs is None else qs)
    qs = visibility.in_content_language(qs, lambda: _visible_portraits(PortraitPage.objects.all()))
    return with_list_relations(qs, renditions)


def _live_by_slug(model, slug, argument, unknown):
    visible = visibility.snippets(model).order_by("slug")
    found = visible.filter(slug=slug).first()
    if found is None:
        allowed = ", ".join(visible.values_list("slug", flat=True))
        raise visibility.UnknownArgument(unknown % {"allowed": allowed}, argument)
    return found


def _versions_of(found):
    """What a filter by the snippet `found` matches. In the default language the snippet itself
    (the list holds German portraits, which point to German towns and areas). In another
    language every version of it: the list's translations point to the translated town or
    area, and with `fallback` its German stand-ins to the German one (a German stand-in
    belongs to the German town whose translation the filter names)."""
    if visibility.content_language()[0] == visibility.default_content_language():
        return [found.pk]
    return type(found).objects.filter(translation_key=found.translation_key).values("pk")


def filter_portraits(qs, town=None, area=None, kind=None):
    """Portraits of a live town, in a live area, of a kind (GraphQL and REST alike), in the
    request's content language, German stand-ins included with `fallback` (`_versions_of`). An
    unknown slug, or a draft's, raises `UnknownArgument` listing the live ones: a typo must not
    look like "no portraits". Each filter keeps one row per portrait (no join that multiplies
    rows), so lists need no DISTINCT."""
    if town:
        found = _live_by_slug(
            PartnerCity,
            town,
            "town",
            gettext("Unbekannte Partnerstadt. Erlaubt: %(allowed)s."),
        )
        qs = qs.filter(town__in=_versions_of(found))
    if area:
        found = _live_by_slug(
            EngagementArea,
            area,
            "area",
            gettext("Unbekannter Engagementbereich. Erlaubt: %(allowed)s."),
        )
        # A semi-join (EXISTS), not a join: one row per portrait, so no DISTINCT is needed.
        through = PortraitPage.areas.through
        qs = qs.filter(
            Exists(
                through.objects.filter(
                    portraitpage=OuterRef("pk"), engagementarea__in=_versions_of(found)
                )
            )
        )
    if kind is not None:
        if kind not in PortraitPage.Kind.values:
            message = gettext("kind ist „person“ oder „initiative“.")
            raise visibility.UnknownArgument(message, "kind")
        qs = qs.filter(kind=kind)
    return qs


rules.list_filter(PortraitPage, filter_portraits)
rules.list_relations(PortraitPage, with_list_relations)
rules.stored_list(PortraitPage, portraits, rows_and_total)
