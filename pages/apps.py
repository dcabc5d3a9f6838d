from django.apps import AppConfig


class PagesConfig(AppConfig):
    name = "pages"
    verbose_name = "Seiten"

    def ready(self):
        from . import signals  # noqa: F401
