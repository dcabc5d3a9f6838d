"""The URLs of `make run` (DEBUG), which also serve uploaded images."""

from cms.urls import image_media_urlpatterns
from cms.urls import urlpatterns as base_urlpatterns

urlpatterns = image_media_urlpatterns() + base_urlpatterns
