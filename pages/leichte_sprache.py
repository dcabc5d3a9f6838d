"""Hints for editors writing in Leichte Sprache (issue 12): heuristics after the rules of the
Netzwerk Leichte Sprache, no language model. Every finding is a warning for the editor, never
a reason to refuse a save.

    check("Die Ehrenamtskarte wird z. B. nicht verschickt.")
    → long word "Ehrenamtskarte", abbreviation "z. B.", negation "nicht", passive "wird
      verschickt"

The checks: sentences over 15 words; long words without a separator (a hyphen or the middle
dot: "Ehren·amts·karte"); abbreviations; Roman numerals; negations; passive forms. Names given
in `known_names` (towns, organisations) are never reported as long words or abbreviations.
"""

import re
from dataclasses import dataclass
from html import unescape

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
_INSEPARABLE = ("be", "emp", "ent", "er", "miss", "ver", "zer")
_ROMAN = re.compile(r"^(?=[MDCLXVI]{2,}$)M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")
_ALL_CAPS = re.compile(r"^[A-ZÄÖÜ]{2,5}$")
_WORD = re.compile(r"[\w·\-]+", re.UNICODE)
_TAG = re.compile(r"<[^>]+>")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÄÖÜ0-9„\"])")


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
    return [s.replace("\0", ".") for s in _SENTENCE_END.split(protected) if s.strip()]


def _participle(word):
    """Looks like a past participle: gemacht, gefordert, verschickt, erreicht, informiert."""
    lower = word.lower()
    if len(lower) <= 4 or not lower.endswith(("t", "en")):
        return False
    return lower.startswith(("ge", *_INSEPARABLE)) or lower.endswith("iert")


def check(value, known_names=()):
    """Hints for one text (plain or rich text), in reading order."""
    names = {part for name in known_names for part in _WORD.findall(name)}
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
            if word in names:
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


def page_hints(page):
    """Hints for the latest draft of a page in Leichte Sprache: its translatable text fields
    (wagtail-localize's list), names of partner towns and organisations left alone."""
    from wagtail_localize.fields import get_translatable_fields

    from snippets.models import Organisation, PartnerCity

    draft = page.get_latest_revision_as_object()
    names = [*PartnerCity.objects.values_list("name", flat=True)]
    names += Organisation.objects.values_list("name", flat=True)
    hints = []
    for field in get_translatable_fields(type(draft)):
        if not field.is_translated(draft):
            continue
        for text in _strings(getattr(draft, field.field_name, None)):
            hints += check(text, known_names=names)
    return hints


def message_for(hint):
    passage = hint.text if len(hint.text) <= 70 else hint.text[:67] + "…"
    if hint.kind in ("sentence", "negation", "passive"):
        return f"Leichte Sprache: {hint.message} – „{passage}“"
    return f"Leichte Sprache: {hint.message}"
