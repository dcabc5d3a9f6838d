"""What the demo must contain, written down independently of demo/content.py (which the
seeder reads), so that the seed and contract tests check the seeder instead of echoing it."""

TOWNS = {
    "dessau-rosslau": "Dessau-Roßlau",
    "bitterfeld-wolfen": "Bitterfeld-Wolfen",
    "graefenhainichen": "Gräfenhainichen",
    "lutherstadt-wittenberg": "Lutherstadt Wittenberg",
}
PROGRAMMES = [
    "Ehrenamtskarte",
    "Partnerschaft für Demokratie",
    "Vielfaltsgestalter",
    "Quartiersbezogene Ehrenamtsarbeit",
    "K² – Kulturnetzwerk",
]

# Gräfenhainichen's contact and website: placeholders (the source page has none for the town),
# the town administration at the town hall, no person's data.
GRAEFENHAINICHEN = {
    "website": "https://www.graefenhainichen.de/",
    "contact": {
        "name": "Stadtverwaltung Gräfenhainichen",
        "street": "Markt 1",
        "postcode": "06773",
        "city": "Gräfenhainichen",
        "phone": "",
        "email": "",
    },
}
