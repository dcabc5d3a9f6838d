from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo site: the city's real content and demo accounts (`seed_demo`), generated
    portraits for load tests (`generate_portraits`). Nothing imports it."""

    name = "demo"
    verbose_name = "Demo-Inhalte"
