from django.apps import AppConfig


class TownsConfig(AppConfig):
    """A partner town set up, or taken down, in one step (`add_town`, `remove_town`): its
    snippet, campaign section, editor group, photo collection, API key and embed settings.
    seed_demo makes its four towns through the same service (towns/service.py)."""

    name = "towns"
    verbose_name = "Partnerstädte einrichten"
