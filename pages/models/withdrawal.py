"""The withdrawal steps of a portrait: recording a withdrawal on every language version, and
keeping it in force on every write (publish, save, a revision brought back). Mixed into
PortraitPage; not a model of its own, so no migration changes. Whether a withdrawal is in force
is the consent rule's (pages/consent_rule.py)."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from cms.events import emit
from pages.consent import refresh_photo_withdrawal
from pages.consent_errors import ConsentWithdrawnError, SourceWithoutConsentError

# The withdrawal in force (attribute names). Not content: no revision carries it, no publish
# writes it back.
WITHDRAWAL_FIELDS = (
    "consent_withdrawn_at",
    "consent_withdrawn_by_id",
    "consent_withdrawn_document_id",
)

# Fields whose write can change whether the portrait's photo is withdrawn (the consent rule,
# written onto the image rows by `refresh_photo_withdrawal`).
PHOTO_WITHDRAWAL_FIELDS = {
    "photo",
    "consent_given_by",
    "consent_given_at",
    "consent_scope",
    "consent_document",
    "consent_withdrawn_at",
    "consent_withdrawn_document",
}


class ConsentWithdrawalMixin:
    """PortraitPage's withdrawal: `withdraw_consent`, the lock every publish and save take, and
    the status tag."""

    @property
    def status_string(self):
        """The status tag of the page lists: a withdrawn consent says so, not just "Entwurf"."""
        if self.is_consent_withdrawn:
            return _("Einwilligung widerrufen")
        return super().status_string

    def with_content_json(self, content):
        """A revision never brings back a withdrawn consent: withdrawal is not content."""
        obj = super().with_content_json(content)
        obj._copy_withdrawal(self)
        return obj

    def _copy_withdrawal(self, source):
        for name in WITHDRAWAL_FIELDS:
            setattr(self, name, getattr(source, name))

    def _lock_committed_withdrawal(self):
        """Lock this portrait's row until the end of the transaction and put the withdrawal as
        committed onto this object (never a stale copy read before a concurrent withdrawal).
        Every publish and the withdrawal take this lock first, so they serialise."""
        withdrawal = ("consent_withdrawn_at", "consent_withdrawn_by", "consent_withdrawn_document")
        row = (
            type(self)
            .objects.select_for_update()
            .filter(pk=self.pk)
            .only(*withdrawal, "photo")
            .first()
        )
        if row is not None:
            self._copy_withdrawal(row)
        return row

    def publish(self, revision, *args, **kwargs):
        """Every publish path (edit form, workflow approval, scheduler, bulk action) ends here:
        lock the row, then refuse a revision whose consent the committed withdrawal voids —
        also when it would only be scheduled."""
        with transaction.atomic():
            self._lock_committed_withdrawal()
            if self.consent_withdrawn_at is not None:
                candidate = revision.as_object()
                candidate._copy_withdrawal(self)
                if not candidate.has_valid_consent:
                    raise ConsentWithdrawnError()
            if not self.source_has_valid_consent():
                raise SourceWithoutConsentError()
            return super().publish(revision, *args, **kwargs)

    def withdraw_consent(self, by):
        """The person withdrew consent: take the portrait down everywhere, at once.

        Works on the row as committed, locked (a publish running at the same moment either
        finishes first and is undone here, or waits and is refused). Unpublishes (which fires
        the unpublish event every reaction hangs on), cancels a running workflow and any
        scheduled publication, records who and when in the audit log, and sends
        `content_changed` "consent_withdrawn" (the photo's files get new addresses by its
        receiver, after commit). The photos are marked withdrawn on the image rows in the same
        transaction (`refresh_photo_withdrawal`): visibility refuses the portrait and its photo
        from the commit on. Withdrawing again while a withdrawal is in force changes nothing (a
        double click).
        """
        with transaction.atomic():
            # Every translation (same translation_key) goes down with it, in one transaction;
            # rows locked in a fixed order (no deadlock with a concurrent withdrawal).
            pages = list(
                type(self)
                .objects.select_for_update()
                .filter(translation_key=self.translation_key)
                .order_by("pk")
            )
            for each in pages:
                if not each.is_consent_withdrawn:
                    each._record_withdrawal(by)
            # The photos of every translation, and every other record of their files, are
            # withdrawn from the API with this commit: the image rows say so.
            refresh_photo_withdrawal(each.photo_id for each in pages)
        page = next(each for each in pages if each.pk == self.pk)
        self._copy_withdrawal(page)
        self.live, self.go_live_at, self.expire_at = page.live, page.go_live_at, page.expire_at

    def _record_withdrawal(self, by):
        now = timezone.now()
        latest = self.get_latest_revision_as_object()
        withdrawn_document_id = latest.consent_document_id or self.consent_document_id
        type(self).objects.filter(pk=self.pk).update(
            consent_withdrawn_at=now,
            consent_withdrawn_by=by,
            consent_withdrawn_document=withdrawn_document_id,
            go_live_at=None,
            expire_at=None,
        )
        self.consent_withdrawn_at, self.consent_withdrawn_by = now, by
        self.consent_withdrawn_document_id = withdrawn_document_id
        self.go_live_at = self.expire_at = None
        workflow_state = self.current_workflow_state
        if workflow_state is not None:
            workflow_state.cancel(user=by)
        self.revisions.filter(approved_go_live_at__isnull=False).update(approved_go_live_at=None)
        if self.live:
            self.unpublish(user=by)
        log(instance=self, action="pages.consent_withdrawn", user=by)
        emit(self, "consent_withdrawn")

    def _refresh_photo_withdrawal(self, old_photo_id):
        """The consent rule for photos on the image rows, after a write of this portrait's photo
        or consent (a publish, a new consent, a new translation): its old and new photo, and the
        photos of its other language versions (a translation's consent is its German source's)."""
        versions = type(self).objects.filter(translation_key=self.translation_key)
        photo_ids = {old_photo_id, self.photo_id, *versions.values_list("photo_id", flat=True)}
        refresh_photo_withdrawal(photo_ids)

    def save(self, *args, **kwargs):
        """The withdrawal is taken from the locked, committed row, and a withdrawn portrait
        cannot be saved live; a write of the photo or the consent refreshes the photos' rule."""
        update_fields = kwargs.get("update_fields")
        writes_photo_rule = update_fields is None or PHOTO_WITHDRAWAL_FIELDS & set(update_fields)
        with transaction.atomic():
            committed = self._lock_committed_withdrawal() if self.pk is not None else None
            writes_live = update_fields is None or "live" in update_fields
            if self.pk and writes_live and self.live and self.is_consent_withdrawn:
                raise ConsentWithdrawnError()
            result = super().save(*args, **kwargs)
            if writes_photo_rule:
                self._refresh_photo_withdrawal(getattr(committed, "photo_id", None))
            return result
