"""Town boundaries in the admin: what a user may read of other towns' work.

A town editor may edit only their own town's section (cms.roles). Wagtail's own views
check that for editing, but several listings show titles of pages and documents the user may
not open. The policy here decides which pages are readable (`readable_pages`) and which images
and documents (`readable_media`; a town's photos live in its own collection, cms.roles).
The page chooser hook (editorial.wagtail_hooks), the bulk-action confirmation pages and the
admin's image API (replaced there too) and three views Wagtail offers no hook for (subclassed
at the end, served by editorial/admin_urls.py) ask it. Tests: tests/test_admin_boundaries.py,
one per admin view.

The explorer, the workflow views and the move confirmation name the page they are given before
they ask whether the user may see it (the page viewset: editorial/page_views.py; the move here).
tests/test_admin_page_routes.py asks every admin URL that takes a page, as found in the URL
resolver, for other towns' pages.

wagtail-localize's views check less than Wagtail's: what a user may do with translations is
decided in editorial/translation_permissions.py, for every language.

A page is hidden from a user who may not edit it when
- it is not live (as before: drafts are shown only where the user may edit), or
- it lies in a town section (the section included) and is not live or has a newer draft title,
  or lies below such a page: another town's unpublished title stays in that town.
"""

import json
from functools import reduce
from operator import or_

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, F, OuterRef, Q
from django.db.models.functions import Length, Substr
from django.http import Http404
from wagtail import hooks
from wagtail.admin.views import chooser as page_chooser_views
from wagtail.admin.views.pages import bulk_actions as page_bulk_actions
from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportView
from wagtail.documents.views import bulk_actions as document_bulk_actions
from wagtail.images.api.admin.views import ImagesAdminAPIViewSet
from wagtail.images.models import AbstractImage
from wagtail.images.views import bulk_actions as image_bulk_actions
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.permissions import policy_registry

from pages.models import TownSectionPage

EDIT_ACTIONS = {"add", "change", "publish"}


def _editable_pks(user):
    return (
        PagePermissionPolicy()
        .instances_user_has_any_permission_for(user, EDIT_ACTIONS)
        .values("pk")
    )


def _in_town_sections():
    paths = TownSectionPage.objects.values_list("path", flat=True)
    return reduce(or_, (Q(path__startswith=path) for path in paths), Q(pk__in=[]))


def readable_pages(pages, user):
    """`pages` without those whose title `user` may not read (see the module docstring)."""
    if user.is_superuser:
        return pages
    editable = _editable_pks(user)
    secret_in_towns = (
        Page.objects.exclude(pk__in=editable)
        .filter(_in_town_sections())
        .filter(Q(live=False) | ~Q(draft_title=F("title")))
    )
    # The page itself or one of its ancestors is secret: its path starts with the secret path.
    secret_ancestor = secret_in_towns.filter(path=Substr(OuterRef("path"), 1, Length("path")))
    readable = Page.objects.filter(Q(live=True) | Q(pk__in=editable)).exclude(
        Exists(secret_ancestor)
    )
    # One `pk IN (…)`: the search backends take no other expressions in a filter.
    return pages.filter(pk__in=readable.values("pk"))


def check_chooser_parent(request):
    """The chooser's browse view shows its parent page (and the parent's ancestors) whatever
    the chooser hooks return: a parent the user may not read is answered as missing."""
    match = getattr(request, "resolver_match", None)
    parent_id = match.kwargs.get("parent_page_id") if match else None
    if parent_id is None:
        return
    if not readable_pages(Page.objects.filter(pk=parent_id), request.user).exists():
        raise Http404


# --- Bulk actions ------------------------------------------------------------------------------


class ListsOnlyPermittedItems:
    """A bulk action whose confirmation page lists only the items the user may read or act on.

    Wagtail lists every requested id, those without permission under "no permission". Here the
    others are left out before anything is shown, as if they did not exist: a request with none
    left is a 404, the same as for ids that do not exist, so nothing can be counted either."""

    def readable(self, queryset):
        raise NotImplementedError

    def get_queryset(self, model, object_ids):
        candidates = model.objects.filter(pk__in=object_ids)
        readable = set(self.readable(candidates).values_list("pk", flat=True))
        permitted = [obj for obj in candidates if obj.pk in readable or self.check_perm(obj)]
        if not permitted:
            raise Http404
        return permitted


class PagesPermitted(ListsOnlyPermittedItems):
    def readable(self, queryset):
        return readable_pages(queryset, self.request.user)


