from django.urls import path

from . import nomination_frame, views

urlpatterns = [
    path("embed/v1.js", views.script, name="embed_script"),
    path("embed/v1.css", views.stylesheet, name="embed_css"),
    path("embed/frame.js", views.frame_script, name="embed_frame_js"),
    path("embed/portraits/", views.portraits_frame, name="embed_portraits"),
    path("embed/nominieren/", nomination_frame.nomination_frame, name="embed_nominate"),
    path("embed/link/", views.follow_link, name="embed_link"),
    path("oembed", views.oembed, name="embed_oembed"),
]
