"""Every admin URL that takes a page keeps to the town boundaries (issue 19, item 3).

The routes are not a hand list: they come from Django's URL resolver, every pattern under
/admin/ with an argument that names a page (Wagtail's, wagtail-localize's and ours), and the
objects that belong to a page (its revisions, workflow, translations). A town editor asks each
of them (GET) for every page of another town: its section, a never-published draft (and its
English translation), a scheduled portrait and a live one whose newer draft title is in review,
in a tree whose sections exist in two languages (as in the demo: a town editor's explorable root
is then the root page). No answer names another town's unpublished title: not the page, not a
redirect's address, not a message left for the next page. The same for listings that take a
page in the query string (the admin API behind the explorer menu, breadcrumbs and side panel).

Every route for two town editors, each asking for the other's pages; the explorer, the admin API
and the page listings for the other two, asking for every other town's pages. One tree for the
module.
"""

import datetime
import re
import types

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django.utils import timezone
from wagtail.admin.viewsets.pages import page_viewset_registry
from wagtail.models import Locale, Page, WorkflowState
from wagtail_localize.models import StringSegment, Translation, TranslationSource
from wagtail_localize.operations import translate_object

from cms import roles
from tests.factories import PartnerCityFactory, PortraitPageFactory, TownSectionPageFactory, publish
from tests.helpers.tree import build_tree

# Two more towns than `build_tree`'s, as in the demo: four town editor groups.
MORE_TOWNS = (("Bitterfeld-Wolfen", "bitterfeld-wolfen"), ("Gräfenhainichen", "graefenhainichen"))

# Route arguments that name a page; `pk`, `id` and `object_id` do on a page route.
PAGE_ARGUMENTS = {"page_id", "parent_page_id", "page_to_move_id", "page_pk", "destination_id"}
OBJECT_ARGUMENTS = {"pk", "id", "object_id"}
# Arguments that name something of a page (of a page or a snippet): wagtail-localize's
# translations of a page and their source.
PAGE_OBJECT_ARGUMENTS = {"translation_id", "translation_source_id"}


def admin_patterns(resolver=None, prefix=""):
    """(route, pattern) for every URL pattern, its route with the prefixes it is included
    under; each route once, the first (the one that answers)."""
    for entry in (resolver or get_resolver()).url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from admin_patterns(entry, route)
        elif isinstance(entry, URLPattern):
            yield route, entry


# An argument of a path (`<int:page_id>`) or of a regular expression (`(?P<pk>\d+)`).
ARGUMENT = re.compile(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>[^)]*\)")


def route_arguments(route):
    return [path or regex for path, regex in ARGUMENT.findall(route)]


def is_page_route(route):
    arguments = set(route_arguments(route))
    if arguments & (PAGE_ARGUMENTS | PAGE_OBJECT_ARGUMENTS):
        return True
    if not arguments & OBJECT_ARGUMENTS:
        return False
    # A page's own route (the admin API's pages/<pk>/), or one for any model (app label and
    # model name in the path): asked for wagtailcore.page.
    return "pages/" in route or {"app_label", "model_name"} <= arguments


def page_routes():
    seen, routes = set(), []
    for route, _pattern in admin_patterns():
        if route.startswith("admin/") and route not in seen and is_page_route(route):
            seen.add(route)
            routes.append(route)
    return routes


# --- The tree ------------------------------------------------------------------------------------

# Towns whose pages are asked for: a never-published draft and its English translation (a draft
# too: wagtail-localize's routes have a translation to work on), a scheduled portrait and a live
# one whose newer draft (another title) is in review; and the section.
PORTRAIT_TOWNS = ("dessau-rosslau", "lutherstadt-wittenberg")
KINDS = ("Entwurf", "Geplant", "Neufassung")


def secret_title(town_slug, kind):
    """Unique, and short enough to be shown whole everywhere."""
    return f"Geheim{town_slug.split('-')[0].title()}{kind}"


