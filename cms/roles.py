"""Editorial roles: which group may do what.

Ground shared by every app: the data migrations that create the groups, the signal that creates
one editor group per partner town (editorial), the consent collection (pages), the nomination
notice (nominations). Functions take an app registry so they work with historical models.
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
# A town editor's photos: a collection per town below PORTRAIT_COLLECTION, which only that
# town's group (besides Redaktion and Koordination, from the root) may use, so that no other
# town's photos of unpublished portraits show in their image library or chooser. Documents as
# for Redaktion (consent forms are kept from them by their collection's view restriction).
PORTRAIT_COLLECTION = "Glücksbringer-Porträts"
TOWN_PHOTO_PERMISSIONS = (("wagtailimages", "image", ("add", "choose", "change")),)
# Images outside the portrait collections (a public collection's key visuals, say): choose only.
# Granted on the collections below the root when the group is made; a collection added later
# is granted in the admin's group settings.
TOWN_SHARED_IMAGE_PERMISSIONS = (("wagtailimages", "image", ("choose",)),)
TOWN_DOCUMENT_PERMISSIONS = (("wagtaildocs", "document", ("add", "choose")),)
# wagtail-localize's "Übersetzen" (its one global permission, on its Translation model): for
# Redaktion, Koordination and every town group. wagtail-localize itself checks nothing else;
# editorial/translation_permissions.py narrows it down to pages the user may edit, translated into
# places where the user may add pages: a town editor translates only their own town's portraits
# (into a language in which the town's section exists already), the other groups any page they
# may edit. Translating a snippet on its own takes the right to add that snippet (Koordination).
TRANSLATION_PERMISSION = ("wagtail_localize", "translation", "submit")


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


def grant_translation(apps, group):
    app_label, model, action = TRANSLATION_PERMISSION
    content_type, _ = apps.get_model("contenttypes", "ContentType").objects.get_or_create(
        app_label=app_label, model=model
    )
    # Named as wagtail-localize's own migration names it, which looks it up by name as well.
    perm, _ = apps.get_model("auth", "Permission").objects.get_or_create(
        content_type=content_type,
        codename=f"{action}_{model}",
        defaults={"name": "Can submit translations"},
    )
    group.permissions.add(perm)


def revoke_translation(apps, group):
    app_label, model, action = TRANSLATION_PERMISSION
    group.permissions.remove(
        *apps.get_model("auth", "Permission").objects.filter(
            content_type__app_label=app_label, codename=f"{action}_{model}"
        )
    )


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


def revoke_collections(apps, group, collection, app_label):
    """Undo `grant_collections` for one app (images, documents) on one collection."""
    apps.get_model("wagtailcore", "GroupCollectionPermission").objects.filter(
        group=group, collection_id=collection.pk, permission__content_type__app_label=app_label
    ).delete()


def root_page(apps):
    return apps.get_model("wagtailcore", "Page").objects.get(depth=1)


def root_collection(apps):
    return apps.get_model("wagtailcore", "Collection").objects.get(depth=1)


PATH_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"  # treebeard's, 4 characters a level


def child_collection(apps, parent, name):
    """The collection `name` below `parent`, made if missing. Builds the tree path itself, so
    that it works with the historical models of a migration too."""
    collection_model = apps.get_model("wagtailcore", "Collection")
    children = collection_model.objects.filter(depth=parent.depth + 1, path__startswith=parent.path)
    collection = children.filter(name=name).first()
    if collection is not None:
        return collection
    last = children.order_by("-path").first()
    number = int(last.path[-4:], 36) + 1 if last else 1
    step = ""
    for _ in range(4):
        number, digit = divmod(number, 36)
        step = PATH_ALPHABET[digit] + step
    collection = collection_model.objects.create(
        name=name, path=parent.path + step, depth=parent.depth + 1, numchild=0
    )
    collection_model.objects.filter(pk=parent.pk).update(numchild=children.count())
    return collection


def town_collection(apps, town_name):
    """The town's photo collection: "Glücksbringer-Porträts" → town name."""
    portraits = child_collection(apps, root_collection(apps), PORTRAIT_COLLECTION)
    return child_collection(apps, portraits, town_name)


def grant_town_media(apps, group, town_name):
    """Photos in the town's own collection; other images (outside the portrait collections)
    to choose; documents as for Redaktion. Nothing on the root's images, which would include
    every other town's photos."""
    root = root_collection(apps)
    own = town_collection(apps, town_name)
    revoke_collections(apps, group, root, "wagtailimages")
    grant_collections(apps, group, root, TOWN_DOCUMENT_PERMISSIONS)
    grant_collections(apps, group, own, TOWN_PHOTO_PERMISSIONS)
    shared = apps.get_model("wagtailcore", "Collection").objects.filter(
        depth=2, path__startswith=root.path
    )
    for collection in shared.exclude(name=PORTRAIT_COLLECTION):
        grant_collections(apps, group, collection, TOWN_SHARED_IMAGE_PERMISSIONS)


def source_town(apps, town_id):
    """The town as first written (German): its translations (same translation key) share its
    editor group and photo collection, whatever their own name."""
    town_model = apps.get_model("snippets", "PartnerCity")
    town = town_model.objects.get(pk=town_id)
    if not hasattr(town, "translation_key"):  # a migration from before translations
        return town
    return town_model.objects.filter(translation_key=town.translation_key).order_by("pk").first()


def create_town_editor_group(apps, section):
    """One editor group per town: may add and edit pages only in its own town's section, and
    photos only in its own town's collection. Called for the section in every language (a
    translated section belongs to the translated town): the group's page permissions cover the
    town's section in each locale, so its editors work on their translations, and nowhere
    else. May use wagtail-localize's "Übersetzen" (`TRANSLATION_PERMISSION`)."""
    group_model = apps.get_model("auth", "Group")
    town = source_town(apps, section.town_id)
    group, _ = group_model.objects.get_or_create(name=town_editor_group_name(town.name))
    grant_admin_access(apps, group)
    grant_snippets(apps, group, ("view",))
    grant_translation(apps, group)
    grant_pages(apps, group, section, EDITOR_PAGE_PERMISSIONS)
    grant_town_media(apps, group, town.name)
    return group
