"""Signed consent forms are personal data: a collection "Einwilligungen" whose documents only
the coordination group may open. Created here so that every installation has it, not only
the demo (seed_demo finds it)."""

from django.db import migrations

from cms import roles

CONSENT_COLLECTION = "Einwilligungen"
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"  # treebeard's path alphabet, 4 per level


def _step(number):
    digits = ""
    while number:
        number, rest = divmod(number, 36)
        digits = ALPHABET[rest] + digits
    return digits.rjust(4, "0")


def create_consent_collection(apps, schema_editor):
    collection_model = apps.get_model("wagtailcore", "Collection")
    restriction_model = apps.get_model("wagtailcore", "CollectionViewRestriction")
    group_model = apps.get_model("auth", "Group")
    root = collection_model.objects.filter(depth=1).first()
    if root is None:
        return
    children = collection_model.objects.filter(depth=2, path__startswith=root.path)
    collection = children.filter(name=CONSENT_COLLECTION).first()
    if collection is None:
        last = children.order_by("-path").first()
        number = int(last.path[-4:], 36) + 1 if last else 1
        collection = collection_model.objects.create(
            name=CONSENT_COLLECTION, path=root.path + _step(number), depth=2, numchild=0
        )
        root.numchild = children.count()
        root.save(update_fields=["numchild"])
    restriction = restriction_model.objects.filter(collection=collection).first()
    if restriction is None:
        restriction = restriction_model.objects.create(collection=collection)
    restriction.restriction_type = "groups"
    restriction.save()
    coordinators, _ = group_model.objects.get_or_create(name=roles.COORDINATORS)
    restriction.groups.set([coordinators])


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0004_api_key_permissions"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_consent_collection, migrations.RunPython.noop)]
