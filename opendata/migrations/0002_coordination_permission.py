"""Only Koordination changes the open-data settings (Einstellungen → Offene Daten): licence,
publisher, contact, GovData identifiers."""

from django.db import migrations

from cms import roles


def grant(apps, schema_editor):
    roles.grant_model(apps, roles.COORDINATORS, "opendata", "opendatasettings", ("change",))


def revoke(apps, schema_editor):
    roles.revoke_model(apps, roles.COORDINATORS, "opendata", "opendatasettings")


class Migration(migrations.Migration):
    dependencies = [
        ("opendata", "0001_open_data_settings"),
        ("editorial", "0007_translation_permissions"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
