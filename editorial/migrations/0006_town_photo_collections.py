"""Each town's photos in a collection of its own ("Glücksbringer-Porträts" → town), which only
the town's editor group (besides Redaktion and Koordination) may use: a town editor no longer
sees other towns' photos of unpublished portraits. The town groups lose their image
permissions on the root collection."""

from django.db import migrations

from cms import roles


def town_photo_collections(apps, schema_editor):
    group_model = apps.get_model("auth", "Group")
    for section in apps.get_model("pages", "TownSectionPage").objects.select_related("town"):
        group, _ = group_model.objects.get_or_create(
            name=roles.town_editor_group_name(section.town.name)
        )
        roles.grant_town_media(apps, group, section.town.name)


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0005_consent_collection"),
        ("pages", "0001_initial"),
        ("snippets", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(town_photo_collections, migrations.RunPython.noop)]
