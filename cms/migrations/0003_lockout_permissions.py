"""The coordination group sees and lifts login lockouts (Einstellungen → Anmeldesperren)."""

from django.db import migrations

from cms import roles


def grant(apps, schema_editor):
    roles.grant_model(apps, roles.COORDINATORS, "axes", "accessattempt", ("view", "delete"))


def revoke(apps, schema_editor):
    roles.revoke_model(apps, roles.COORDINATORS, "axes", "accessattempt")


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0002_content_generation"),
        ("editorial", "0004_api_key_permissions"),
        ("axes", "0010_accessattemptexpiration"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
