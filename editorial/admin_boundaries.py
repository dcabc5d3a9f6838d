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
decided at the end ("Translations"), for every language.

A page is hidden from a user who may not edit it when
- it is not live (as before: drafts are shown only where the user may edit), or
- it lies in a town section (the section included) and is not live or has a newer draft title,
  or lies below such a page: another town's unpublished title stays in that town.
"""

import json
from functools import reduce
from operator import or_

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db.models import Exists, F, OuterRef, Q
from django.db.models.functions import Length, Substr
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils.translation import gettext as _
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
from wagtail.snippets.permissions import get_permission_name
from wagtail.snippets.views.snippets import get_snippet_model_from_url_params
from wagtail_localize.models import TranslationSource
from wagtail_localize.views import convert, report, submit_translations, update_translations

from pages.consent_rule import committed_withdrawal, consent_values, publish_refusal
from pages.localize import synced_translation

EDIT_ACTIONS = {"add", "change", "publish"}


def _editable_pks(user):
    return (
        PagePermissionPolicy()
        .instances_user_has_any_permission_for(user, EDIT_ACTIONS)
        .values("pk")
    )


def _in_town_sections():
    from pages.models import TownSectionPage

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


# --- Translations (wagtail-localize) -----------------------------------------------------------
# wagtail-localize checks one global permission ("Übersetzen", cms.roles.TRANSLATION_PERMISSION)
# and nothing else before it translates a page or snippet, syncs every translation of a source or
# publishes them all; its translation editor publishes without the edit form's consent check,
# and "Convert to alias" puts a page live without any publish permission. What a user may do
# with translations, then:
# - translate a page they may edit, into a language where they may add its translation below
#   the parent's translation. Only where the parent is translated already: for missing parents
#   wagtail-localize makes aliases of the German ones, which are live at once (and a section's
#   alias would keep the German town). A town editor: their own town's pages, into a language in
#   which the town's section exists (translated by Redaktion or Koordination); with its subtree,
#   which lies within what they may edit (Wagtail's page permissions are inherited). The
#   snippets a page refers to are translated with it, as drafts (wagtail-localize's "related
#   objects"); a snippet on its own only by those who may add that snippet (Koordination).
# - sync a source's translations only if they may edit the source and every translation, and
#   publish them so only where they may publish each one;
# - publish a portrait's translation only with valid consent (the source's consent, which the
#   translation takes over, and no withdrawal in force) and not past a running workflow, as in
#   Wagtail's own editor (pages.forms, editorial.wagtail_hooks);
# - convert a translation into an alias (which is live whenever its source is) only if they
#   may publish it.
# The views are subclasses of wagtail-localize's, served at its own paths ahead of its URLs
# (`translation_views_within_boundaries`); the translation editor's publish is checked in a
# `before_edit_page` hook ahead of wagtail-localize's. Tests: tests/test_translation_permissions.py.


def _translation_parent(page, locale):
    """Where the translation of `page` into `locale` goes: below its parent's translation (the
    root for a site's home page); None while the parent is not translated."""
    parent = page.get_parent()
    if parent.is_root():
        return parent
    return parent.get_translation_or_none(locale)


def may_translate_page_into(user, page, locale):
    """The add permission there, not Wagtail's "can add a subpage", which also counts a page
    type's `max_count` (one home, one campaign: in each language, for translations)."""
    parent = _translation_parent(page, locale)
    return parent is not None and PagePermissionPolicy().user_has_permission_for_instance(
        user, "add", parent
    )


def _may_change(user, instance):
    if isinstance(instance, Page):
        return instance.permissions_for_user(user).can_edit()
    return user.has_perm(get_permission_name("change", type(instance)))


def may_publish(user, instance):
    if isinstance(instance, Page):
        return instance.permissions_for_user(user).can_publish()
    return user.has_perm(get_permission_name("publish", type(instance)))


def why_not_publishable(target, source):
    """Why the translation `target` may not go live with what it takes over from `source` (its
    source as wagtail-localize will copy it), in German; None when it may. `target` None: the
    translation is made anew (from the source, withdrawal included)."""
    from pages.models import PortraitPage

    source = getattr(source, "specific", source)
    if not isinstance(source, PortraitPage):
        return None
    page = source if target is None else target.specific
    if target is not None and page.workflow_in_progress:
        return _(
            "„%(title)s“ ist in der Glücksbringer-Freigabe: es wird dort freigegeben, nicht "
            "direkt veröffentlicht."
        ) % {"title": page.get_admin_display_title()}
    message = publish_refusal(*consent_values(source, committed_withdrawal(page)))
    if message is None:
        return None
    return f"{page.get_admin_display_title()} ({page.locale.get_display_name()}): {message}"


