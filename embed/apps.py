from django.apps import AppConfig


class EmbedConfig(AppConfig):
    name = "embed"
    verbose_name = "Einbetten"

    def ready(self):
        from . import cors  # noqa: F401 - connects the CORS permission for embedding origins
