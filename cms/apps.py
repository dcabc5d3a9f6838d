from django.apps import AppConfig


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = "Engagierte Stadt CMS"

    def ready(self):
        from . import dates, events  # events: connects the content-changed receivers
        from .graphql import cdn
        from .i18n import german_dates_in_the_translation_editor
        from .visibility import rules

        dates.register_form_field_overrides()
        events.connect_model_changes()
        events.content_changed.connect(cdn.purge_cdn_on_commit, dispatch_uid="graphql-cdn-purge")
        german_dates_in_the_translation_editor()
        rules.autodiscover()  # each app's visibility module registers its rules with the policy
