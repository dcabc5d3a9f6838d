from django.urls import path

from . import views

# Outside /admin/: calendar apps cannot log in; the URL itself is the secret.
urlpatterns = [
    path(
        "kalender/<int:user_id>/<str:token>.ics",
        views.calendar_feed,
        name="editorial_calendar",
    ),
]
