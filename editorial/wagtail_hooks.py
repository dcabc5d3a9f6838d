"""Admin integration of the editorial workflow."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.widgets import Button
from wagtail.models import CollectionViewRestriction

from nominations.models import Nomination
from pages.consent_rule import NO_CONSENT_MESSAGE
from pages.models import PortraitPage

from . import (
    admin_boundaries,
    approval,
    page_views,
    translation_editor,
    translation_permissions,
    views,
    workflow_steps,
)
from .admin_boundaries import check_chooser_parent, readable_pages
from .models import ConsentTask, has_consent_on_record, why_no_consent
from .plan import upcoming_changes

# Town boundaries (admin_boundaries.py). Wagtail's registries keep one bulk action per model
# and action type, and one admin API endpoint per name, the last registered: order=1 puts ours
# after Wagtail's own (order 0), which they replace.
for action_class in admin_boundaries.PERMITTED_BULK_ACTIONS:
    hooks.register("register_bulk_action", action_class, order=1)
hooks.register("construct_admin_api", admin_boundaries.admin_api_lists_permitted_images, order=1)
hooks.register("register_admin_viewset", page_views.page_views_within_boundaries)
hooks.register("before_move_page", admin_boundaries.move_only_where_permitted, order=-1)
# Translations (translation_permissions.py): ahead of wagtail-localize's URLs (same paths) and
# its translation editor.
hooks.register(
    "register_admin_urls", translation_permissions.translation_views_within_boundaries, order=-1
)
hooks.register("register_admin_urls", translation_editor.po_upload_url, order=-1)
hooks.register(
    "before_edit_page",
    translation_permissions.refuse_translation_publish_without_consent,
    order=-5,
)
# One click is one approval (approval.py): no workflow action or publish from an autosave.
hooks.register("before_edit_page", approval.refuse_actions_in_autosave)
# After the consent check, before wagtail-localize.
hooks.register("before_edit_page", translation_editor.translation_editor_actions, order=-4)
hooks.register("before_edit_snippet", approval.refuse_actions_in_autosave)
hooks.register("insert_editor_js", approval.autosave_sends_no_actions)
# Workflow steps name themselves (workflow_steps.py).
hooks.register("before_edit_page", workflow_steps.name_the_step, order=-1)
hooks.register("construct_page_action_menu", workflow_steps.approve_and_schedule)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path(
            "portraets/<int:page_id>/einwilligung-widerrufen/",
            views.WithdrawConsentView.as_view(),
            name="editorial_withdraw_consent",
        ),
        path(
            "seiten/<int:page_id>/vorschau-token/",
            views.PreviewTokenView.as_view(),
            name="editorial_preview_token",
        ),
        path(
            "publikationsplan/",
            views.PublicationPlanView.as_view(),
            name="editorial_publication_plan",
        ),
    ]


class PublicationPlanMenuItem(MenuItem):
    def is_shown(self, request):
        return views.can_plan(request.user)


@hooks.register("register_admin_menu_item")
def register_publication_plan_menu_item():
    return PublicationPlanMenuItem(
        _("Publikationsplan"),
        reverse("editorial_publication_plan"),
        icon_name="calendar",
        order=250,
    )


def _withdraw_button(page, user, priority=90):
    specific = page.specific_deferred if hasattr(page, "specific_deferred") else page.specific
    if not isinstance(specific, PortraitPage) or specific.is_consent_withdrawn:
        return []
    if not page.permissions_for_user(user).can_publish():
        return []
    return [
        Button(
            _("Einwilligung widerrufen"),
            reverse("editorial_withdraw_consent", args=(page.pk,)),
            icon_name="warning",
            priority=priority,
        )
    ]


@hooks.register("register_page_header_buttons")
def withdraw_consent_header_button(page, user, view_name=None, next_url=None):
    return _withdraw_button(page, user)


@hooks.register("register_page_header_buttons")
def preview_token_header_button(page, user, view_name=None, next_url=None):
    if page.depth < 2 or not page.permissions_for_user(user).can_edit():
        return []
    return [
        Button(
            _("Vorschau für Partner-Websites"),
            reverse("editorial_preview_token", args=(page.pk,)),
            icon_name="view",
            priority=80,
        )
    ]


@hooks.register("register_page_listing_more_buttons")
def withdraw_consent_listing_button(page, user, next_url=None):
    return _withdraw_button(page, user)


@hooks.register("register_log_actions")
def register_consent_log_actions(actions):
    actions.register_action(
        "pages.consent_withdrawn", _("Einwilligung widerrufen"), _("Einwilligung widerrufen")
    )


class CoordinationPanel(Component):
    """Dashboard panel for the coordinator: new nominations and the next planned changes."""

    name = "coordination"
    order = 50
    template_name = "editorial/dashboard_panel.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        if self.user.has_perm("nominations.view_nomination"):
            context["new_nominations"] = Nomination.objects.filter(
                status=Nomination.Status.NEW
            ).count()
            context["nominations_url"] = (
                reverse("nominations:index") + f"?status={Nomination.Status.NEW}"
            )
        context["changes"] = upcoming_changes()[:5]
        context["plan_url"] = reverse("editorial_publication_plan")
        return context


@hooks.register("construct_homepage_panels")
def add_coordination_panel(request, panels):
    if views.can_plan(request.user):
        panels.append(CoordinationPanel(request.user))


# What waits for the user comes first: the approvals Wagtail lists (its panel stays empty, and
# hidden, for whoever approves nothing), then Koordination's new nominations and plan, then the
# "Neues Porträt" buttons (pages/wagtail_hooks.py, order 40).
WAITING_FIRST = {"workflow_objects_to_moderate": 20, CoordinationPanel.name: 30}


@hooks.register("construct_homepage_panels", order=100)  # after every panel is added
def put_waiting_work_first(request, panels):
    for panel in panels:
        panel.order = WAITING_FIRST.get(getattr(panel, "name", None), panel.order)


@hooks.register("construct_document_chooser_queryset")
def hide_restricted_documents_from_choosers(documents, request):
    """Consent forms (collection restricted to Koordination) are not offered to other users."""
    user = request.user
    if user.is_superuser:
        return documents
    closed = CollectionViewRestriction.objects.filter(
        restriction_type=CollectionViewRestriction.GROUPS
    ).exclude(groups__in=user.groups.all())
    hidden = set()
    for restriction in closed.select_related("collection"):
        hidden.update(
            restriction.collection.get_descendants(inclusive=True).values_list("pk", flat=True)
        )
    if hidden:
        documents = documents.exclude(collection__in=hidden)
    return documents


@hooks.register("construct_page_chooser_queryset")
def hide_others_drafts_from_page_choosers(pages, request):
    """Page choosers list live pages, drafts only where the user may edit, and no other town's
    unpublished title (also not a live page's newer draft title, which Wagtail shows): a town
    editor does not see another town's unpublished portraits. A parent page the user may not
    read is not browsed at all."""
    check_chooser_parent(request)
    return readable_pages(pages, request.user)


@hooks.register("before_bulk_action")
def refuse_bulk_publishing_without_consent(request, action_type, objects, action_class_instance):
    """The listing's bulk "Veröffentlichen" obeys the same rule as the edit form."""
    if action_type != "publish":
        return None
    blocked = [
        page.title
        for page in objects
        if isinstance(page.specific, PortraitPage) and not has_consent_on_record(page)
    ]
    if not blocked:
        return None
    messages.error(request, f"{NO_CONSENT_MESSAGE} ({', '.join(blocked)})")
    return redirect(request.GET.get("next") or "wagtailadmin_explore_root")


@hooks.register("before_edit_page")
def say_why_approval_is_not_offered(request, page):
    """Without valid consent the consent step offers no "Freigeben" (ConsentTask): tell the
    reviewer why, above the form, instead of leaving the button simply missing."""
    if request.method != "GET":
        return
    state = page.current_workflow_state
    task = state.current_task_state.task.specific if state and state.current_task_state else None
    if not isinstance(task, ConsentTask) or not task.user_can_access_editor(page, request.user):
        return
    if not task.locked_for_user(page, request.user) and task.get_actions(page, request.user):
        reason = why_no_consent(page)
        if reason:
            messages.warning(
                request,
                _(
                    "Freigabe noch nicht möglich. %(reason)s Bitte im Reiter „Einwilligung“ "
                    "ergänzen; danach erscheint „Freigeben“."
                )
                % {"reason": reason},
            )


@hooks.register("construct_page_action_menu")
def no_publish_past_the_workflow(menu_items, request, context):
    """A portrait in review goes live through its workflow ("Freigeben"); a "Veröffentlichen"
    beside it would skip both steps, so it is not offered while the workflow runs."""
    page = context.get("page")
    if page is None or page.pk is None or not isinstance(page.specific, PortraitPage):
        return
    if page.workflow_in_progress:
        menu_items[:] = [item for item in menu_items if item.name != "action-publish"]
