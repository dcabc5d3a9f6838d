"""Where photos are uploaded: offered only collections that fit, the photo collection first.

Wagtail offers an upload every collection where the user has the "add" permission on images:
for Redaktion and Koordination (granted on the root, cms.roles) that is the root ("Root", the
first and so the default) and the private "Einwilligungen" too. Image files are served publicly
whatever their collection's view restriction, so a photo has no place in a private collection.
The images' permission policy (registered here, as Wagtail asks, before its admin views use it)
therefore offers for "add" neither the root nor a private collection, the portrait photos'
collection "Glücksbringer-Porträts" and its towns first: the upload form's collection field and
the multiple upload's dropdown preselect the first. A town editor has a single collection, their
town's; Wagtail then hides the field and would save the photo in the root (the model's default):
`new_photo_in_an_offered_collection` puts it into the uploader's first offered collection.
"""

from django.db.models import Case, Q, Value, When
from django.db.models.signals import pre_save
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction
from wagtail.permission_policies.collections import CollectionOwnershipPermissionPolicy
from wagtail.permissions import register_permission_policy

from cms import roles


def upload_collections(collections):
    """`collections` without the root and private ones, the portrait photos' first; unchanged
    if nothing would be left (a form needs one)."""
    private = CollectionViewRestriction.objects.values_list("collection__path", flat=True)
    fitting = collections.exclude(depth=1)
    for path in private:
        fitting = fitting.exclude(path__startswith=path)
    photos = Collection.objects.filter(depth=2, name=roles.PORTRAIT_COLLECTION).first()
    if photos is not None:
        first = When(path__startswith=photos.path, then=Value(0))
        fitting = fitting.order_by(Case(first, default=Value(1)), "path")
    return fitting if fitting.exists() else collections


class PhotoPermissionPolicy(CollectionOwnershipPermissionPolicy):
    def collections_user_has_permission_for(self, user, action):
        collections = super().collections_user_has_permission_for(user, action)
        return upload_collections(collections) if action == "add" else collections


Image = get_image_model()
photo_permission_policy = PhotoPermissionPolicy(
    Image, auth_model="wagtailimages.Image", owner_field_name="uploaded_by_user"
)
register_permission_policy(Image, photo_permission_policy, exact_class=True)


def new_photo_in_an_offered_collection(sender, instance, **kwargs):
    """A new upload lands in a collection its uploader was offered (see the module docstring);
    images made by code (no uploader) are left alone."""
    if not instance._state.adding or instance.uploaded_by_user_id is None:
        return
    offered = photo_permission_policy.collections_user_has_permission_for(
        instance.uploaded_by_user, "add"
    )
    if not offered.filter(Q(pk=instance.collection_id)).exists():
        default = offered.first()
        if default is not None:
            instance.collection = default


pre_save.connect(
    new_photo_in_an_offered_collection, sender=Image, dispatch_uid="media_photo_collection"
)
