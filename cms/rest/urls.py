from .endpoints import api_router

app_name = api_router.url_namespace
urlpatterns = api_router.get_urlpatterns()
