"""Nominations hold the nominator's personal data: only the coordination group may see and
handle them. The editors (Redaktion, and the town editor groups) get nothing on them."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from cms import roles


def grant_nomination_permissions(apps, schema_editor):
    # During `migrate` the permissions of a new app are created only after all migrations
    # (post_migrate); create them now.
    # (A historical app config has no models module, which create_permissions skips.)
    app_config = apps.get_app_config("nominations")
    models_module = getattr(app_config, "models_module", None)
    app_config.models_module = models_module or True
    try:
        create_permissions(app_config, verbosity=0, apps=apps)
    finally:
        app_config.models_module = models_module
    roles.grant_model(apps, roles.COORDINATORS, "nominations", "nomination")


def revoke_nomination_permissions(apps, schema_editor):
    roles.revoke_model(apps, roles.COORDINATORS, "nominations")


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0002_roles_and_workflow"),
        ("nominations", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.RunPython(grant_nomination_permissions, revoke_nomination_permissions),
    ]
