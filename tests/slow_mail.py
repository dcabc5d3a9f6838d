"""A mail backend as slow as a real SMTP server: about a second per message, then stored in
`django.core.mail.outbox` like Django's locmem backend. Wagtail sends workflow notifications
inside the approval's request, so a slow server keeps that request (and its transaction) open.
"""

import time

from django.conf import settings
from django.core.mail.backends.locmem import EmailBackend


class SlowEmailBackend(EmailBackend):
    def send_messages(self, messages):
        seconds = getattr(settings, "SLOW_MAIL_SECONDS", 1.0)
        for message in messages:
            time.sleep(seconds)
            super().send_messages([message])
        return len(messages)
