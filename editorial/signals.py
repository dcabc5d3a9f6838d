"""Keep roles and the workflow in step with the page tree, in every language: a section or
campaign that wagtail-localize creates as a translation is a new page too (post_save, created),
so the town's editor group gets its translated section and the translated campaign runs the
approval workflow. Existing translations: editorial/migrations/0007."""

from django.apps import apps
from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.models import Workflow, WorkflowPage

from cms import roles
from pages.models import CampaignPage, TownSectionPage


@receiver(post_save, sender=TownSectionPage)
def create_editor_group_for_new_town_section(sender, instance, created, raw=False, **kwargs):
    """The town's group (made if missing) may edit in the new section, whichever its language."""
    if created and not raw:
        roles.create_town_editor_group(apps, instance)


@receiver(post_save, sender=CampaignPage)
def assign_approval_workflow_to_new_campaign(sender, instance, created, raw=False, **kwargs):
    if not created or raw:
        return
    workflow = Workflow.objects.filter(name=roles.WORKFLOW_NAME, active=True).first()
    if workflow is not None:
        WorkflowPage.objects.get_or_create(page=instance, defaults={"workflow": workflow})
