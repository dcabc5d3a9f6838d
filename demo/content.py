"""Content of the demo site, as data: `manage.py seed_demo` builds the tree from it.

The network, programmes, campaign and contact texts are the real ones of the city's page
"Engagierte Stadt" (shared/source/engagierte-stadt-dessau-rosslau.txt). The Glücksbringer
portraits are invented examples, marked as such in name, text and consent record.
"""

import datetime

COORDINATOR = {
    "name": "Kathrin Hinze",
    "role": "Koordinatorin Engagierte Stadt/Bürgerservice",
    "department": "Stadt Dessau-Roßlau, Referat des Oberbürgermeisters",
    "street": "Zerbster Straße 4",
    "postcode": "06844",
    "city": "Dessau-Roßlau",
    "phone": "0340 204-1401",
    "fax": "0340 204-2691201",
    "email": "engagiertestadt@dessau-rosslau.de",
}

# Collections: name → (collection is private: login needed to view its documents)
PUBLIC_COLLECTION = "Öffentlich"
PORTRAIT_COLLECTION = "Glücksbringer-Porträts"
CONSENT_COLLECTION = "Einwilligungen"
COLLECTIONS = (PUBLIC_COLLECTION, PORTRAIT_COLLECTION, CONSENT_COLLECTION)

ENGAGEMENT_AREAS = [
    {
        "slug": "integrationsarbeit",
        "name": "Integrationsarbeit",
        "description": "Ankommen, Sprache, Begegnung: Engagement mit und für Zugewanderte.",
    },
    {
        "slug": "klimaschutz",
        "name": "Klimaschutz",
        "description": "Umwelt- und Klimaschutz vor Ort, vom Baumpflanzen bis zum Repair-Café.",
    },
    {
        "slug": "jugendbeteiligung",
        "name": "Jugendbeteiligung",
        "description": "Junge Menschen reden mit und gestalten ihre Stadt.",
    },
    {
        "slug": "seniorenarbeit",
        "name": "Seniorenarbeit",
        "description": "Besuchsdienste, Nachbarschaftshilfe und Angebote für ältere Menschen.",
    },
    {
        "slug": "kultur",
        "name": "Kultur und kulturelle Bildung",
        "description": "Kulturelle Bildungsnetzwerke, Vereine und Initiativen in der Stadt.",
    },
    {
        "slug": "demokratie",
        "name": "Demokratie und Zusammenhalt",
        "description": "Für eine offene und demokratische Gesellschaft.",
    },
    {
        "slug": "nachbarschaft",
        "name": "Nachbarschaft und Quartier",
        "description": "Engagement im Quartier, etwa am Leipziger Tor.",
    },
]

# role: a key of snippets.Organisation.Role
ORGANISATIONS = [
    {
        "slug": "faw-ggmbh",
        "name": "FAW gGmbH",
        "role": "partner",
        "website": "",
    },
    {
        "slug": "stadt-dessau-rosslau",
        "name": "Stadt Dessau-Roßlau",
        "role": "traeger",
        "website": "",
    },
    {
        "slug": "robert-bosch-stiftung",
        "name": "Robert Bosch Stiftung",
        "role": "foerderer",
        "website": "https://www.bosch-stiftung.de/",
    },
    {
        "slug": "bundesakademie-wolfenbuettel",
        "name": "Bundesakademie für Kulturelle Bildung Wolfenbüttel",
        "role": "traeger",
        "website": "https://www.bundesakademie.de/",
    },
    {
        "slug": "bmbf",
        "name": "Bundesministerium für Bildung und Forschung (BMBF)",
        "role": "foerderer",
        "website": "https://www.bmbf.de/",
    },
    {
        "slug": "bundesnetzwerk-engagierte-stadt",
        "name": "Bundesnetzwerk „Engagierte Stadt“",
        "role": "netzwerk",
        "website": "https://www.engagiertestadt.de/",
    },
    {
        "slug": "regionalnetzwerk-anhalt",
        "name": "Regionalnetzwerk Anhalt",
        "role": "netzwerk",
        "website": "",
    },
]

