"""Create the editorial groups and the Glücksbringer approval workflow."""

from django.db import migrations

from cms import roles


def remove_wagtail_default_roles(apps):
    """Wagtail's English starter groups and workflow would only confuse a German newsroom."""
    apps.get_model("wagtailcore", "Workflow").objects.filter(name="Moderators approval").delete()
    apps.get_model("wagtailcore", "Task").objects.filter(name="Moderators approval").delete()
    apps.get_model("auth", "Group").objects.filter(name__in=["Moderators", "Editors"]).delete()


def create_roles_and_workflow(apps, schema_editor):
    group_model = apps.get_model("auth", "Group")
    remove_wagtail_default_roles(apps)
    editors, _ = group_model.objects.get_or_create(name=roles.EDITORS)
    coordinators, _ = group_model.objects.get_or_create(name=roles.COORDINATORS)

    for group in (editors, coordinators):
        roles.grant_admin_access(apps, group)
    roles.grant_snippets(apps, editors, ("view",))
    roles.grant_snippets(apps, coordinators, ("add", "change", "delete", "publish", "view"))
    for model in ("redirect",):
        for action in ("add", "change", "delete"):
            coordinators.permissions.add(roles.permission(apps, "wagtailredirects", model, action))

    root = roles.root_page(apps)
    roles.grant_pages(apps, editors, root, roles.EDITOR_PAGE_PERMISSIONS)
    roles.grant_pages(apps, coordinators, root, roles.COORDINATOR_PAGE_PERMISSIONS)
    collection = roles.root_collection(apps)
    roles.grant_collections(apps, editors, collection, roles.EDITOR_COLLECTION_PERMISSIONS)
    roles.grant_collections(
        apps, coordinators, collection, roles.COORDINATOR_COLLECTION_PERMISSIONS
    )

    # Town sections that already exist get their editor group.
    for section in apps.get_model("pages", "TownSectionPage").objects.all():
        roles.create_town_editor_group(apps, section)

    # The workflow: consent check, then approval, both by the coordination group.
    consent_task_model = apps.get_model("editorial", "ConsentTask")
    approval_task_model = apps.get_model("wagtailcore", "GroupApprovalTask")
    content_type_model = apps.get_model("contenttypes", "ContentType")
    consent_task, created = consent_task_model.objects.get_or_create(
        name="Einwilligung prüfen",
        defaults={
            "content_type": content_type_model.objects.get_or_create(
                app_label="editorial", model="consenttask"
            )[0]
        },
    )
    consent_task.groups.add(coordinators)
    approval_task, _ = approval_task_model.objects.get_or_create(
        name="Freigabe durch die Koordination",
        defaults={
            "content_type": content_type_model.objects.get_or_create(
                app_label="wagtailcore", model="groupapprovaltask"
            )[0]
        },
    )
    approval_task.groups.add(coordinators)
    workflow_model = apps.get_model("wagtailcore", "Workflow")
    workflow, _ = workflow_model.objects.get_or_create(name=roles.WORKFLOW_NAME)
    workflow_task_model = apps.get_model("wagtailcore", "WorkflowTask")
    for order, task in enumerate((consent_task, approval_task)):
        workflow_task_model.objects.get_or_create(
            workflow=workflow, task_id=task.pk, defaults={"sort_order": order}
        )
    workflow_page_model = apps.get_model("wagtailcore", "WorkflowPage")
    for campaign in apps.get_model("pages", "CampaignPage").objects.all():
        workflow_page_model.objects.get_or_create(
            page_id=campaign.pk, defaults={"workflow": workflow}
        )


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0001_initial"),
        ("pages", "0001_initial"),
        ("snippets", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_roles_and_workflow, migrations.RunPython.noop)]
