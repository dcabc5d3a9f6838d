from django.apps import AppConfig


class SnippetsConfig(AppConfig):
    name = "snippets"
    verbose_name = "Partner und Stammdaten"

    def ready(self):
        from cms.events import watch_deletions

        from .models import ContactPerson, EngagementArea, Organisation, PartnerCity
        from .signals import connect

        watch_deletions(ContactPerson, EngagementArea, Organisation, PartnerCity)
        connect(ContactPerson, EngagementArea, Organisation, PartnerCity)
