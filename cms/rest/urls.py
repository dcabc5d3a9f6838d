from django.utils.module_loading import autodiscover_modules

from .endpoints import api_router

# Each app's `rest` module registers its own endpoints (snippets/rest.py): `cms` imports no app.
autodiscover_modules("rest")

app_name = api_router.url_namespace
urlpatterns = api_router.get_urlpatterns()