class SubmitPageTranslationWithinBoundaries(submit_translations.SubmitPageTranslationView):
    """ "Übersetzen" for a page: only a page the user may edit, only into the languages where
    its parent is translated and they may add its translation there (the others are not
    offered)."""

    def dispatch(self, request, *args, **kwargs):
        page = get_object_or_404(Page, id=kwargs["page_id"])
        if not request.user.has_perm("wagtail_localize.submit_translation") or not (
            page.permissions_for_user(request.user).can_edit()
        ):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form(self):
        form = super().get_form()
        offered = form.fields["locales"].queryset
        permitted = [
            locale.pk
            for locale in offered
            if may_translate_page_into(self.request.user, self.object, locale)
        ]
        form.fields["locales"].queryset = offered.filter(pk__in=permitted)
        return form

    def get(self, request, *args, **kwargs):
        if not self.get_form().fields["locales"].queryset.exists():
            messages.warning(
                request,
                _(
                    "In keine weitere Sprache übersetzbar: Die übergeordnete Seite muss zuerst "
                    "in die Sprache übersetzt sein, und Sie müssen dort Seiten anlegen dürfen "
                    "(sonst Redaktion oder Koordination fragen). Oder es gibt die Übersetzungen "
                    "schon."
                ),
            )
        return super().get(request, *args, **kwargs)


class SubmitSnippetTranslationWithinBoundaries(submit_translations.SubmitSnippetTranslationView):
    """A snippet on its own: only for those who may add that snippet (a page's snippets are
    translated with the page)."""

    def dispatch(self, request, *args, **kwargs):
        model = get_snippet_model_from_url_params(kwargs["app_label"], kwargs["model_name"])
        if not request.user.has_perm(get_permission_name("add", model)):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class UpdateTranslationsWithinBoundaries(update_translations.UpdateTranslationsView):
    """ "Übersetzte Seiten synchronisieren": only a source the user may edit, with translations
    they may all edit; "publish" only where they may publish each and its consent allows."""

    def dispatch(self, request, *args, **kwargs):
        source = get_object_or_404(TranslationSource, id=kwargs["translation_source_id"])
        user = request.user
        if not user.has_perm("wagtail_localize.submit_translation"):
            raise PermissionDenied
        try:
            instance = source.get_source_instance()
        except ObjectDoesNotExist as error:
            raise Http404 from error
        # Targets; None where one is missing (wagtail-localize deletes a translation record with
        # its target, so only by accident): a publish would make it anew, as a superuser's.
        self.targets = []
        for translation in source.translations.filter(enabled=True):
            try:
                self.targets.append(translation.get_target_instance())
            except ObjectDoesNotExist:
                self.targets.append(None)
        existing = [target for target in self.targets if target is not None]
        if not all(_may_change(user, each) for each in (instance, *existing)):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        if form.cleaned_data["publish_translations"]:
            user = self.request.user
            if not all(
                user.is_superuser if target is None else may_publish(user, target)
                for target in self.targets
            ):
                raise PermissionDenied
            source = self.object.get_source_instance()  # as the sync will take it over
            refusals = [why_not_publishable(target, source) for target in self.targets]
            refusals = [reason for reason in refusals if reason]
            if refusals:
                for reason in refusals:
                    messages.error(self.request, reason)
                return redirect(self.request.get_full_path())
        return super().form_valid(form)


class TranslationsReportWithinBoundaries(report.TranslationsReportView):
    """The translations report names sources and targets: a page's translation is listed only
    when the user may read both (another town's draft titles stay in that town)."""

    def get_queryset(self):
        # Newest first, in a fixed order (wagtail-localize's is none: pagination warns).
        translations = super().get_queryset().order_by("-created_at", "-pk")
        user = self.request.user
        if user.is_superuser:
            return translations

        def readable_in(locale_field):
            return Exists(
                readable_pages(
                    Page.objects.filter(
                        translation_key=OuterRef("source__object_id"),
                        locale=OuterRef(locale_field),
                    ),
                    user,
                )
            )

        is_page = Q(source__object_id__in=Page.objects.values("translation_key"))
        return translations.filter(
            ~is_page | (readable_in("source__locale") & readable_in("target_locale"))
        )


def convert_to_alias_if_publisher(request, page_id):
    """An alias is live whenever its source is: converting is publishing."""
    page = get_object_or_404(Page, id=page_id)
    if not page.permissions_for_user(request.user).can_publish():
        raise PermissionDenied
    return convert.convert_to_alias(request, page_id)


def translation_views_within_boundaries():
    return [
        path(
            "localize/submit/page/<int:page_id>/",
            SubmitPageTranslationWithinBoundaries.as_view(),
        ),
        path(
            "localize/submit/snippet/<slug:app_label>/<slug:model_name>/<str:pk>/",
            SubmitSnippetTranslationWithinBoundaries.as_view(),
        ),
        path(
            "localize/update/<int:translation_source_id>/",
            UpdateTranslationsWithinBoundaries.as_view(),
        ),
        path("localize/page/<int:page_id>/convert_to_alias/", convert_to_alias_if_publisher),
        path("localize/reports/translations/", TranslationsReportWithinBoundaries.as_view()),
        path(
            "localize/reports/translations/results/",
            TranslationsReportWithinBoundaries.as_view(results_only=True),
        ),
    ]


def refuse_translation_publish_without_consent(request, page):
    """The translation editor's "Veröffentlichen" (wagtail-localize saves the translation from
    its source's stored content and publishes it): a portrait only with valid consent."""
    if request.method != "POST" or request.POST.get("action") != "publish":
        return None
    translation = synced_translation(page)
    if translation is None:
        return None  # Wagtail's own editor: its form checks consent
    reason = why_not_publishable(page, translation.source.as_instance())
    if reason is None:
        return None
    messages.error(request, reason)
    return redirect("wagtailadmin_pages:edit", page.pk)
