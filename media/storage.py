"""Media on S3-compatible storage (django-storages, boto3), used when S3_BUCKET is set
(cms/settings/base.py; docs/deployment.md, "Media on S3").

One bucket holds everything under the names the local MEDIA_ROOT uses: `original_images/`,
`documents/` (consent forms among them) and `images/` (renditions). Two storages write it:

- `PrivateS3Storage` (the default storage: originals, documents): no ACL (the bucket's default,
  private), addresses only ever signed and short-lived; documents are streamed by Wagtail's
  `serve_view`, which checks who may open them, never redirected to.
- `PublicRenditionS3Storage` (`WAGTAILIMAGES_RENDITION_STORAGE`): renditions public-read, unsigned
  addresses (optionally under S3_PUBLIC_URL, e.g. a CDN or the HTTP cache in front).

Neither overwrites a file (Wagtail needs `file_overwrite` off: a new upload of an existing name
gets a new name). boto3 >= 1.36 sends and checks CRC checksums by default, which servers other
than AWS (SeaweedFS, MinIO, Ceph) may refuse: only when an operation requires them.
"""

from botocore.config import Config
from storages.backends.s3 import S3Storage


class _S3Storage(S3Storage):
    public_urls = False  # whether `url` is an unsigned, public address (media.models.Image.url)

    def __init__(self, **settings):
        settings.setdefault("file_overwrite", False)
        super().__init__(**settings)
        self.client_config = self.client_config.merge(
            Config(
                request_checksum_calculation="when_required",
                response_checksum_validation="when_required",
            )
        )


class PrivateS3Storage(_S3Storage):
    """Originals and documents: private objects, signed addresses that expire."""

    default_acl = None
    querystring_auth = True


class PublicRenditionS3Storage(_S3Storage):
    """Renditions: public-read objects at unsigned addresses."""

    public_urls = True
    querystring_auth = False
