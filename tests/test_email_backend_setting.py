"""EMAIL_BACKEND from the environment is honoured everywhere (README, "Configuration"): under
`make run` (dev settings) mails go to the console only while it is unset."""

import os

from tests.helpers.processes import setting_in_a_new_process

CONSOLE = "django.core.mail.backends.console.EmailBackend"
SMTP = "django.core.mail.backends.smtp.EmailBackend"
FILES = "django.core.mail.backends.filebased.EmailBackend"


def email_backend(settings_module, **env):
    environment = {key: value for key, value in os.environ.items() if key != "EMAIL_BACKEND"}
    environment.update(
        DJANGO_SETTINGS_MODULE=settings_module,
        SECRET_KEY="x" * 50,
        ALLOWED_HOSTS="cms.example.org",
        DATABASE_URL="postgres://cms@127.0.0.1:5432/cms",
        **env,
    )
    return setting_in_a_new_process("EMAIL_BACKEND", environment)


def test_development_mails_to_the_console_unless_the_environment_says_otherwise():
    assert email_backend("cms.settings.dev") == CONSOLE
    assert email_backend("cms.settings.dev", EMAIL_BACKEND=SMTP) == SMTP
    assert email_backend("cms.settings.dev", EMAIL_BACKEND=FILES) == FILES


def test_production_sends_by_smtp_unless_the_environment_says_otherwise():
    assert email_backend("cms.settings.production") == SMTP
    assert email_backend("cms.settings.production", EMAIL_BACKEND=FILES) == FILES