# Gräfenhainichen's contact and website. The city's page (the source of this demo) names the
# town but gives neither, so the demo shows placeholders that are clearly official and name no
# person: the town administration at the town hall's general address, and the town's website.
# Replace them with the contact the town names for the network.
GRAEFENHAINICHEN_CONTACT = {
    "name": "Stadtverwaltung Gräfenhainichen",
    "street": "Markt 1",
    "postcode": "06773",
    "city": "Gräfenhainichen",
}

# The coordinating town comes first; its contact is the coordinator.
PARTNER_CITIES = [
    {
        "slug": "dessau-rosslau",
        "name": "Dessau-Roßlau",
        "member_since": datetime.date(2020, 7, 1),
        "is_coordinating": True,
        "coordinator_is_contact": True,
    },
    {"slug": "bitterfeld-wolfen", "name": "Bitterfeld-Wolfen"},
    {
        "slug": "graefenhainichen",
        "name": "Gräfenhainichen",
        "website": "https://www.graefenhainichen.de/",
        "contact": GRAEFENHAINICHEN_CONTACT,
    },
    {"slug": "lutherstadt-wittenberg", "name": "Lutherstadt Wittenberg"},
]

HOME = {
    "slug": "engagierte-stadt",
    "title": "Engagierte Stadt",
    "intro": (
        "<p>Seit 1. Juli 2020 ist die Stadt Dessau-Roßlau Mitglied im Bundesnetzwerk "
        "„Engagierte Stadt“.</p>"
    ),
    "member_since": datetime.date(2020, 7, 1),
    "network_heading": "Regionalnetzwerk „Engagierte Stadt“",
    "network_text": (
        "<p>Die Städte Bitterfeld-Wolfen, Gräfenhainichen, Lutherstadt Wittenberg und "
        "Dessau-Roßlau haben mit Unterstützung der FAW gGmbH ein Regionalnetzwerk für die Region "
        "aufgebaut. Ein sichtbares Ergebnis ist die Kampagne „Glücksbringer“.</p>"
    ),
    "engagement_heading": "Dessau-Roßlau engagiert",
    "engagement_text": (
        "<p>In unterschiedlichen Bereichen, wie der Integrationsarbeit, dem Klimaschutz, der "
        "Jugendbeteiligung, der Seniorenarbeit, haben sich in Dessau-Roßlau viele Akteure "
        "zusammengefunden und engagieren sich. Strukturen zu finden, die die Zusammenarbeit "
        "verbessert, die Synergien schafft und Kompetenzen bzw. Ressourcen gut nutzen, fehlen "
        "aber ein Stück weit. Eine koordinierende Stelle wurde durch Akteure und der Politik in "
        "den vergangenen Jahren immer wieder gefordert. Mit Einführung der Ehrenamtskarte im "
        "Januar 2019 wurde ein erster Schritt in Richtung Sichtbarmachung von "
        "bürgerschaftlichem Engagement und Anerkennungskultur erreicht. Hier soll mit dem "
        "Programm „Engagierte Stadt“ und unterschiedlichen Arbeitspaketen angesetzt "
        "werden.</p>"
        "<h2>Mach mit! Engagement und Ehrenamt in Deutschland</h2>"
        "<p>Schon gewusst? Über 29 Millionen Menschen engagieren sich in Deutschland. Und das "
        "aus vielen guten Gründen: Weil sie der Gesellschaft etwas zurückgeben möchten, weil "
        "sie anderen Menschen helfen wollen oder einfach, weil es ihnen Spaß macht! Engagement "
        "kennt weder Alter, noch Geschlecht oder Herkunft und ist damit ein wichtiger Pfeiler "
        "für unsere vielfältige Gesellschaft.</p>"
    ),
}

