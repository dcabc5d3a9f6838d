"""The content locales of issue 12: English and Leichte Sprache next to German (which Wagtail
created with its first migration)."""

from django.db import migrations

NEW_LOCALES = ("en", "de-x-ls")


def forwards(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    for code in NEW_LOCALES:
        Locale.objects.get_or_create(language_code=code)


def backwards(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    # Only empty locales go; one that holds pages or snippets is protected by its foreign keys.
    Locale.objects.filter(language_code__in=NEW_LOCALES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0004_german_root_names"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
