"""Existing snippets get a translation key and the default locale (German), as Wagtail documents
for adding translatable snippets to existing models."""

from django.db import migrations
from wagtail.models import BootstrapTranslatableModel


class Migration(migrations.Migration):
    dependencies = [
        ("snippets", "0002_translatable_bootstrap"),
        ("cms", "0005_content_locales"),
    ]

    operations = [
        BootstrapTranslatableModel("snippets.ContactPerson"),
        BootstrapTranslatableModel("snippets.EngagementArea"),
        BootstrapTranslatableModel("snippets.Organisation"),
        BootstrapTranslatableModel("snippets.PartnerCity"),
    ]
