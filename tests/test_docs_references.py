"""Every Markdown file a comment, docstring or document points to (a path with a directory, a
Markdown link) exists, with the heading it names (an anchor, or quoted after the path), so
documentation cannot drift from the code unnoticed (issue 19, item 7).
"""

import re
from functools import cache
from pathlib import Path

import pytest

from tests.helpers.docs_drift import FENCE, ROOT, code_files, rel

# --- Markdown references --------------------------------------------------------------------

MD_PATH = re.compile(r"(?<![\w./-])((?:[\w.-]+/)+[\w.-]+\.md)\b(?:#([\w-]+))?")
MD_LINK = re.compile(r"\]\(([^)\s#:]+\.md)(?:#([^)\s]+))?\)")
MD_SECTION = re.compile(r"((?:[\w.-]+/)*[\w.-]+\.md)`?, ((?:\"[^\"]+\"(?:, | and )?)+)")
QUOTED = re.compile(r'"([^"]+)"')
TEXT_SUFFIXES = (".py", ".md", ".toml", ".lua", ".html", ".txt", ".example", "Makefile")


def slug(heading):
    """GitHub's anchor of a heading: lower case, punctuation dropped, spaces to hyphens."""
    heading = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", heading)  # a link: its text
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


@cache
def headings(path):
    text = FENCE.sub("", path.read_text(encoding="utf-8"))
    return [line.lstrip("#").strip() for line in text.splitlines() if line.startswith("#")]


def broken_references(files):
    """References to Markdown files (and their sections) that do not resolve."""
    broken = []
    for path in files:
        text = path.read_text(encoding="utf-8")
        references = [(m[1], m[2], None) for m in MD_PATH.finditer(text)]
        if path.suffix == ".md":
            references += [(m[1], m[2], None) for m in MD_LINK.finditer(text)]
        references += [(m[1], None, tuple(" ".join(s.split()) for s in QUOTED.findall(m[2])))
                       for m in MD_SECTION.finditer(text)]  # fmt: skip
        for target, anchor, sections in dict.fromkeys(references):
            resolved = next(
                (base / target for base in (path.parent, ROOT) if (base / target).is_file()),
                None,
            )
            where = f"{rel(path)}: {target}"
            if resolved is None:
                broken.append(f"{where} (no such file)")
                continue
            titles = headings(resolved)
            if anchor and anchor not in {slug(title) for title in titles}:
                broken.append(f"{where}#{anchor} (no such heading)")
            broken += [f'{where}, "{s}" (no such heading)' for s in sections or ()
                       if s not in titles]  # fmt: skip
    return list(dict.fromkeys(broken))


def test_every_markdown_file_referred_to_exists_with_its_sections():
    # This file's own examples of broken references (below) are broken on purpose.
    files = [path for path in code_files(TEXT_SUFFIXES) if path != Path(__file__)]
    files += sorted((ROOT / ".ci").iterdir())
    assert broken_references(files) == []


@pytest.mark.parametrize(
    "text, broken",
    [
        ('"""The policy (shared/API.md, "Visibility rule")."""', ["shared/API.md (no such file)"]),
        ('"""See docs/api.md, "Languages"."""', []),
        (
            'See `docs/api.md`, "Visibility rule".',
            ['docs/api.md, "Visibility rule" (no such heading)'],
        ),
        ("[Languages](docs/api.md#languages)", []),
        ("[Languages](docs/api.md#sprachen)", ["docs/api.md#sprachen (no such heading)"]),
    ],
)
def test_a_broken_markdown_reference_is_found(tmp_path, text, broken):
    path = tmp_path / "example.md"
    path.write_text(text, encoding="utf-8")
    assert [problem.split(": ", 1)[1] for problem in broken_references([path])] == broken
