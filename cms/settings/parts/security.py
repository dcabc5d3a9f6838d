"""Logins, Content-Security-Policy and CORS: the fixed parts. No environment is read here
(cms/settings/base.py reads it, once)."""

from corsheaders.defaults import default_headers as default_cors_headers
from csp.constants import NONE, SELF, UNSAFE_INLINE

# django-axes (cms/accounts.py); the failure limit and the lockout time are base's
# (LOGIN_FAILURE_LIMIT, LOGIN_LOCKOUT_MINUTES).
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "cms.accounts.login_client_ip"  # honours TRUSTED_PROXY_COUNT
AXES_LOCKOUT_CALLABLE = "cms.accounts.lockout_response"
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ADMIN = False  # Django's admin is not served; the list is a Wagtail view
AXES_VERBOSE = False
AXES_DISABLE_ACCESS_LOG = True  # failures are enough; no record of every successful login

# Content-Security-Policy (django-csp, cms/security.py). Everything but the admin (the API, the
# health check, documents, our error pages) loads nothing and may not be framed. The one
# exception: the <style> of cms/templates/cms/plain.html, by its hash (a test keeps it in step).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [NONE],
        "style-src": ["'sha256-2quu7yaSyrXgSB1oSo0KhRpotJxVerHE8QaClM5ZfXc='"],
        "base-uri": [NONE],
        "form-action": [NONE],
        "frame-ancestors": [NONE],
    }
}
# The Wagtail admin: its own origin only, nothing eval'd, no plugins, not framed by others.
# Inline scripts and styles stay allowed: Wagtail's templates carry inline <script> blocks with
# per-page content (no nonce or fixed hash possible) and `style` attributes. Images also from
# data:/blob: (upload previews); frames only the preview of its own pages. Gravatar is off, so
# avatars come from our origin too (and editors' address hashes go nowhere).
ADMIN_CSP_PATH_PREFIXES = ["/admin/"]
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, UNSAFE_INLINE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "frame-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
    }
}
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# CORS (django-cors-headers): the API paths; the allowed origins are base's
# (CORS_ALLOWED_ORIGINS).
CORS_URLS_REGEX = r"^/(graphql/?|api/v2/.*)$"
CORS_ALLOW_METHODS = ["GET", "POST", "OPTIONS"]
# What a browser script may read of an answer beyond the safelisted headers
# (docs/api.md, "API keys and CORS"): the rate limit, when to retry, and the ETag for its own
# revalidation (sent back as If-None-Match, which the preflight therefore allows).
CORS_EXPOSE_HEADERS = [
    "X-RateLimit-Limit",
    "X-RateLimit-Remaining",
    "X-RateLimit-Reset",
    "Retry-After",
    "ETag",
]
CORS_ALLOW_HEADERS = (*default_cors_headers, "if-none-match")