# body: StreamField data as (block type, value) pairs; funders: organisation slugs.
PROGRAMMES = [
    {
        "slug": "ehrenamtskarte",
        "title": "Ehrenamtskarte",
        "teaser": (
            "Alle Informationen zu den Voraussetzungen, den Partnern und Formularen finden Sie "
            "hier."
        ),
        "body": [
            ("heading", "Anerkennung für das Ehrenamt"),
            (
                "paragraph",
                "<p>Mit Einführung der Ehrenamtskarte im Januar 2019 wurde ein erster Schritt in "
                "Richtung Sichtbarmachung von bürgerschaftlichem Engagement und "
                "Anerkennungskultur erreicht.</p>",
            ),
        ],
        "external_url": "",
        "funders": ["stadt-dessau-rosslau"],
    },
    {
        "slug": "partnerschaft-fuer-demokratie",
        "title": "Partnerschaft für Demokratie",
        "teaser": (
            "Sie setzen sich für eine offene und demokratische Gesellschaft in Dessau-Roßlau ein "
            "und haben eine Idee, wie wir das Zusammenleben in unserer Stadt gemeinsam verbessern "
            "können?"
        ),
        "body": [
            (
                "paragraph",
                "<p>Sie setzen sich für eine offene und demokratische Gesellschaft in "
                "Dessau-Roßlau ein und haben eine Idee, wie wir das Zusammenleben in unserer "
                "Stadt gemeinsam verbessern können?</p>",
            ),
        ],
        "external_url": "",
        "funders": [],
    },
    {
        "slug": "vielfaltsgestalter",
        "title": "Vielfaltsgestalter",
        "teaser": (
            "Dessau-Roßlau ist in das Programm „Vielfaltsgestalter – Lokale Bündnisse für "
            "Zusammenhalt in Vielfalt“ der Robert Bosch Stiftung aufgenommen worden."
        ),
        "body": [
            (
                "paragraph",
                "<p>Dessau-Roßlau ist in das Programm „Vielfaltsgestalter – Lokale Bündnisse für "
                "Zusammenhalt in Vielfalt“ der Robert Bosch Stiftung aufgenommen worden.</p>",
            ),
        ],
        "external_url": "",
        "funders": ["robert-bosch-stiftung"],
    },
    {
        "slug": "quartiersbezogene-ehrenamtsarbeit",
        "title": "Quartiersbezogene Ehrenamtsarbeit",
        "teaser": (
            "Im Fördergebiet „Soziale Stadt – Dessauer Innenstadt“ ist seit dem III. Quartal 2019 "
            "ein Quartiersmanagement aktiv."
        ),
        "body": [
            (
                "paragraph",
                "<p>Mit dem Ziel, vor Ort insbesondere Bürgerinnen und Bürger im Rahmen der "
                "Stadtentwicklung zu unterstützen, integrative Prozesse und Angebote zu fördern "
                "sowie Maßnahmen der Quartiersentwicklung umzusetzen, ist im Fördergebiet "
                "„Soziale Stadt – Dessauer Innenstadt“ seit dem III. Quartal 2019 ein "
                "Quartiersmanagement aktiv.</p>",
            ),
            ("paragraph", "<p>Der Fokus liegt derzeit auf dem Quartier Am Leipziger Tor.</p>"),
        ],
        "external_url": "",
        "funders": ["stadt-dessau-rosslau"],
    },
    {
        "slug": "k2-kulturnetzwerk",
        "title": "K² – Kulturnetzwerk",
        "teaser": (
            "K² – Kulturnetzwerke in Kommunen ist ein Projekt der Bundesakademie für Kulturelle "
            "Bildung Wolfenbüttel."
        ),
        "body": [
            (
                "paragraph",
                "<p>K² – Kulturnetzwerke in Kommunen ist ein Projekt der Bundesakademie für "
                "Kulturelle Bildung Wolfenbüttel.</p>",
            ),
            (
                "paragraph",
                "<p>Ziel ist es, durch die systematische Vernetzung und den konzeptionellen "
                "Austausch die kulturellen Bildungsnetzwerke vor Ort zu stärken. So soll das Ziel "
                "der Bildungsgerechtigkeit für alle Kinder und Jugendliche ein Stück näher "
                "rücken.</p>",
            ),
            (
                "paragraph",
                "<p>Das Projekt ist Teil des begleitenden Forums »Vernetzung, Qualität, "
                "Forschung« des Bundesförderprogramms »Kultur macht stark. Bündnisse für "
                "Bildung« und wird vom Bundesministerium für Bildung und Forschung (BMBF) "
                "gefördert.</p>",
            ),
            (
                "link",
                {
                    "link_text": "K² – Kulturnetzwerke in Kommunen",
                    "page": None,
                    "url": (
                        "https://www.bundesakademie.de/kompetenz/projekte/"
                        "k2-kulturnetzwerke-in-kommunen/"
                    ),
                },
            ),
        ],
        "external_url": (
            "https://www.bundesakademie.de/kompetenz/projekte/k2-kulturnetzwerke-in-kommunen/"
        ),
        "funders": ["bundesakademie-wolfenbuettel", "bmbf"],
    },
]

