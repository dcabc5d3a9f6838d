import os
import sys

from django.apps import AppConfig
from django.conf import settings


class EditorialConfig(AppConfig):
    name = "editorial"
    verbose_name = "Redaktionsablauf"

    def ready(self):
        from . import (  # noqa: F401  (receivers and admin hooks)
            admin_boundaries,
            approval,
            signals,
            translation_editor,
        )

        if self._is_development_server() and getattr(settings, "SCHEDULER_IN_PROCESS", False):
            from .scheduler import start_in_background

            start_in_background()

    @staticmethod
    def _is_development_server():
        # runserver's autoreloader runs the app in a child process marked RUN_MAIN.
        return "runserver" in sys.argv and os.environ.get("RUN_MAIN") == "true"
