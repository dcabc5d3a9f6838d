"""Hints for editors writing in Leichte Sprache (issue 12): heuristics after the rules of the
Netzwerk Leichte Sprache, no language model. Every finding is a warning for the editor, never
a reason to refuse a save.

    check("Die Freiwilligenagentur wird z. B. nicht verschickt.")
    → long word "Freiwilligenagentur", abbreviation "z. B.", negation "nicht", passive "wird
      verschickt"

The checks: sentences over 15 words; long words without a separator (a hyphen or the middle
dot: "Ehren·amts·karte"); abbreviations; Roman numerals; negations; passive forms. The
campaign's own names (`CAMPAIGN_NAMES`) and names given in `known_names` (towns,
organisations) are never reported as long words or abbreviations: readers meet them on
posters and cards as they are.
"""

import re
from dataclasses import dataclass
from html import unescape

from wagtail_localize.fields import get_translatable_fields

from snippets.models import Organisation, PartnerCity

from .localize import synced_translation

MAX_SENTENCE_WORDS = 15
LONG_WORD_LETTERS = 13  # "Ehrenamtskarte" (14) is reported, "Koordinatorin" (13) too
ABBREVIATIONS = (
    "z. B.", "z.B.", "d. h.", "d.h.", "u. a.", "u.a.", "bzw.", "usw.", "ca.", "evtl.", "ggf.",
    "inkl.", "etc.", "Tel.", "Nr.", "Str.", "vgl.", "s. o.", "s. u.", "u. U.", "o. Ä.", "zzgl.",
)  # fmt: skip
NEGATIONS = frozenset(
    [
        "nicht",
        "kein",
        "keine",
        "keinen",
        "keinem",
        "keiner",
        "keines",
        "nie",
        "niemals",
        "nichts",
        "niemand",
        "weder",
    ]
)
PASSIVE_AUXILIARIES = frozenset({"wird", "werden", "wurde", "wurden", "worden"})
# Names of the campaign and the programme that readers know as written (and in their
# inflected forms: "des Glücksbringers", "Glücksbringerinnen").
CAMPAIGN_NAMES = (
    "Glücksbringer", "Ehrenamtskarte", "Vielfaltsgestalter", "Engagierte Stadt",
    "Regionalnetzwerk Anhalt", "Dessau-Roßlau", "Bitterfeld-Wolfen", "Gräfenhainichen",
    "Lutherstadt Wittenberg",
)  # fmt: skip
_NAME_ENDINGS = ("", "s", "n", "es", "in", "innen")
_INSEPARABLE = ("be", "emp", "ent", "er", "miss", "ver", "zer")
_ROMAN = re.compile(r"^(?=[MDCLXVI]{2,}$)M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")
_ALL_CAPS = re.compile(r"^[A-ZÄÖÜ]{2,5}$")
_WORD = re.compile(r"[\w·\-]+", re.UNICODE)
_TAG = re.compile(r"<[^>]+>")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÄÖÜ0-9„\"])")
_ORDINAL = re.compile(r"(?<!\w)(\d{1,4}|[IVXLCDM]{1,6})\.(?=\s)")  # "am 1. Juli", "im XXI. Jahr"


@dataclass(frozen=True)
class Hint:
    kind: str  # sentence, long_word, abbreviation, roman_numeral, negation, passive
    message: str  # German, for the editor
    text: str  # the passage it is about


def plain_text(value):
    """Text of a field value: rich text without its tags, block paragraphs as sentences."""
    text = _TAG.sub(" ", str(value or ""))
    return re.sub(r"\s+", " ", unescape(text)).strip()


def sentences(text):
    protected = text
    for abbreviation in ABBREVIATIONS:  # "z. B. Ämter": not two sentences
        protected = protected.replace(abbreviation, abbreviation.replace(".", "\0"))
    protected = _ORDINAL.sub("\\1\0", protected)  # nor "am 1. Juli"
    return [s.replace("\0", ".") for s in _SENTENCE_END.split(protected) if s.strip()]


def _participle(word):
    """Looks like a past participle: gemacht, gefordert, verschickt, erreicht, informiert."""
    lower = word.lower()
    if len(lower) <= 4 or not lower.endswith(("t", "en")):
        return False
    return lower.startswith(("ge", *_INSEPARABLE)) or lower.endswith("iert")


