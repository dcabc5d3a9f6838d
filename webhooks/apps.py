import os
import sys

from django.apps import AppConfig
from django.conf import settings


class WebhooksConfig(AppConfig):
    name = "webhooks"
    verbose_name = "Webhooks"

    def ready(self):
        from cms.events import content_changed

        from .events import on_content_changed

        content_changed.connect(on_content_changed, dispatch_uid="webhooks.content_changed")

        if self._is_development_server() and getattr(settings, "TASK_WORKER_IN_PROCESS", False):
            from .worker import start_in_background

            start_in_background()

    @staticmethod
    def _is_development_server():
        # runserver's autoreloader runs the app in a child process marked RUN_MAIN.
        return "runserver" in sys.argv and os.environ.get("RUN_MAIN") == "true"
