"""The coordination group manages partner API keys (Einstellungen → API-Schlüssel)."""

from django.db import migrations

from cms import roles


def grant(apps, schema_editor):
    roles.grant_model(apps, roles.COORDINATORS, "cms", "partnerapikey")


def revoke(apps, schema_editor):
    roles.revoke_model(apps, roles.COORDINATORS, "cms", "partnerapikey")


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0003_nomination_permissions"),
        ("cms", "0001_initial"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
