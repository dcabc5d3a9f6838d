"""The page types' root queries in grapple's schema; the consent tab's document chooser and
its message; the dashboard's "Neues Porträt" panel; the note on a draft autosave created; the
German help page; the Leichte-Sprache hints on opening a page in that language and while
writing (pages/leichte_sprache_live.py)."""

from django.conf import settings
from django.contrib import messages
from django.urls import path, reverse
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.models import Locale

from . import leichte_sprache, leichte_sprache_live
from .consent import CONSENT_COLLECTION, consent_document_chooser_viewset
from .graphql import PageQueries
from .help import HELP_URL_NAME, HelpView
from .models import PortraitPage, TownSectionPage


@hooks.register("register_schema_query")
def register_queries(query_mixins):
    query_mixins.append(PageQueries)


@hooks.register("register_admin_viewset")
def register_consent_document_chooser():
    return consent_document_chooser_viewset


@hooks.register("before_publish_page")  # the edit view reloads the page before after_edit_page
@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def tell_that_the_consent_document_was_moved(request, page):
    """`secure_consent_document` leaves the document it moved on the page; say so, once."""
    document = page.__dict__.pop("_moved_consent_document", None)
    if document is not None:
        messages.info(
            request,
            _(
                "Die Einwilligungserklärung „%(title)s“ wurde in den geschützten Ordner "
                "„%(collection)s“ verschoben."
            )
            % {"title": document.title, "collection": CONSENT_COLLECTION},
        )


class NewPortraitPanel(Component):
    """Dashboard: one button per town the user may add a portrait to."""

    name = "new_portrait"
    order = 40  # first: starting a portrait is the editors' most common task
    template_name = "pages/new_portrait_panel.html"

    def __init__(self, links):
        self.links = links

    def get_context_data(self, parent_context):
        return {"links": self.links}


def new_portrait_links(user):
    """(town, URL of Wagtail's add view) for each town section where `user` may add one: in
    the German sections only, one per town (translations are made with "Übersetzen")."""
    links = []
    sections = TownSectionPage.objects.filter(locale=Locale.get_default())
    for section in sections.select_related("town").order_by("title"):
        if PortraitPage.can_create_at(section) and (
            section.permissions_for_user(user).can_add_subpage()
        ):
            url = reverse("wagtailadmin_pages:add", args=("pages", "portraitpage", section.pk))
            links.append((section.town.name if section.town_id else section.title, url))
    return links


@hooks.register("construct_homepage_panels")
def add_new_portrait_panel(request, panels):
    links = new_portrait_links(request.user)
    if links:
        panels.append(NewPortraitPanel(links))


@hooks.register("register_admin_urls")
def register_help_url():
    return [path("hilfe/", HelpView.as_view(), name=HELP_URL_NAME)]


@hooks.register("register_admin_urls")
def register_leichte_sprache_check_url():
    return leichte_sprache_live.urlpatterns


def help_menu_item(order):
    return MenuItem(
        _("Anleitung Glücksbringer"),
        reverse(HELP_URL_NAME),
        name="gluecksbringer-help",
        icon_name="help",
        order=order,
    )


@hooks.register("register_admin_menu_item")
def register_help_menu_item():
    return help_menu_item(order=10900)  # just above Wagtail's "Hilfe"


@hooks.register("construct_help_menu")
def german_help_instead_of_the_english_guide(request, menu_items):
    """Wagtail's "Hilfe" menu leads to its English editor guide and release notes on
    wagtail.org (no setting changes that): our German guide takes their place; the guide itself
    links to Wagtail's for the details."""
    menu_items[:] = [
        item
        for item in menu_items
        if item.name != "editor-guide" and not item.name.startswith("whats-new-in-wagtail")
    ]
    menu_items.insert(0, help_menu_item(order=1000))


@hooks.register("before_edit_page", order=-10)  # before wagtail-localize's translation editor
def leichte_sprache_hints(request, page):
    """Opening a page in Leichte Sprache, in Wagtail's editor or wagtail-localize's: its hints
    as warnings above the form (pages/leichte_sprache.py). Never a block."""
    if request.method != "GET" or page.locale.language_code != settings.LEICHTE_SPRACHE:
        return
    hints = leichte_sprache.page_hints(page)
    for hint in hints[: leichte_sprache.MAX_MESSAGES]:
        messages.warning(request, leichte_sprache.message_for(hint))
    if len(hints) > leichte_sprache.MAX_MESSAGES:
        more = len(hints) - leichte_sprache.MAX_MESSAGES
        messages.warning(request, f"Leichte Sprache: {more} weitere Hinweise.")
