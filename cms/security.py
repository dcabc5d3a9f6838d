"""Content-Security-Policy per area (django-csp).

Every answer gets CONTENT_SECURITY_POLICY: the API (JSON), the health check, documents and the
few HTML pages of our own load nothing from anywhere (`default-src 'none'`) and may not be
framed. The Wagtail admin (ADMIN_CSP_PATH_PREFIXES) gets ADMIN_CONTENT_SECURITY_POLICY: only its
own origin, and the inline styles its templates and widgets need (see that setting).
"""

from csp.middleware import CSPMiddleware
from csp.utils import default_config
from django.conf import settings


class AreaCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if (
            not report_only
            and parts.config is None
            and request.path_info.startswith(tuple(settings.ADMIN_CSP_PATH_PREFIXES))
        ):
            parts.config = default_config(settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"])
        return parts