def seed():
    """Four towns with an editor each, their sections in German and English (as Koordination
    translates them), and in two of them the pages whose titles no other town may read."""
    tree = build_tree()
    sections = dict(tree.sections)
    for name, slug in MORE_TOWNS:
        town = PartnerCityFactory(name=name, slug=slug)
        sections[slug] = publish(TownSectionPageFactory(parent=tree.campaign, town=town))
    en = Locale.objects.get(language_code="en")
    for page in (tree.home, tree.campaign, *sections.values()):
        translate_object(page.specific, [en])

    user_model = get_user_model()
    seeded = {}
    for slug, section in sections.items():
        editor = user_model.objects.create_user(f"redaktion-{slug}")
        editor.groups.set([Group.objects.get(name=roles.town_editor_group_name(section.title))])
        seeded[slug] = types.SimpleNamespace(
            editor=editor.pk, titles=set(), pages=[section.pk], draft=None
        )
    for slug in PORTRAIT_TOWNS:
        titles = {kind: secret_title(slug, kind) for kind in KINDS}
        draft = PortraitPageFactory(parent=sections[slug], title=titles["Entwurf"])
        draft.save_revision()
        translate_object(draft, [en])
        scheduled = PortraitPageFactory(parent=sections[slug], title=titles["Geplant"])
        scheduled.go_live_at = timezone.now() + datetime.timedelta(days=30)
        publish(scheduled)  # published with a go-live in the future: scheduled, not live
        live = publish(PortraitPageFactory(parent=sections[slug], title=f"Porträt {slug}"))
        live.title = titles["Neufassung"]
        live.save_revision()
        live.get_workflow().start(live, user_model.objects.get(pk=seeded[slug].editor))
        seeded[slug].titles = set(titles.values())
        seeded[slug].draft = draft.pk
        seeded[slug].pages += [draft.pk, scheduled.pk, live.pk, draft.get_translation(en).pk]
    return seeded


