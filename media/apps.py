from django.apps import AppConfig


class MediaConfig(AppConfig):
    name = "media"
    label = "media"
    verbose_name = "Medien"

    def ready(self):
        from cms.events import content_changed

        from . import signals

        content_changed.connect(
            signals.withdraw_photo_on_consent_withdrawal,
            dispatch_uid="media.withdraw_photo_on_consent_withdrawal",
        )
        content_changed.connect(
            signals.prepare_renditions_on_change, dispatch_uid="media.prepare_renditions"
        )