def readable_media(queryset, request):
    """Images or documents of `queryset` in a collection the user may use (a town editor: their
    town's photo collection, cms.roles), which the chooser hooks offer the user (consent
    forms only to Koordination)."""
    model = queryset.model
    kind = "image" if issubclass(model, AbstractImage) else "document"
    items = (
        policy_registry.get_by_type(model)
        .instances_user_has_any_permission_for(request.user, {"choose", "change", "delete"})
        .filter(pk__in=queryset.values("pk"))
    )
    for hook in hooks.get_hooks(f"construct_{kind}_chooser_queryset"):
        items = hook(items, request)
    return queryset.filter(pk__in=items.values("pk"))


class MediaPermitted(ListsOnlyPermittedItems):
    def readable(self, queryset):
        return readable_media(queryset, self.request)


def _restricted(action_class, mixin):
    return type(action_class.__name__, (mixin, action_class), {"__module__": __name__})


PERMITTED_BULK_ACTIONS = [
    *(
        _restricted(action_class, PagesPermitted)
        for action_class in (
            page_bulk_actions.DeleteBulkAction,
            page_bulk_actions.MoveBulkAction,
            page_bulk_actions.PublishBulkAction,
            page_bulk_actions.UnpublishBulkAction,
        )
    ),
    *(
        _restricted(action_class, MediaPermitted)
        for action_class in (
            document_bulk_actions.AddTagsBulkAction,
            document_bulk_actions.AddToCollectionBulkAction,
            document_bulk_actions.DeleteBulkAction,
        )
    ),
    *(
        _restricted(action_class, MediaPermitted)
        for action_class in (
            image_bulk_actions.AddTagsBulkAction,
            image_bulk_actions.AddToCollectionBulkAction,
            image_bulk_actions.DeleteBulkAction,
        )
    ),
]

# Registered in editorial/wagtail_hooks.py, after Wagtail's own, which they replace.


# --- Admin API ---------------------------------------------------------------------------------


class PermittedImagesAdminAPIViewSet(ImagesAdminAPIViewSet):
    """The admin's image API (/admin/api/main/images/) lists only images the user may use;
    Wagtail's lists every image outside private collections."""

    def get_queryset(self):
        return readable_media(super().get_queryset(), self.request)


def admin_api_lists_permitted_images(router):
    router.register_endpoint("images", PermittedImagesAdminAPIViewSet)


def move_only_where_permitted(request, page_to_move, destination):
    """The move confirmation (/admin/pages/<id>/move/<destination>/confirm/) shows both pages'
    titles; Wagtail checks the user's permission only when the move is posted (MovePageAction).
    The same check first, for the confirmation too."""
    if not page_to_move.permissions_for_user(request.user).can_move_to(destination):
        raise PermissionDenied


# --- Views without a hook ----------------------------------------------------------------------
# Three of Wagtail's views name pages without asking the chooser hooks, and Wagtail has no hook to
# filter them. Subclasses here ask the boundaries; editorial/admin_urls.py serves them at
# Wagtail's own paths, ahead of Wagtail's admin URLs (cms/urls.py), and
# tests/test_admin_boundaries.py checks each path answers with the boundaries in force.


def _readable_pks(pks, user):
    pages = readable_pages(Page.objects.filter(pk__in=[pk for pk in pks if pk]), user)
    return set(pages.values_list("pk", flat=True))


class ReadableChosenMultipleView(page_chooser_views.ChosenMultipleView):
    """The chooser's "chosen" step (/admin/choose-page/chosen-multiple/?id=…) returns the
    admin title of every requested id: only readable ones are answered."""

    def get(self, request, *args, **kwargs):
        ids = [pk for pk in request.GET.getlist("id") if pk.isdigit()]
        request.GET = request.GET.copy()
        request.GET.setlist("id", [str(pk) for pk in _readable_pks(ids, request.user)])
        return super().get(request, *args, **kwargs)


class ReadablePageTypesUsageReportView(PageTypesUsageReportView):
    """The page types usage report names the last edited page of each type, any town's."""

    def decorate_paginated_queryset(self, page_types):
        page_types = super().decorate_paginated_queryset(page_types)
        shown = [item.last_edited_page.pk for item in page_types if item.last_edited_page]
        readable = _readable_pks(shown, self.request.user)
        for item in page_types:
            if item.last_edited_page and item.last_edited_page.pk not in readable:
                item.last_edited_page = None
        return page_types


class ReadableExternalLinkView(page_chooser_views.ExternalLinkView):
    """The external link form turns a URL of one of our pages into an internal link and shows
    the page's admin title (a live page's newer draft title). For a page the user may not
    read, the URL stays an external link."""

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        if not response.get("Content-Type", "").startswith("application/json"):
            return response
        data = json.loads(response.content)
        page = data.get("internal") or data.get("result") or {}
        if "id" in page and not _readable_pks([page["id"]], request.user):
            return self.render_chosen_response(self.get_result_data())
        return response
