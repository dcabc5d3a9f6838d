"""Wagtail admin paths whose views Wagtail offers no hook for, answered by subclasses that ask
the town boundaries (editorial/admin_boundaries.py). The project's URLconf includes these under
/admin/ ahead of Wagtail's own admin URLs; Wagtail's URL names keep reversing to these paths."""

from django.urls import path

from .admin_boundaries import (
    ReadableChosenMultipleView,
    ReadableExternalLinkView,
    ReadablePageTypesUsageReportView,
)

urlpatterns = [
    path("choose-page/chosen-multiple/", ReadableChosenMultipleView.as_view()),
    path("choose-external-link/", ReadableExternalLinkView.as_view()),
    path("reports/page-types-usage/", ReadablePageTypesUsageReportView.as_view()),
    path(
        "reports/page-types-usage/results/",
        ReadablePageTypesUsageReportView.as_view(results_only=True),
    ),
]
