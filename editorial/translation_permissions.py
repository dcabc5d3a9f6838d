"""Translations in the admin (wagtail-localize): what a user may do with them, for every
language.

wagtail-localize checks one global permission ("Übersetzen", cms.roles.TRANSLATION_PERMISSION)
and nothing else before it translates a page or snippet, syncs every translation of a source or
publishes them all; its translation editor publishes without the edit form's consent check,
and "Convert to alias" puts a page live without any publish permission. What a user may do
with translations, then:
- translate a page they may edit, into a language where they may add its translation below
  the parent's translation. Only where the parent is translated already: for missing parents
  wagtail-localize makes aliases of the German ones, which are live at once (and a section's
  alias would keep the German town). A town editor: their own town's pages, into a language in
  which the town's section exists (translated by Redaktion or Koordination); with its subtree,
  which lies within what they may edit (Wagtail's page permissions are inherited). The
  snippets a page refers to are translated with it, as drafts (wagtail-localize's "related
  objects"); a snippet on its own only by those who may add that snippet (Koordination).
- sync a source's translations only if they may edit the source and every translation, and
  publish them so only where they may publish each one;
- publish a portrait's translation only with valid consent (the source's consent, which the
  translation takes over, and no withdrawal in force) and not past a running workflow, as in
  Wagtail's own editor (pages.forms, editorial.wagtail_hooks);
- convert a translation into an alias (which is live whenever its source is) only if they
  may publish it.
The views are subclasses of wagtail-localize's, served at its own paths ahead of its URLs
(`translation_views_within_boundaries`); the translation editor's publish is checked in a
`before_edit_page` hook ahead of wagtail-localize's. Tests: tests/test_translation_permissions.py.
"""

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db.models import Exists, OuterRef, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils.translation import gettext as _
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.snippets.permissions import get_permission_name
from wagtail.snippets.views.snippets import get_snippet_model_from_url_params
from wagtail_localize.models import TranslationSource
from wagtail_localize.views import convert, report, submit_translations, update_translations

from pages.consent_rule import committed_withdrawal, consent_values, publish_refusal
from pages.localize import synced_translation
from pages.models import PortraitPage

from .admin_boundaries import readable_pages


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
