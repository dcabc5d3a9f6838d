"""English and Leichte Sprache versions of part of the demo content (issue 12): the Engagierte
Stadt home page, the Glücksbringer campaign, the town sections' introductions, the engagement
areas and two example portraits. Written by the team from the German text in demo/content.py:
the same facts, nothing added. Names of people, places, programmes and organisations stay as
they are.

Leichte Sprache follows the rules of the Netzwerk Leichte Sprache: short sentences, one
statement each, long words split with a middle dot (Ehren·amts·karte), numbers as digits, no
abbreviations where a word will do. Each rich text has the paragraphs and headings of its German
source (a line break where Leichte Sprache starts a new thought): wagtail-localize translates it
paragraph by paragraph (demo/seeding.py records each as a translated segment).
"""

ENGLISH = "en"
LEICHTE_SPRACHE = "de-x-ls"

_FICTION = {
    ENGLISH: (
        "This portrait is an invented example for the demo installation; the person and the "
        "story are made up."
    ),
    LEICHTE_SPRACHE: (
        "Dieses Porträt ist ein Beispiel. Die Person und die Geschichte sind ausgedacht."
    ),
}
_QUOTE_PROMPT = {ENGLISH: "I am a Glücksbringer,", LEICHTE_SPRACHE: "Ich bin ein Glücks·bringer,"}

