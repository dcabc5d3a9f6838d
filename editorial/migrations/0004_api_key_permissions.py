"""The coordination group manages partner API keys (Einstellungen → API-Schlüssel)."""

from django.db import migrations

from editorial import roles

ACTIONS = ("add", "change", "delete", "view")


def grant(apps, schema_editor):
    group_model = apps.get_model("auth", "Group")
    coordinators, _ = group_model.objects.get_or_create(name=roles.COORDINATORS)
    for action in ACTIONS:
        coordinators.permissions.add(roles.permission(apps, "cms", "partnerapikey", action))


def revoke(apps, schema_editor):
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    permissions = permission_model.objects.filter(
        content_type__app_label="cms", content_type__model="partnerapikey"
    )
    for group in group_model.objects.filter(name=roles.COORDINATORS):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0003_nomination_permissions"),
        ("cms", "0001_initial"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
