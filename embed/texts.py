"""What the embeds say, per content language; one table for the element (templated into
/embed/v1.js) and the iframe pages. `{page}` and `{pages}` are filled in where used."""

TEXTS = {
    "de": {
        "portraits": "Glücksbringer-Porträts",
        "quote": "Ich bin ein Glücksbringer, ",
        "programmes": "Programme der Engagierten Stadt",
        "towns": "Partnerstädte der Engagierten Stadt",
        "pager": "Seiten",
        "previous": "Zurück",
        "next": "Weiter",
        "page": "Seite {page} von {pages}",
        "more": "Mehr erfahren",
        "website": "Website",
        "empty": "Hier gibt es noch keine Porträts.",
        "hidden": "Diese Partnerstadt ist nicht veröffentlicht. Hier wird nichts angezeigt.",
        "nothing": "Hier gibt es noch nichts zu sehen.",
        "gone": "Dieses Porträt ist nicht (mehr) sichtbar.",
        "failed": "Die Inhalte können gerade nicht geladen werden.",
    },
    "en": {
        "portraits": "Glücksbringer portraits",
        "quote": "I am a Glücksbringer, ",
        "programmes": "Programmes of the Engagierte Stadt",
        "towns": "Partner towns of the Engagierte Stadt",
        "pager": "Pages",
        "previous": "Previous",
        "next": "Next",
        "page": "Page {page} of {pages}",
        "more": "Read more",
        "website": "Website",
        "empty": "There are no portraits here yet.",
        "hidden": "This partner town is not published. Nothing is shown here.",
        "nothing": "There is nothing to show here yet.",
        "gone": "This portrait is not (or no longer) visible.",
        "failed": "The content cannot be loaded right now.",
    },
    "de-x-ls": {
        "portraits": "Glücks-Bringer",
        "quote": "Ich bin ein Glücks-Bringer, ",
        "programmes": "Programme von der Engagierten Stadt",
        "towns": "Partner-Städte von der Engagierten Stadt",
        "pager": "Seiten",
        "previous": "Zurück",
        "next": "Weiter",
        "page": "Seite {page} von {pages}",
        "more": "Mehr lesen",
        "website": "Internet-Seite",
        "empty": "Hier gibt es noch keine Glücks-Bringer.",
        "hidden": "Diese Stadt ist noch nicht fertig. Darum zeigen wir hier nichts.",
        "nothing": "Hier gibt es noch nichts.",
        "gone": "Diesen Glücks-Bringer zeigen wir nicht mehr.",
        "failed": "Das geht gerade nicht. Bitte versuchen Sie es später noch einmal.",
    },
}


def texts(language):
    return TEXTS.get(language, TEXTS["de"])
