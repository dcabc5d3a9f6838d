"""Koordination manages webhook endpoints and reads the delivery log (Einstellungen)."""

from django.db import migrations

from cms import roles


def grant(apps, schema_editor):
    roles.grant_model(apps, roles.COORDINATORS, "webhooks", "endpoint")
    roles.grant_model(apps, roles.COORDINATORS, "webhooks", "deliveryattempt", ("view",))


def revoke(apps, schema_editor):
    roles.revoke_model(apps, roles.COORDINATORS, "webhooks")


class Migration(migrations.Migration):
    dependencies = [
        ("webhooks", "0001_initial"),
        ("editorial", "0002_roles_and_workflow"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
