"""schema.org JSON-LD of what an embed shows, for search engines: the iframe page's portraits
here; the custom element builds the same shapes in the browser (element.js, `structuredData`)
for portraits, programmes (schema.org Project, with funders) and partner towns
(GovernmentOrganization).

A portrait is marked up as a Person (an initiative as an Organization) only because, and only
while, it is public on that very page: the items come from the public API's answer (the
visibility policy), and the page is revalidated on every load, so a withdrawn portrait's markup
goes with its card. Nothing beyond what the card shows: name, address, town; no photo, no
quote."""

import json

from django.utils.safestring import mark_safe

CONTEXT = "https://schema.org"


def _pruned(thing):
    return {key: value for key, value in thing.items() if value not in (None, "", [])}


def portrait(item):
    town = (item.get("town") or {}).get("name")
    place = {"@type": "City", "name": town} if town else None
    if item.get("kind") == "initiative":
        thing = {"@type": "Organization", "location": place}
    else:
        thing = {"@type": "Person", "homeLocation": place}
    return _pruned({**thing, "name": item["name"], "url": item.get("fullUrl")})


def item_list(items, thing, name):
    return {
        "@context": CONTEXT,
        "@type": "ItemList",
        "name": name,
        "numberOfItems": len(items),
        "itemListElement": [
            {"@type": "ListItem", "position": position, "item": thing(item)}
            for position, item in enumerate(items, start=1)
        ],
    }


def script_tag(data):
    """`<script type="application/ld+json">`; `<`, `>` and `&` escaped as JSON allows, so no
    text can close the script element."""
    text = json.dumps(data, ensure_ascii=False)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308
