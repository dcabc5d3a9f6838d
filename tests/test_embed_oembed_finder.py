"""A Wagtail site of a partner embeds our portraits with Wagtail's own OEmbedFinder pointed at
/oembed (docs/embed.md, "Wagtail"): over real HTTP, against the live server.

Transactional (live server): a module of its own.
"""

import re

import pytest
from django.test import TestCase
from wagtail.embeds import embeds
from wagtail.embeds.exceptions import EmbedNotFoundException

from tests.factories import PortraitPageFactory, publish
from tests.helpers.committed import COMMITTED

pytestmark = COMMITTED


@pytest.fixture
def wagtail_partner(live_server, settings):
    settings.WAGTAILEMBEDS_FINDERS = [
        {
            "class": "wagtail.embeds.finders.oembed",
            "providers": [
                {
                    "endpoint": f"{live_server.url}/oembed",
                    "urls": [rf"^{re.escape(live_server.url)}/embed/portraits/.*$"],
                }
            ],
        }
    ]
    return live_server.url


def test_wagtails_oembed_finder_embeds_a_portrait_list(wagtail_partner, tree, people):
    section = tree.dessau_section
    anna = publish(PortraitPageFactory(parent=section, name="Anna Nachbarin", slug="anna"))
    url = f"{wagtail_partner}/embed/portraits/?town=dessau-rosslau&limit=3"

    embed = embeds.get_embed(url, max_width=500)
    assert embed.type == "rich"
    assert embed.provider_name == "Engagierte Stadt Dessau-Roßlau"
    assert embed.width == 500 and embed.height == 480
    src = re.fullmatch(r'<iframe src="([^"]+)" title="([^"]+)"[^>]*></iframe>', embed.html)
    assert src and src.group(1).replace("&amp;", "&") == f"{url}&lang=de"
    assert "Anna" not in embed.html

    single = f"{wagtail_partner}/embed/portraits/?slug=anna"
    assert embeds.get_embed(single).type == "rich"
    with TestCase.captureOnCommitCallbacks(execute=True):
        anna.withdraw_consent(by=people["coordinator"])
    with pytest.raises(EmbedNotFoundException):
        embeds.get_embed(f"{single}&lang=de")  # not cached yet by Wagtail: asked anew
