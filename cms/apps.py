from django.apps import AppConfig


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = "Engagierte Stadt CMS"

    def ready(self):
        from . import events  # connects the content-changed receivers

        events.connect_model_changes()
