"""wagtail-localize's translation editor within the Glücksbringer workflow (issue 20).

wagtail-localize saves each text on its own ("Speichern" under it) and offers one action,
"Veröffentlichen in …", to those who may publish: a town editor saw "Löschen" as the main button
and had no way on. Here, as in Wagtail's own editor:
- "Zur Freigabe einreichen": the saved texts become a new revision of the translation
  (wagtail-localize's `save_target` without publishing) and the page's workflow starts, resumes
  after "Änderungen angefordert", or, while it runs, takes the new revision. Its consent step
  reads the German source's consent (editorial.models.why_no_consent).
- Publishing or submitting while texts are untranslated asks first: those would appear in German.
- The PO file download and upload (for translation agencies) only for those who may publish:
  hidden from the others, and an upload from them refused (403), since its texts go into the
  translation without an editor seeing them.
The button and the switches reach wagtail-localize's page through its template
(templates/wagtail_localize/admin/edit_translation.html, `translation_editor_extras`).
"""

from django.contrib import messages
from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext as _
from django.views import defaults
from django.views.decorators.http import require_POST
from wagtail.models import Page, WorkflowState
from wagtail_localize.models import Translation
from wagtail_localize.views import edit_translation

from pages.localize import synced_translation

from .translation_permissions import may_publish

PUBLISH = "publish"  # wagtail-localize's own action
SUBMIT = "submit"
MISSING_CONFIRMED = "missing-confirmed"
SHOWN_MISSING = 10


def missing_texts(translation):
    """(field label, source text) of each text that has no (valid) translation yet, in order."""
    model = translation.source.specific_content_type.model_class()
    segments = translation.source.stringsegment_set.order_by("order")
    untranslated = segments.annotate_translation(translation.target_locale).filter(
        translation__isnull=True
    )
    missing = []
    for segment_path, text in untranslated.values_list("context__path", "string__data"):
        name = segment_path.split(".")[0]
        try:
            label = str(model._meta.get_field(name).verbose_name)
        except (AttributeError, FieldDoesNotExist):
            label = name
        missing.append((label[:1].upper() + label[1:], text))
    return missing


def submit_label(page, user):
    """The label of the submit button for `user` on the translation `page`, or None when they
    cannot submit it (no workflow, locked, no edit permission)."""
    permissions = page.permissions_for_user(user)
    if not permissions.can_edit() or permissions.page_locked():
        return None
    state = page.current_workflow_state
    if state is None:
        return _("Zur Freigabe einreichen") if permissions.can_submit_for_moderation() else None
    if state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        return _("Erneut zur Freigabe einreichen")
    return _("Änderungen in die Freigabe übernehmen")


def approval_status(page):
    """While the translation is in the workflow and its editor may not change it (Wagtail locks
    it for all but the step's reviewers): what it waits for, shown in place of a button."""
    state = page.current_workflow_state
    if state is None or state.status != WorkflowState.STATUS_IN_PROGRESS:
        return None
    task = state.current_task_state.task if state.current_task_state else None
    if task is None:
        return _("In der Freigabe")
    return _("In der Freigabe: %(step)s") % {"step": task.name}


def submit_for_approval(request, page, translation):
    """The saved texts as a new revision, into the workflow (see the module's docstring)."""
    language = translation.target_locale.get_display_name()
    try:
        with transaction.atomic():
            translation.save_target(user=request.user, publish=False)
            page = Page.objects.get(pk=page.pk).specific
            state = page.current_workflow_state
            if state is None:
                page.get_workflow().start(page, request.user)
                message = _("„%(title)s“ (%(language)s) wurde zur Freigabe eingereicht.")
            elif state.status == WorkflowState.STATUS_NEEDS_CHANGES:
                state.resume(request.user)
                message = _("„%(title)s“ (%(language)s) wurde erneut zur Freigabe eingereicht.")
            else:
                message = _(
                    "Die Änderungen an „%(title)s“ (%(language)s) wurden gespeichert und werden "
                    "in der laufenden Freigabe geprüft."
                )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        title = page.get_admin_display_title()
        messages.success(request, message % {"title": title, "language": language})
    return redirect("wagtailadmin_pages:edit", page.pk)


def confirm_missing(request, page, translation, action, missing):
    language = translation.target_locale.get_display_name()
    return TemplateResponse(
        request,
        "editorial/translation_missing.html",
        {
            "page": page,
            "action": action,
            "confirmed_name": MISSING_CONFIRMED,
            "language": language,
            "count": len(missing),
            "missing": missing[:SHOWN_MISSING],
            "more": max(0, len(missing) - SHOWN_MISSING),
            "confirm_label": (
                _("Trotzdem veröffentlichen") if action == PUBLISH else _("Trotzdem einreichen")
            ),
        },
    )


def translation_editor_actions(request, page):
    """The translation editor's "Zur Freigabe einreichen", and the question before publishing
    or submitting with untranslated texts."""
    action = request.POST.get("action") if request.method == "POST" else None
    if action not in (PUBLISH, SUBMIT):
        return None
    translation = synced_translation(page)
    if translation is None:
        return None  # Wagtail's own editor
    if action == SUBMIT and submit_label(page.specific, request.user) is None:
        raise PermissionDenied
    missing = missing_texts(translation)
    if missing and not request.POST.get(MISSING_CONFIRMED):
        return confirm_missing(request, page, translation, action, missing)
    if action == PUBLISH:
        return None  # wagtail-localize publishes (the consent check ran before)
    return submit_for_approval(request, page, translation)


@require_POST
def upload_pofile_if_publisher(request, translation_id):
    """wagtail-localize's PO upload, for those who may publish the translation only. Refused
    with a 403 (the form is hidden from the others: only a crafted request comes here), not
    Wagtail's redirect to the dashboard that a PermissionDenied in an admin view becomes."""
    translation = get_object_or_404(Translation, id=translation_id)
    if not may_publish(request.user, translation.get_target_instance()):
        return defaults.permission_denied(request, PermissionDenied())
    return edit_translation.upload_pofile(request, translation_id)


def po_upload_url():
    """Ahead of wagtail-localize's URL of the same path (register_admin_urls, order=-1)."""
    return [
        path(
            "localize/translate/<int:translation_id>/pofile/upload/",
            upload_pofile_if_publisher,
        )
    ]
