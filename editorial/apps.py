from django.apps import AppConfig
from django.conf import settings

from cms.devserver import is_development_server


class EditorialConfig(AppConfig):
    name = "editorial"
    verbose_name = "Redaktionsablauf"

    def ready(self):
        from . import approval, signals  # noqa: F401  (signal receivers)

        if is_development_server() and settings.SCHEDULER_IN_PROCESS:
            from .scheduler import start_in_background

            start_in_background()