def _is_name(word, names):
    return any(word.removesuffix(ending) in names for ending in _NAME_ENDINGS)


def check(value, known_names=()):
    """Hints for one text (plain or rich text), in reading order."""
    names = {part for name in (*CAMPAIGN_NAMES, *known_names) for part in _WORD.findall(name)}
    text = plain_text(value)
    hints = []
    for abbreviation in ABBREVIATIONS:
        if re.search(rf"(?<!\w){re.escape(abbreviation)}", text):
            hints.append(
                Hint(
                    "abbreviation",
                    f"Abkürzung „{abbreviation}“: bitte ausschreiben.",
                    abbreviation,
                )
            )
    for sentence in sentences(text):
        words = _WORD.findall(sentence)
        if len(words) > MAX_SENTENCE_WORDS:
            hints.append(
                Hint(
                    "sentence",
                    f"Langer Satz ({len(words)} Wörter, höchstens {MAX_SENTENCE_WORDS}): "
                    "bitte teilen.",
                    sentence,
                )
            )
        lowered = [word.lower() for word in words]
        for word in words:
            if _is_name(word, names):
                continue
            if _ROMAN.match(word):
                hints.append(
                    Hint(
                        "roman_numeral",
                        f"Römische Zahl „{word}“: bitte als Ziffer schreiben.",
                        word,
                    )
                )
            elif _ALL_CAPS.match(word):
                hints.append(Hint("abbreviation", f"Abkürzung „{word}“: bitte ausschreiben.", word))
            elif (
                len(word) >= LONG_WORD_LETTERS
                and "-" not in word
                and "·" not in word
                and word[0].isupper()
            ):
                hints.append(
                    Hint(
                        "long_word",
                        f"Langes Wort „{word}“: mit Binde·strich oder Medio·punkt gliedern, "
                        "zum Beispiel „Ehren·amts·karte“.",
                        word,
                    )
                )
        for word in words:
            if word.lower() in NEGATIONS:
                hints.append(
                    Hint(
                        "negation",
                        f"Verneinung „{word}“: wenn möglich positiv sagen.",
                        sentence,
                    )
                )
        if PASSIVE_AUXILIARIES & set(lowered) and any(_participle(w) for w in words):
            hints.append(Hint("passive", "Passiv: wenn möglich sagen, wer etwas tut.", sentence))
    return hints


# --- In the admin ------------------------------------------------------------------------------

MAX_MESSAGES = 8


def _strings(value):
    """Every piece of text in a field value: StreamField data walked, rich text as it is."""
    raw = getattr(value, "raw_data", None)
    if raw is not None:
        value = list(raw)
    if isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, str):
        yield value
    elif value is not None and hasattr(value, "source"):  # RichText
        yield value.source


def known_names():
    """Names of partner towns and organisations, left alone like the campaign's names."""
    names = [*PartnerCity.objects.values_list("name", flat=True)]
    return names + list(Organisation.objects.values_list("name", flat=True))


def draft_texts(page):
    """The texts of a page's draft as its editor last saved them. In wagtail-localize's
    translation editor each text is saved on its own ("Speichern" under it) and reaches the page
    only when the translation is published or submitted: its saved texts, then. Otherwise the
    latest revision's translatable fields."""
    translation = synced_translation(page)
    if translation is not None:
        segments = translation.source.stringsegment_set.order_by("order").annotate_translation(
            page.locale_id, include_errors=True
        )
        return list(segments.exclude(translation=None).values_list("translation", flat=True))
    draft = page.get_latest_revision_as_object()
    return [
        text
        for field in get_translatable_fields(type(draft))
        if field.is_translated(draft)
        for text in _strings(getattr(draft, field.field_name, None))
    ]


def page_hints(page):
    """Hints for the draft of a page in Leichte Sprache (`draft_texts`)."""
    names = known_names()
    return [hint for text in draft_texts(page) for hint in check(text, known_names=names)]


def message_for(hint):
    passage = hint.text if len(hint.text) <= 70 else hint.text[:67] + "…"
    if hint.kind in ("sentence", "negation", "passive"):
        return f"Leichte Sprache: {hint.message} – „{passage}“"
    return f"Leichte Sprache: {hint.message}"
