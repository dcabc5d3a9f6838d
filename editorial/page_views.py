"""The admin's page views: Wagtail's page viewset with views that keep to the town boundaries
(editorial/admin_boundaries.py), and Wagtail's add, edit and workflow action views with two
changes:

- the add form does not save itself in the background (cms/admin_autosave.py): Wagtail's
  autosave created the page on the first autosave, so every add form left behind left a draft
  page in the town's section.
- after a workflow button ("Freigeben", "Änderungen anfordern"; in the edit form or on the
  dashboard) the message names the step just decided and what follows
  (editorial/workflow_steps.py), not "Seite … wurde aktualisiert" (or nothing at all).
  Autosave requests never act on the workflow (editorial/approval.py), so the message comes
  from the one request that did.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.pages.create import CreateView
from wagtail.admin.views.pages.edit import EditView
from wagtail.admin.views.pages.listing import ExplorableIndexView
from wagtail.admin.views.pages.workflow import (
    CollectWorkflowActionDataView,
    ConfirmWorkflowCancellationView,
    PreviewRevisionForTaskView,
    WorkflowActionView,
)
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.models import Page

from cms.admin_autosave import AddFormWithoutAutosave

from .admin_boundaries import _restricted, readable_pages
from .workflow_steps import decision_message


class CreateViewWithoutAutosave(AddFormWithoutAutosave, CreateView):
    unsaved_message = _("Eine neue Seite wird erst mit „Entwurf speichern“ angelegt.")


class EditViewNamingSteps(EditView):
    def perform_workflow_action(self):
        # The step the form checked (pages.forms.PageForm pins it on the page): the one decided.
        self.decided_task_state = self.page.current_workflow_task_state
        return super().perform_workflow_action()

    def add_save_confirmation_message(self):
        decided = getattr(self, "decided_task_state", None)
        message = decision_message(decided, self.page) if decided else None
        if message is None:
            return super().add_save_confirmation_message()
        messages.success(self.request, message)
        return None


# --- The page viewset ----------------------------------------------------------------------------
# Wagtail's page views come from the viewset registered for `Page` (`page_viewset_registry`);
# the one below replaces Wagtail's (`base_page_viewset`, registered with order -1) with views
# that name a page only to those who may see it. No page type has a viewset of its own, which
# would bring Wagtail's views back for its pages (tests/test_admin_page_routes.py checks).


class ExplorableIndexWithinBoundaries(ExplorableIndexView):
    """The explorer (/admin/pages/<id>/ and …/results/) names the page whose children it lists
    in its title, heading, breadcrumbs, side panel and sort links. Wagtail asks only that the
    page lie below the user's explorable root, the nearest common ancestor of what they may
    edit: for a town editor whose section exists in several languages that is the root page,
    and any page id showed its title, another town's draft included. Here the page must be one
    the user may explore (Wagtail's `explorable_instances`: the pages they may edit and their
    ancestors, which are also all the explorer ever lists to them); from any other page they
    are sent to their explorable root, as Wagtail sends them from a page outside it."""

    def get(self, request, parent_page_id=None):
        policy = self.permission_policy
        if parent_page_id is not None and not (
            policy.explorable_instances(request.user).filter(pk=parent_page_id).exists()
        ):
            return redirect(self.index_url_name, policy.explorable_root_instance(request.user).pk)
        return super().get(request, parent_page_id)


class RefusesUnreadablePages:
    """Wagtail's workflow views for a page (an action's form and data, the preview of the
    revision in a task, the confirmation of a cancellation) tell whether the page is in review
    and, when it is not, name it by its latest title in a message, before they ask whether the
    user may act on it: any page id with any task state's id did. A page whose title the user
    may not read is refused first."""

    def dispatch(self, request, *args, **kwargs):
        if not readable_pages(Page.objects.filter(pk=self.object.pk), request.user).exists():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class WorkflowActionNamingSteps(WorkflowActionView):
    """The workflow buttons outside the edit form (the dashboard's "Freigeben") act here and
    said nothing; now the same message as after the edit form's buttons."""

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        message = decision_message(self.task_state, self.object)  # None if nothing was decided
        if message:
            messages.success(request, message)
        return response


class PageViewSetWithinBoundaries(PageViewSet):
    index_view_class = ExplorableIndexWithinBoundaries
    add_view_class = CreateViewWithoutAutosave
    edit_view_class = EditViewNamingSteps
    workflow_action_view_class = _restricted(WorkflowActionNamingSteps, RefusesUnreadablePages)
    collect_workflow_action_data_view_class = _restricted(
        CollectWorkflowActionDataView, RefusesUnreadablePages
    )
    workflow_preview_view_class = _restricted(PreviewRevisionForTaskView, RefusesUnreadablePages)
    confirm_workflow_cancellation_view_class = _restricted(
        ConfirmWorkflowCancellationView, RefusesUnreadablePages
    )


def page_views_within_boundaries():
    return PageViewSetWithinBoundaries()
