from django.apps import AppConfig
from django.conf import settings

from cms.devserver import is_development_server


class WebhooksConfig(AppConfig):
    name = "webhooks"
    verbose_name = "Webhooks"

    def ready(self):
        from cms.events import content_changed

        from .events import on_content_changed

        content_changed.connect(on_content_changed, dispatch_uid="webhooks.content_changed")

        if is_development_server() and settings.TASK_WORKER_IN_PROCESS:
            from .worker import start_in_background

            start_in_background()
