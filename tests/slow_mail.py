"""A mail backend as slow as a real SMTP server: about a second per message, then stored in
`django.core.mail.outbox` like Django's locmem backend. Wagtail sends workflow notifications
inside the approval's request, so a slow server keeps that request (and its transaction) open.
"""

import time

from django.conf import settings
from django.core.mail.backends.locmem import EmailBackend

# Set by a test (in the process that sends): an Event set when the first message starts, e.g.
# for a second request that must arrive while the first is still sending.
sending = None


class SlowEmailBackend(EmailBackend):
    def send_messages(self, messages):
        seconds = getattr(settings, "SLOW_MAIL_SECONDS", 1.0)
        if sending is not None and messages:
            sending.set()
        for message in messages:
            time.sleep(seconds)
            super().send_messages([message])
        return len(messages)
