"""German names for the two roots an editor sees in the admin: the root collection (the image
and document upload's collection choice) and the root page (the explorer's breadcrumbs); Wagtail
names both "Root"."""

from django.db import migrations

ROOT = "Root"
ROOT_COLLECTION = "Alle Medien"
ROOT_PAGE = "Alle Seiten"


def rename(apps, collection_from, collection_to, page_from, page_to):
    apps.get_model("wagtailcore", "Collection").objects.filter(
        depth=1, name=collection_from
    ).update(name=collection_to)
    apps.get_model("wagtailcore", "Page").objects.filter(depth=1, title=page_from).update(
        title=page_to, draft_title=page_to
    )


def forwards(apps, schema_editor):
    rename(apps, ROOT, ROOT_COLLECTION, ROOT, ROOT_PAGE)


def backwards(apps, schema_editor):
    rename(apps, ROOT_COLLECTION, ROOT, ROOT_PAGE, ROOT)


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0003_lockout_permissions"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