CAMPAIGN = {
    "slug": "gluecksbringer",
    "title": "Glücksbringer",
    "launch_date": datetime.date(2023, 6, 19),
    "intro": (
        "<p>Am 19.06.2023 war Auftakt für die Kampagne „Glücksbringer“, die der "
        "Oberbürgermeister unserer Stadt gemeinsam mit seinen Amtskollegen aus den Engagierten "
        "Städten Wittenberg, Bitterfeld-Wolfen und Gräfenhainichen der Öffentlichkeit "
        "präsentierte.</p>"
        "<p>Bürgerschaftliches Engagement ist ein wichtiger Pfeiler der Gesellschaft und des "
        "sozialen Miteinanders. Oftmals findet Engagement und Ehrenamt „im Stillen“ statt und ist "
        "nicht immer sichtbar.</p>"
        "<p>Mit der Kampagne möchte das Regionalnetzwerk Anhalt, bestehend aus den Engagierten "
        "Städten unserer Region, dieses Engagement sichtbarer machen.</p>"
    ),
    "why_heading": "Warum „Glücksbringer“?",
    "why_text": (
        "<p>Menschen die sich engagieren bringen Glücksmomente oder empfinden bei ihre Arbeit "
        "selbst oft ein Glücksgefühl.</p>"
    ),
    "nomination_call": (
        "<p>In den nächsten Wochen und Monaten werden wir Personen, die sich in unserer Stadt "
        "engagieren und/oder dieses Engagement unterstützen, öffentlichkeitswirksam "
        "präsentieren.</p>"
        "<p>Der OB ruft Sie auf, uns Menschen oder Initiativen zu benennen, die sich gern "
        "vorstellen möchten oder vorgestellt werden sollten.</p>"
        "<p>Kontakt über die Koordinatorin Frau Hinze – Mail: "
        '<a href="mailto:engagiertestadt@dessau-rosslau.de">engagiertestadt@dessau-rosslau.de</a>'
        " oder Tel. 0340 204 1401.</p>"
    ),
    "quote_prompt": "Ich bin ein Glücksbringer, …",
}

TOWN_SECTION_INTROS = {
    "dessau-rosslau": (
        "Glücksbringer aus Dessau-Roßlau. Die Stadt koordiniert das Regionalnetzwerk Anhalt."
    ),
    "bitterfeld-wolfen": "Glücksbringer aus Bitterfeld-Wolfen.",
    "graefenhainichen": "Glücksbringer aus Gräfenhainichen.",
    "lutherstadt-wittenberg": "Glücksbringer aus der Lutherstadt Wittenberg.",
}

FICTION_NOTE = (
    "Dieses Porträt ist ein erfundenes Beispiel für die Demo-Installation; Person und Geschichte "
    "sind ausgedacht."
)

