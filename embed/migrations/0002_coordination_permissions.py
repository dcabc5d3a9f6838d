"""Koordination manages embedding per town (Einstellungen → Einbettungen) and uses the
configurator (Einbetten)."""

from django.db import migrations

from cms import roles


def grant(apps, schema_editor):
    roles.grant_model(apps, roles.COORDINATORS, "embed", "townembed")


def revoke(apps, schema_editor):
    roles.revoke_model(apps, roles.COORDINATORS, "embed", "townembed")


class Migration(migrations.Migration):
    dependencies = [
        ("embed", "0001_town_embed"),
        ("editorial", "0007_translation_permissions"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
