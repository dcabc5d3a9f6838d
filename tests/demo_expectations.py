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