# Twelve invented Glücksbringer, three per town. Names say "Beispiel" so nobody mistakes them
# for real people. initials and colour make the generated placeholder photo.
PORTRAITS = [
    {
        "slug": "beispiel-anna-beispiel",
        "name": "Anna Beispiel",
        "kind": "person",
        "town": "dessau-rosslau",
        "areas": ["integrationsarbeit"],
        "quote": "weil ich beim Deutschlernen Türen öffne.",
        "teaser": "Begleitet seit drei Jahren neu Zugewanderte bei Behördengängen (Beispiel).",
        "story": "Anna übt jeden Dienstag mit einer kleinen Gruppe Deutsch im Stadtteiltreff.",
        "colour": "#e4572e",
    },
    {
        "slug": "beispiel-bernd-muster",
        "name": "Bernd Muster (Beispiel)",
        "kind": "person",
        "town": "dessau-rosslau",
        "areas": ["seniorenarbeit", "nachbarschaft"],
        "quote": "weil ein Besuch mehr wert ist als jede Nachricht.",
        "teaser": "Besucht ältere Nachbarinnen und Nachbarn am Leipziger Tor (Beispiel).",
        "story": "Bernd organisiert einen Besuchsdienst, der inzwischen zwölf Ehrenamtliche hat.",
        "colour": "#29335c",
    },
    {
        "slug": "beispiel-repair-cafe-muldeufer",
        "name": "Repair-Café Muldeufer (Beispiel)",
        "kind": "initiative",
        "town": "dessau-rosslau",
        "areas": ["klimaschutz", "nachbarschaft"],
        "quote": "weil wir Dinge reparieren statt wegzuwerfen.",
        "teaser": "Eine erfundene Initiative, die einmal im Monat Geräte und Fahrräder repariert.",
        "story": "Bis zu vierzig Geräte pro Nachmittag bekommen hier eine zweite Chance.",
        "colour": "#669bbc",
    },
    {
        "slug": "beispiel-clara-probe",
        "name": "Clara Probe (Beispiel)",
        "kind": "person",
        "town": "bitterfeld-wolfen",
        "areas": ["jugendbeteiligung"],
        "quote": "weil junge Stimmen im Stadtrat gehört werden sollen.",
        "teaser": "Moderiert das Jugendforum ihrer Stadt (Beispiel).",
        "story": "Clara hat mit anderen Jugendlichen einen Skatepark-Entwurf in den Rat gebracht.",
        "colour": "#f3a712",
    },
    {
        "slug": "beispiel-dieter-demo",
        "name": "Dieter Demo (Beispiel)",
        "kind": "person",
        "town": "bitterfeld-wolfen",
        "areas": ["klimaschutz"],
        "quote": "weil jeder gepflanzte Baum ein kleines Versprechen ist.",
        "teaser": "Pflanzt mit Schulklassen Bäume am Seeufer (Beispiel).",
        "story": "Dieter erklärt Kindern, warum Stadtbäume gegen Sommerhitze helfen.",
        "colour": "#386641",
    },
    {
        "slug": "beispiel-nachbarschaftsnetz-wolfen-nord",
        "name": "Nachbarschaftsnetz Wolfen-Nord (Beispiel)",
        "kind": "initiative",
        "town": "bitterfeld-wolfen",
        "areas": ["nachbarschaft", "seniorenarbeit"],
        "quote": "weil gute Nachbarschaft kein Zufall ist.",
        "teaser": "Eine erfundene Initiative für Einkaufshilfe und Hoffeste.",
        "story": "Aus einer Einkaufshilfe ist ein Netz von über fünfzig Nachbarinnen geworden.",
        "colour": "#a7c957",
    },
    {
        "slug": "beispiel-emil-exempel",
        "name": "Emil Exempel (Beispiel)",
        "kind": "person",
        "town": "graefenhainichen",
        "areas": ["kultur"],
        "quote": "weil Musik Menschen zusammenbringt.",
        "teaser": "Leitet einen offenen Chor für alle Generationen (Beispiel).",
        "story": "Emil probt mit dem Chor im Gemeindehaus, Noten lesen muss niemand können.",
        "colour": "#6a4c93",
    },
    {
        "slug": "beispiel-frieda-fiktiv",
        "name": "Frieda Fiktiv (Beispiel)",
        "kind": "person",
        "town": "graefenhainichen",
        "areas": ["seniorenarbeit"],
        "quote": "weil Zuhören manchmal die beste Hilfe ist.",
        "teaser": "Führt ein Erzählcafé für Seniorinnen und Senioren (Beispiel).",
        "story": "Im Erzählcafé entstehen Geschichten, die Schülerinnen später aufschreiben.",
        "colour": "#bc4749",
    },
    {
        "slug": "beispiel-jugendclub-am-see",
        "name": "Jugendclub am See (Beispiel)",
        "kind": "initiative",
        "town": "graefenhainichen",
        "areas": ["jugendbeteiligung", "kultur"],
        "quote": "weil Jugendliche hier ihren eigenen Raum gestalten.",
        "teaser": "Ein erfundener, selbstverwalteter Jugendclub mit Konzerten und Werkstatt.",
        "story": "Die Jugendlichen planen das Programm selbst und verwalten das Budget gemeinsam.",
        "colour": "#ff7d00",
    },
    {
        "slug": "beispiel-greta-gedacht",
        "name": "Greta Gedacht (Beispiel)",
        "kind": "person",
        "town": "lutherstadt-wittenberg",
        "areas": ["demokratie", "jugendbeteiligung"],
        "quote": "weil Demokratie im Klassenzimmer beginnt.",
        "teaser": "Bringt Planspiele zur Kommunalpolitik an Schulen (Beispiel).",
        "story": "Greta lädt Stadträtinnen in den Unterricht ein, damit Politik greifbar wird.",
        "colour": "#15616d",
    },
    {
        "slug": "beispiel-hassan-hypothese",
        "name": "Hassan Hypothese (Beispiel)",
        "kind": "person",
        "town": "lutherstadt-wittenberg",
        "areas": ["integrationsarbeit", "demokratie"],
        "quote": "weil ich selbst einmal neu hier war.",
        "teaser": "Dolmetscht ehrenamtlich und begleitet Familien (Beispiel).",
        "story": "Hassan spricht vier Sprachen und hilft beim Ausfüllen von Formularen.",
        "colour": "#78290f",
    },
    {
        "slug": "beispiel-lesepaten-wittenberg",
        "name": "Lesepaten Wittenberg (Beispiel)",
        "kind": "initiative",
        "town": "lutherstadt-wittenberg",
        "areas": ["kultur", "jugendbeteiligung"],
        "quote": "weil jedes Kind eine Geschichte verdient.",
        "teaser": "Eine erfundene Initiative, die in Kitas und Grundschulen vorliest.",
        "story": "Zwanzig Lesepatinnen und -paten lesen jede Woche in sechs Einrichtungen vor.",
        "colour": "#ffb5a7",
    },
]

