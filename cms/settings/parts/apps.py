"""The project's shape: apps, middleware, templates, URLs, password rules, task backends.
Fixed: no environment is read here (cms/settings/base.py reads it, once)."""

from pathlib import Path

CMS_DIR = Path(__file__).resolve().parent.parent.parent

INSTALLED_APPS = [
    "cms",
    "pages",
    "snippets",
    "media",
    "editorial",
    "nominations",
    "webhooks",
    "embed",  # the drop-in embed: custom element, iframe page, oEmbed (issue 22)
    "opendata",  # DCAT-AP.de catalog and licensed datasets under /opendata/ (issue 24)
    "towns",  # add_town, remove_town: a partner town in one step (issue 23)
    "demo",  # seed_demo, generate_portraits
    "django_tasks_db",  # the database queue of the "jobs" task backend (TASKS below)
    "wagtail_localize",  # translation workflow (issue 12); before wagtail.admin
    "wagtail_localize.locales",  # the admin's locale management (replaces wagtail.locales)
    # Not "wagtail.contrib.frontend_cache": its per-page purges on publish would purge page
    # URLs a headless CMS does not serve; every content change bans once instead (cms/httpcache.py,
    # through Wagtail's frontend-cache backends).
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",  # the open-data settings (opendata/models.py)
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    # grapple after wagtail.snippets, or snippet types fail to resolve
    "grapple",
    "graphene_django",
    "rest_framework",  # Wagtail's REST API v2 (cms/rest/)
    "wagtail.api.v2",
    "graphene_django_graphiql_static",  # GraphiQL without internet (development only)
    "corsheaders",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",  # German "vor 2 Minuten" in the admin
    "axes",  # login lockout (cms/accounts.py)
    "csp",
]

MIDDLEWARE = [
    "cms.httpcache.SharedCacheMiddleware",  # first: Cache-Tag/s-maxage on the final answer
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "cms.security.AreaCSPMiddleware",  # Content-Security-Policy, one for the admin
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Django's LocaleMiddleware, except that the admin (and every page an editor sees) stays
    # German whatever the browser asks for; the public API follows Accept-Language.
    "cms.i18n.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "cms.replica.ReplicaMiddleware",  # anonymous public reads from the replica, if there is one
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",  # last: turns a locked-out login into the lockout page
]

ROOT_URLCONF = "cms.urls"
WSGI_APPLICATION = "cms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [CMS_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Logins through django-axes first (cms/accounts.py; its limits: base, from the environment).
AUTHENTICATION_BACKENDS = [
    "cms.accounts.LockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Tasks (django-tasks). The default backend stays immediate: Wagtail's own tasks (search index,
# deleting rendition files) run at once, as before. Our own jobs (webhook deliveries) go to the
# database queue "jobs", run by `manage.py db_worker --backend jobs` (`make worker`; a systemd
# service in production; inside the development server under `make run`).
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "jobs": {"BACKEND": "django_tasks_db.DatabaseBackend"},
}
