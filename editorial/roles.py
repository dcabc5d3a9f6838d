"""Editorial roles: which group may do what.

Used by the data migration that creates the groups and by the signal that creates one editor
group per partner town. Functions take an app registry so they work with historical models.
"""

EDITORS = "Redaktion"
COORDINATORS = "Koordination"
WORKFLOW_NAME = "Glücksbringer-Freigabe"

SNIPPET_MODELS = ("contactperson", "engagementarea", "organisation", "partnercity")

# Page permissions, granted on the root page (so: everywhere) or on a town's section.
EDITOR_PAGE_PERMISSIONS = ("add_page", "change_page")
COORDINATOR_PAGE_PERMISSIONS = (
    "add_page",
    "change_page",
    "publish_page",
    "bulk_delete_page",
    "lock_page",
    "unlock_page",
)
# Image and document permissions, granted on the root collection.
EDITOR_COLLECTION_PERMISSIONS = (
    ("wagtailimages", "image", ("add", "choose")),
    ("wagtaildocs", "document", ("add", "choose")),
)
COORDINATOR_COLLECTION_PERMISSIONS = (
    ("wagtailimages", "image", ("add", "change", "delete", "choose")),
    ("wagtaildocs", "document", ("add", "change", "delete", "choose")),
)


def town_editor_group_name(town_name):
    return f"Redaktion {town_name}"


def permission(apps, app_label, model, action):
    content_type_model = apps.get_model("contenttypes", "ContentType")
    permission_model = apps.get_model("auth", "Permission")
    content_type, _ = content_type_model.objects.get_or_create(app_label=app_label, model=model)
    perm, _ = permission_model.objects.get_or_create(
        content_type=content_type,
        codename=f"{action}_{model}",
        defaults={"name": f"Can {action} {model}"},
    )
    return perm


def grant_admin_access(apps, group):
    group.permissions.add(permission(apps, "wagtailadmin", "admin", "access"))


def grant_snippets(apps, group, actions):
    for model in SNIPPET_MODELS:
        for action in actions:
            group.permissions.add(permission(apps, "snippets", model, action))


MODEL_ACTIONS = ("add", "change", "delete", "view")


def grant_model(apps, group_name, app_label, model, actions=MODEL_ACTIONS):
    """Model permissions (not per page or collection) for a group, made if missing."""
    group, _ = apps.get_model("auth", "Group").objects.get_or_create(name=group_name)
    for action in actions:
        group.permissions.add(permission(apps, app_label, model, action))


def revoke_model(apps, group_name, app_label, model=None):
    """Undo `grant_model`: every permission of the app (or of one of its models)."""
    permissions = apps.get_model("auth", "Permission").objects.filter(
        content_type__app_label=app_label
    )
    if model is not None:
        permissions = permissions.filter(content_type__model=model)
    for group in apps.get_model("auth", "Group").objects.filter(name=group_name):
        group.permissions.remove(*permissions)


def grant_pages(apps, group, page, codenames):
    group_page_permission = apps.get_model("wagtailcore", "GroupPagePermission")
    for codename in codenames:
        action, _, model = codename.partition("_")
        group_page_permission.objects.get_or_create(
            group=group, page_id=page.pk, permission=permission(apps, "wagtailcore", model, action)
        )


def grant_collections(apps, group, collection, spec):
    group_collection_permission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    for app_label, model, actions in spec:
        for action in actions:
            group_collection_permission.objects.get_or_create(
                group=group,
                collection_id=collection.pk,
                permission=permission(apps, app_label, model, action),
            )


def root_page(apps):
    return apps.get_model("wagtailcore", "Page").objects.get(depth=1)


def root_collection(apps):
    return apps.get_model("wagtailcore", "Collection").objects.get(depth=1)


def create_town_editor_group(apps, section):
    """One editor group per town: may add and edit pages only in its own town's section."""
    group_model = apps.get_model("auth", "Group")
    town = apps.get_model("snippets", "PartnerCity").objects.get(pk=section.town_id)
    group, _ = group_model.objects.get_or_create(name=town_editor_group_name(town.name))
    grant_admin_access(apps, group)
    grant_snippets(apps, group, ("view",))
    grant_pages(apps, group, section, EDITOR_PAGE_PERMISSIONS)
    grant_collections(apps, group, root_collection(apps), EDITOR_COLLECTION_PERMISSIONS)
    return group