TEXTS = {
    ENGLISH: {
        "areas": {
            "integrationsarbeit": (
                "Integration work",
                "Arriving, language, encounters: engagement with and for immigrants.",
            ),
            "klimaschutz": (
                "Climate protection",
                "Environmental and climate protection on the spot, from planting trees to the "
                "repair café.",
            ),
            "jugendbeteiligung": (
                "Youth participation",
                "Young people have their say and shape their town.",
            ),
            "seniorenarbeit": (
                "Work with older people",
                "Visiting services, neighbourly help and activities for older people.",
            ),
            "kultur": (
                "Culture and cultural education",
                "Cultural education networks, associations and initiatives in the town.",
            ),
            "demokratie": (
                "Democracy and social cohesion",
                "For an open and democratic society.",
            ),
            "nachbarschaft": (
                "Neighbourhood and local community",
                "Engagement in the neighbourhood, for example at Leipziger Tor.",
            ),
        },
        "home": {
            "title": "Engagierte Stadt (Engaged City)",
            "intro": (
                "<p>Since 1 July 2020 the city of Dessau-Roßlau has been a member of the "
                "national network “Engagierte Stadt” (Engaged City).</p>"
            ),
            "network_heading": "Regional network “Engagierte Stadt”",
            "network_text": (
                "<p>The towns of Bitterfeld-Wolfen, Gräfenhainichen, Lutherstadt Wittenberg and "
                "Dessau-Roßlau have built a regional network with the support of FAW gGmbH. One "
                "visible result is the campaign “Glücksbringer” (bringers of luck).</p>"
            ),
            "engagement_heading": "Dessau-Roßlau gets involved",
            "engagement_text": (
                "<p>In many fields, such as integration work, climate protection, youth "
                "participation and work with older people, many people and groups in "
                "Dessau-Roßlau have come together and are active. What is still partly missing "
                "are structures that improve cooperation, create synergies and make good use of "
                "skills and resources. In recent years, local groups and politicians have "
                "called again and again for a coordinating office. The volunteer card "
                "(Ehrenamtskarte), introduced in January 2019, was a first step towards making "
                "civic engagement visible and towards a culture of recognition. The programme "
                "“Engagierte Stadt” and its work packages are to build on this.</p>"
                "<h2>Join in! Volunteering in Germany</h2>"
                "<p>Did you know? More than 29 million people volunteer in Germany. And for "
                "many good reasons: because they want to give something back to society, "
                "because they want to help other people, or simply because they enjoy it! "
                "Volunteering knows no age, gender or origin, and so it is an important pillar "
                "of our diverse society.</p>"
            ),
        },
        "campaign": {
            "title": "Glücksbringer",
            "intro": (
                "<p>On 19 June 2023 the campaign “Glücksbringer” (bringers of luck) was "
                "launched: the mayor of our city presented it to the public together with his "
                "counterparts from the Engaged Cities of Wittenberg, Bitterfeld-Wolfen and "
                "Gräfenhainichen.</p>"
                "<p>Civic engagement is an important pillar of society and of living together. "
                "Engagement and volunteering often happen “quietly” and are not always "
                "visible.</p>"
                "<p>With the campaign, the regional network Anhalt, made up of the Engaged "
                "Cities of our region, wants to make this engagement more visible.</p>"
            ),
            "why_heading": "Why “Glücksbringer”?",
            "why_text": (
                "<p>People who volunteer bring moments of happiness, or often feel happy "
                "themselves in their work.</p>"
            ),
            "nomination_call": (
                "<p>In the coming weeks and months we will present people who volunteer in our "
                "city and/or support this engagement to the public.</p>"
                "<p>The mayor invites you to name people or initiatives who would like to "
                "introduce themselves or who should be introduced.</p>"
                "<p>Contact the coordinator, Ms Hinze – email: "
                '<a href="mailto:engagiertestadt@dessau-rosslau.de">'
                "engagiertestadt@dessau-rosslau.de</a> or phone 0340 204 1401.</p>"
            ),
            "quote_prompt": "I am a Glücksbringer, …",
        },
        "sections": {
            "dessau-rosslau": (
                "Glücksbringer from Dessau-Roßlau. The city coordinates the regional network "
                "Anhalt."
            ),
            "bitterfeld-wolfen": "Glücksbringer from Bitterfeld-Wolfen.",
            "graefenhainichen": "Glücksbringer from Gräfenhainichen.",
            "lutherstadt-wittenberg": "Glücksbringer from Lutherstadt Wittenberg.",
        },
        "portraits": {
            "beispiel-anna-beispiel": {
                "quote": "because I open doors while people learn German.",
                "teaser": (
                    "Has been going with newly arrived immigrants to public offices for three "
                    "years (example)."
                ),
                "story": (
                    "Every Tuesday Anna practises German with a small group at the "
                    "neighbourhood centre."
                ),
            },
            "beispiel-bernd-muster": {
                "quote": "because a visit is worth more than any message.",
                "teaser": "Visits older neighbours at Leipziger Tor (example).",
                "story": "Bernd organises a visiting service that now has twelve volunteers.",
            },
        },
    },
    LEICHTE_SPRACHE: {
        "areas": {
            "integrationsarbeit": (
                "Hilfe für Menschen aus anderen Ländern",
                "Menschen kommen neu in unsere Stadt. Wir helfen beim Ankommen. Wir lernen "
                "zusammen Deutsch. Wir treffen uns.",
            ),
            "klimaschutz": (
                "Klima·schutz",
                "Wir schützen die Umwelt und das Klima in unserer Stadt. Wir pflanzen Bäume. "
                "Wir reparieren Dinge im Repair-Café.",
            ),
            "jugendbeteiligung": (
                "Junge Menschen reden mit",
                "Junge Menschen sagen ihre Meinung. Sie gestalten ihre Stadt mit.",
            ),
            "seniorenarbeit": (
                "Hilfe für alte Menschen",
                "Wir besuchen alte Menschen. Wir helfen in der Nachbar·schaft. Es gibt Angebote "
                "für alte Menschen.",
            ),
            "kultur": (
                "Kultur",
                "Netz·werke, Vereine und Gruppen machen Kultur in der Stadt. Dort lernen "
                "Menschen etwas über Kultur.",
            ),
            "demokratie": (
                "Demokratie und Zusammen·halt",
                "Wir wollen eine offene Gesellschaft. Alle sollen mit·bestimmen können.",
            ),
            "nachbarschaft": (
                "Nachbar·schaft",
                "Menschen helfen in ihrem Stadt·teil. Zum Beispiel am Leipziger Tor.",
            ),
        },
        "home": {
            "title": "Engagierte Stadt",
            "intro": (
                "<p>Dessau-Roßlau ist eine Engagierte Stadt. Das heißt: Die Stadt ist in einem "
                "Netz·werk für ganz Deutschland. Die Stadt ist seit dem 1. Juli 2020 dabei.</p>"
            ),
            "network_heading": "Das Regional·netz·werk",
            "network_text": (
                "<p>4 Städte arbeiten zusammen: Bitterfeld-Wolfen, Gräfenhainichen, Lutherstadt "
                "Wittenberg und Dessau-Roßlau. Dabei hilft die FAW gGmbH. Die Städte haben ein "
                "Netz·werk für die Region gemacht. Ein Ergebnis ist die Aktion "
                "Glücks·bringer.</p>"
            ),
            "engagement_heading": "Viele Menschen in Dessau-Roßlau helfen mit",
            "engagement_text": (
                "<p>In Dessau-Roßlau helfen viele Menschen freiwillig mit. Zum Beispiel: Sie "
                "helfen Menschen aus anderen Ländern. Sie schützen das Klima. Sie arbeiten mit "
                "jungen Menschen. Sie arbeiten mit alten Menschen.<br/>"
                "Die Menschen sollen besser zusammen·arbeiten. Dafür fehlt noch eine Stelle. "
                "Diese Stelle soll die Arbeit planen und ordnen. Das wünschen sich die Menschen "
                "und die Politik schon lange.<br/>"
                "Seit Januar 2019 gibt es die Ehren·amts·karte. Mit der Karte sieht man: "
                "Diese Menschen helfen freiwillig. Und die Stadt sagt Danke. Das war ein erster "
                "Schritt. Das Programm Engagierte Stadt soll hier weiter·machen.</p>"
                "<h2>Mach mit!</h2>"
                "<p>In Deutschland helfen mehr als 29 Millionen Menschen freiwillig mit. Sie "
                "wollen der Gesellschaft etwas zurück·geben. Oder sie wollen anderen Menschen "
                "helfen. Oder es macht ihnen einfach Spaß.<br/>"
                "Alle Menschen können mit·machen. Das Alter ist egal. Das Geschlecht ist "
                "egal. Die Herkunft ist egal. Darum ist die Hilfe so wichtig für unsere bunte "
                "Gesellschaft.</p>"
            ),
        },
        "campaign": {
            "title": "Glücks·bringer",
            "intro": (
                "<p>Am 19. Juni 2023 hat die Aktion Glücks·bringer angefangen. Der "
                "Ober·bürger·meister von Dessau-Roßlau hat die Aktion vorgestellt. Die "
                "Bürger·meister von Wittenberg, Bitterfeld-Wolfen und Gräfenhainichen waren "
                "auch dabei.</p>"
                "<p>Viele Menschen helfen freiwillig mit. Das ist wichtig für alle Menschen. "
                "Oft sieht man diese Hilfe aber kaum.</p>"
                "<p>Das Regional·netz·werk Anhalt will diese Hilfe zeigen. In dem Netz·werk "
                "sind die Engagierten Städte aus unserer Region.</p>"
            ),
            "why_heading": "Warum heißt die Aktion Glücks·bringer?",
            "why_text": (
                "<p>Menschen helfen freiwillig mit. Damit machen sie andere Menschen "
                "glücklich. Und oft macht die Arbeit sie selbst glücklich.</p>"
            ),
            "nomination_call": (
                "<p>Wir stellen bald Menschen aus unserer Stadt vor. Diese Menschen helfen "
                "freiwillig mit. Oder sie unterstützen diese Hilfe.</p>"
                "<p>Der Ober·bürger·meister bittet Sie: Nennen Sie uns Menschen oder Gruppen. "
                "Diese Menschen wollen sich vorstellen. Oder wir sollen sie vorstellen.</p>"
                "<p>Schreiben Sie an Frau Hinze. Frau Hinze ist die Koordinatorin. Die "
                'E-Mail-Adresse ist: <a href="mailto:engagiertestadt@dessau-rosslau.de">'
                "engagiertestadt@dessau-rosslau.de</a>. Oder rufen Sie an: 0340 204 1401.</p>"
            ),
            "quote_prompt": "Ich bin ein Glücks·bringer, …",
        },
        "sections": {
            "dessau-rosslau": (
                "Glücks·bringer aus Dessau-Roßlau. Die Stadt plant die Arbeit im "
                "Regional·netz·werk Anhalt."
            ),
            "bitterfeld-wolfen": "Glücks·bringer aus Bitterfeld-Wolfen.",
            "graefenhainichen": "Glücks·bringer aus Gräfenhainichen.",
            "lutherstadt-wittenberg": "Glücks·bringer aus der Lutherstadt Wittenberg.",
        },
        "portraits": {
            "beispiel-anna-beispiel": {
                "quote": "weil ich beim Deutsch·lernen Türen öffne.",
                "teaser": (
                    "Anna hilft seit 3 Jahren Menschen aus anderen Ländern. Sie geht mit ihnen "
                    "zu Ämtern. (Beispiel)"
                ),
                "story": (
                    "Jeden Dienstag lernt Anna mit einer kleinen Gruppe Deutsch. Die Gruppe "
                    "trifft sich im Stadt·teil·treff."
                ),
            },
            "beispiel-bernd-muster": {
                "quote": "weil ein Besuch mehr wert ist als jede Nachricht.",
                "teaser": (
                    "Bernd besucht ältere Menschen in seiner Nachbar·schaft am Leipziger Tor. "
                    "(Beispiel)"
                ),
                "story": (
                    "Bernd plant einen Besuchs·dienst. Dort machen jetzt 12 Menschen freiwillig "
                    "mit."
                ),
            },
        },
    },
}


def portrait_fields(code, name, texts):
    """The translated fields of a portrait (its name stays), as seed_demo writes the German."""
    return {
        "quote": texts["quote"],
        "teaser": texts["teaser"],
        "body": [
            ("paragraph", f"<p>{texts['story']}</p>"),
            ("quote", {"text": f"{_QUOTE_PROMPT[code]} {texts['quote']}", "attribution": name}),
            ("paragraph", f"<p><i>{_FICTION[code]}</i></p>"),
        ],
    }