# Generated portraits (`--portraits N`): invented names drawn from these lists.
GENERATED_SLUG = "beispiel-portraet-{:05d}"
GENERATED_FIRST_NAMES = (
    "Anna",
    "Ben",
    "Carla",
    "David",
    "Elif",
    "Finn",
    "Grete",
    "Hannes",
    "Ida",
    "Jonas",
    "Klara",
    "Luis",
    "Mila",
    "Noah",
    "Olga",
    "Paul",
)
GENERATED_QUOTES = (
    "weil ich gern Menschen zusammenbringe.",
    "weil Helfen glücklich macht.",
    "weil meine Stadt mir am Herzen liegt.",
    "weil gemeinsam mehr geht.",
    "weil ich etwas zurückgeben möchte.",
)
GENERATED_PHOTO_COLOURS = ("#e4572e", "#29335c", "#669bbc", "#386641", "#6a4c93", "#f3a712")

# Demo accounts: username → group (None: superuser). "town:<slug>" is that town's editor group.
ACCOUNTS = [
    ("admin", None),
    ("redaktion", "Redaktion"),
    ("koordination", "Koordination"),
    # One town editor per town of the network: each sees only their own town's section.
    ("redaktion-dessau", "town:dessau-rosslau"),
    ("redaktion-bitterfeld", "town:bitterfeld-wolfen"),
    ("redaktion-graefenhainichen", "town:graefenhainichen"),
    ("redaktion-wittenberg", "town:lutherstadt-wittenberg"),
]
