"""Admin: the open-data settings under Einstellungen → Offene Daten, for Koordination (the
model permission `opendata.change_opendatasettings`, granted in migration 0002)."""

from wagtail.contrib.settings.registry import register_setting

from .models import OpenDataSettings

register_setting(OpenDataSettings, icon="table")
