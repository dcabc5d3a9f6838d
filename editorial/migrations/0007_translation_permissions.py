"""Editors may translate (issue 12): wagtail-localize's "Übersetzen" permission for Redaktion,
Koordination and every town group (what each may translate: cms/roles.py,
editorial/admin_boundaries.py). A town group's page permissions cover its town's section in
every language: existing translated sections are granted here, new ones by editorial/signals.py
(as for German sections). Every campaign, in every language, runs the approval workflow, so a
translated portrait goes public through the consent check too.

Reverse: the translation permission is taken back. Section permissions and workflow assignments
stay: the signals give translated sections and campaigns the same."""

from django.db import migrations
from django.db.models import Q

from cms import roles


def grant_translation(apps, schema_editor):
    group_model = apps.get_model("auth", "Group")
    for name in (roles.EDITORS, roles.COORDINATORS):
        group, _ = group_model.objects.get_or_create(name=name)
        roles.grant_translation(apps, group)
    # Every section, in every language (the translated ones belong to the translated town).
    for section in apps.get_model("pages", "TownSectionPage").objects.order_by("path"):
        roles.create_town_editor_group(apps, section)
    workflow = (
        apps.get_model("wagtailcore", "Workflow")
        .objects.filter(name=roles.WORKFLOW_NAME, active=True)
        .first()
    )
    if workflow is not None:
        workflow_page_model = apps.get_model("wagtailcore", "WorkflowPage")
        for campaign in apps.get_model("pages", "CampaignPage").objects.all():
            workflow_page_model.objects.get_or_create(
                page_id=campaign.pk, defaults={"workflow": workflow}
            )


def revoke_translation(apps, schema_editor):
    groups = apps.get_model("auth", "Group").objects.filter(
        Q(name__in=(roles.EDITORS, roles.COORDINATORS))
        | Q(name__startswith=roles.town_editor_group_name(""))
    )
    for group in groups:
        roles.revoke_translation(apps, group)


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0006_town_photo_collections"),
        ("pages", "0006_listed_portraits_index"),
        ("snippets", "0004_translatable"),
        ("wagtailcore", "0098_apitoken"),
        # Its permission exists (we look it up under the same name).
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    operations = [migrations.RunPython(grant_translation, revoke_translation)]