@pytest.fixture(scope="module")
def towns(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        yield seed()
        transaction.set_rollback(True)


# --- Filling a route in for a page ---------------------------------------------------------------


def workflow_state(page):
    """The page's workflow state, or where it has none (not in review) another page's: anyone
    may put any id into an address."""
    states = WorkflowState.objects.order_by("-pk")
    return states.for_instance(page).first() or states.first()


def translation(page):
    return Translation.objects.filter(source__object_id=page.translation_key).first()


def string_segment(page):
    found = translation(page)
    return found and StringSegment.objects.filter(source=found.source).first()


def _pk(obj):
    return None if obj is None else obj.pk


# The value of each route argument for a page: the page's own object, or another page's where it
# has none; None where the route does not apply to the page (a translation's routes, for a page
# without translation), and it is asked for the pages to which it does.
ARGUMENTS = {
    **dict.fromkeys(PAGE_ARGUMENTS | OBJECT_ARGUMENTS, lambda page, route: page.pk),
    "content_type_app_name": lambda page, route: page.content_type.app_label,
    "content_type_model_name": lambda page, route: page.content_type.model,
    "app_label": lambda page, route: "wagtailcore",
    "model_name": lambda page, route: "page",
    "revision_id": lambda page, route: page.latest_revision_id,
    "revision_id_a": lambda page, route: "earliest",  # compare revisions: earliest...latest
    "revision_id_b": lambda page, route: "latest",
    "workflow_state_id": lambda page, route: workflow_state(page).pk,
    "task_state_id": lambda page, route: workflow_state(page).current_task_state_id,
    "workflow_pk": lambda page, route: workflow_state(page).workflow_id,
    "task_id": lambda page, route: workflow_state(page).current_task_state.task_id,
    # A workflow task's action, or one of the admin API's page actions.
    "action_name": lambda page, route: "approve" if "workflow" in route else "publish",
    "translation_source_id": lambda page, route: _pk(
        TranslationSource.objects.get_for_instance_or_none(page)
    ),
    "translation_id": lambda page, route: _pk(translation(page)),
    # Segments are edited with PUT and DELETE only; a portrait has no overridable segment.
    "string_segment_id": lambda page, route: _pk(string_segment(page)),
    "overridable_segment_id": lambda page, route: translation(page) and 0,
    "mode": lambda page, route: "fields",  # a preview mode of portraits
    "session_id": lambda page, route: 1,  # editing sessions: only a POST answers
}


def url_for(route, page, own=None):
    """`route` filled in for `page`; None when the page has no object the route needs. With
    `own`: the route's first argument, a page, is the asker's own page, the others name `page`
    and its objects (one's own page with another's revision, task or destination)."""
    first = route_arguments(route)[0]

    def value(match):
        name = match.group(1) or match.group(2)
        if own is not None and name == first:
            return str(own.pk)
        if name not in ARGUMENTS:
            raise AssertionError(f"{route}: tell the test which value <{name}> takes for a page")
        filled = ARGUMENTS[name](page, route)
        if filled is None:
            raise LookupError
        return str(filled)

    try:
        path = ARGUMENT.sub(value, route)
    except LookupError:
        return None
    # What is left of a regular expression: anchors and escaped characters.
    return "/" + re.sub(r"\\(.)", r"\1", path.replace("^", "").replace("$", ""))


def query_urls(page):
    """Listings that take the page in the query string: the admin API behind the explorer menu,
    breadcrumbs and side panel (its children, as the explorer menu asks for them), the page
    chooser's last step."""
    api = reverse("wagtailadmin_api:pages:listing")
    return [
        f"{api}?child_of={page.pk}&for_explorer=1",
        f"{api}?child_of={page.pk}",
        f"{api}?descendant_of={page.pk}",
        f"{api}?id={page.pk}",
        f"{reverse('wagtailadmin_choose_page_chosen_multiple')}?id={page.pk}",
    ]


EXPLORER = ("wagtailadmin_explore", "wagtailadmin_explore_results")


def listings():
    """Page listings without a page in the path: the explorer searching the whole tree, the
    page search, the listing of every portrait."""
    root = Page.get_first_root_node()
    return [
        *(f"{reverse(name, args=(root.pk,))}?q=Geheim&search_all=1" for name in EXPLORER),
        f"{reverse('wagtailadmin_explore_root')}?q=Geheim",
        f"{reverse('wagtailadmin_pages:search')}?q=Geheim",
        reverse("wagtailadmin_pages:type_use", args=("pages", "portraitpage")),
    ]


def answer(response):
    """All a response tells: its body, where it sends the browser and the messages it leaves
    for the next page."""
    body = b"".join(response.streaming_content) if response.streaming else response.content
    messages = [str(message) for message in get_messages(response.wsgi_request)]
    return "\n".join([body.decode(errors="replace"), response.get("Location", ""), *messages])


# --- Tests ---------------------------------------------------------------------------------------


def test_the_routes_include_the_explorer_and_those_of_wagtail_localize_and_ours():
    routes = page_routes()
    for route in (
        "admin/pages/<int:parent_page_id>/",
        "admin/pages/<int:parent_page_id>/results/",
        "admin/pages/<int:page_id>/edit/",
        "admin/localize/submit/page/<int:page_id>/",
        "admin/seiten/<int:page_id>/vorschau-token/",
        "admin/portraets/<int:page_id>/einwilligung-widerrufen/",
        "admin/api/main/^pages/<int:pk>/",
    ):
        assert route in routes


def test_every_page_type_has_the_page_views_within_the_boundaries():
    """Wagtail's page views come from the viewset registered for the page's type (the
    explorer's: for the type of its children): one registered later must keep the checks."""
    from editorial.page_views import PageViewSetWithinBoundaries

    resolve(reverse("wagtailadmin_explore_root"))  # loading the admin's URLs registers them
    registered = {
        *page_viewset_registry.values_by_class.values(),
        *page_viewset_registry.values_by_exact_class.values(),
        *page_viewset_registry.values_by_parent_model.values(),
    }
    assert registered
    for viewset in registered:
        assert isinstance(viewset, PageViewSetWithinBoundaries), viewset


TOWN_SLUGS = ["dessau-rosslau", "lutherstadt-wittenberg", *(slug for _, slug in MORE_TOWNS)]


def leaks_for(client, towns, town, pages, urls_for):
    """(url, status, title) for each answer to `town`'s editor that names another town's
    unpublished title."""
    secrets = set().union(*(towns[slug].titles for slug in TOWN_SLUGS if slug != town))
    client.force_login(get_user_model().objects.get(pk=towns[town].editor))
    leaks = []
    for page in pages:
        for url in urls_for(page):
            client.cookies.pop("messages", None)  # only the messages this request leaves
            response = client.get(url)
            assert response.status_code in (200, 302, 400, 403, 404, 405), (url, response)
            text = answer(response)
            leaks += [(url, response.status_code, title) for title in secrets if title in text]
    return leaks


def report(leaks):
    return "\n".join(f"{url} ({status}): {title}" for url, status, title in leaks)


@pytest.mark.django_db
@pytest.mark.parametrize("town,other", [PORTRAIT_TOWNS, PORTRAIT_TOWNS[::-1]])
def test_no_page_route_shows_another_towns_unpublished_title(client, towns, town, other):
    """Every route, for every page of the other town; a route that takes a page and more, also
    for the asker's own draft with the other page's objects."""
    routes = page_routes()
    own = Page.objects.get(pk=towns[town].draft)
    asked = set()

    def urls_for(page):
        urls = []
        for route in routes:
            url = url_for(route, page)
            if url is not None:
                asked.add(route)
                urls.append(url)
            arguments = route_arguments(route)
            if len(arguments) > 1 and arguments[0] in PAGE_ARGUMENTS:
                urls.append(url_for(route, page, own=own))
        return [url for url in urls if url] + query_urls(page)

    pages = Page.objects.filter(pk__in=towns[other].pages)
    leaks = leaks_for(client, towns, town, pages, urls_for)
    leaks += leaks_for(client, towns, town, [None], lambda page: listings())
    assert not leaks, report(leaks)
    assert asked == set(routes)  # each route was asked with objects of its own


@pytest.mark.django_db
@pytest.mark.parametrize("town", [slug for _, slug in MORE_TOWNS])
def test_no_town_explores_another_towns_pages(client, towns, town):
    """The other two town editors, in the explorer (and the admin API behind its menu) for
    every page of every other town; and in the listings of pages from anywhere."""
    others = [slug for slug in TOWN_SLUGS if slug != town]
    pages = Page.objects.filter(pk__in=[pk for slug in others for pk in towns[slug].pages])

    def urls_for(page):
        return [*(reverse(name, args=(page.pk,)) for name in EXPLORER), *query_urls(page)]

    leaks = leaks_for(client, towns, town, pages, urls_for)
    leaks += leaks_for(client, towns, town, [None], lambda page: listings())
    assert not leaks, report(leaks)


@pytest.mark.django_db
def test_a_town_editor_explores_their_own_pages(client, towns):
    """What the other towns are refused, the town's own editor sees: the titles the tests look
    for are there to be found."""
    own = towns["lutherstadt-wittenberg"]
    client.force_login(get_user_model().objects.get(pk=own.editor))
    section, draft, draft_en = own.pages[0], own.draft, own.pages[-1]
    listing = client.get(reverse("wagtailadmin_explore", args=(section,)))
    assert listing.status_code == 200
    assert own.titles <= set(re.findall(r"Geheim\w+", listing.content.decode()))
    search = client.get(reverse("wagtailadmin_pages:search"), {"q": "Geheim"})
    assert secret_title("lutherstadt-wittenberg", "Entwurf") in search.content.decode()
    for page in (draft, draft_en):  # also in English: the town's section in every language
        for name in EXPLORER:
            response = client.get(reverse(name, args=(page,)))
            assert response.status_code == 200
            assert secret_title("lutherstadt-wittenberg", "Entwurf") in response.content.decode()
