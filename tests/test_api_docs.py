"""docs/api.md is the partner developers' reference: every example query in it runs against the
seeded demo as printed, and its names agree with the served schema (which the snapshot test
keeps equal to tests/snapshots/schema.graphql).

Example blocks are ```graphql fences. A first line `# expect: CODE` means the example shows an
error with that code; `# not run: reason` marks the one that needs a secret (a preview token).
"""

import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from graphql import GraphQLInputObjectType, GraphQLObjectType, get_named_type

from cms.graphql.schema import schema

DOCS = Path(settings.BASE_DIR) / "docs" / "api.md"
FENCE = re.compile(r"^```(\w*)\n(.*?)^```", re.S | re.M)


def fenced(language):
    return [
        body for lang, body in FENCE.findall(DOCS.read_text(encoding="utf-8")) if lang == language
    ]


def graphql_examples():
    """(id, query, expected error code or None) for every example that runs."""
    examples = []
    for number, body in enumerate(fenced("graphql"), start=1):
        first = body.splitlines()[0]
        if first.startswith("# not run:"):
            continue
        expected = (
            first.removeprefix("# expect:").strip() if first.startswith("# expect:") else None
        )
        examples.append(pytest.param(body, expected, id=f"example-{number}"))
    return examples


def documented_types():
    """{type name: [field names]} from the tables under "## Type reference"."""
    reference = DOCS.read_text(encoding="utf-8").split("## Type reference", 1)[1]
    types = {}
    for name, table in re.findall(r"^### (\w+)\n(.*?)(?=^### |\Z)", reference, re.S | re.M):
        types[name] = re.findall(r"^\| `(\w+)` \|", table, re.M)
    return types


def served_type(name):
    return schema.graphql_schema.get_type(name)


EXAMPLES = graphql_examples()


def test_the_docs_have_examples_and_each_kind_of_them():
    assert len(EXAMPLES) >= 15
    assert any(param.values[1] for param in EXAMPLES)  # error examples
    assert any(param.values[0].lstrip().startswith("mutation") for param in EXAMPLES)


@pytest.mark.parametrize(("query", "expected"), EXAMPLES)
def test_every_example_runs_against_the_demo(demo, db, graphql, query, expected):
    payload = graphql.post(query).json()
    if expected is None:
        assert "errors" not in payload, payload["errors"]
        assert all(value is not None for value in payload["data"].values()), payload
        # Something came back: an example that answers only empty lists teaches nothing.
        assert re.search(r'"[A-Za-zäöüÄÖÜß]{3,}', json.dumps(payload["data"], ensure_ascii=False))
    else:
        codes = {error["extensions"]["code"] for error in payload.get("errors", [])}
        assert codes == {expected}, payload


def test_every_documented_type_and_field_is_served():
    types = documented_types()
    assert {"PortraitPage", "Image", "NominationInput", "Root fields"} - types.keys() == {
        "Root fields"
    }  # "Root fields" is prose, checked below
    for name, fields in types.items():
        served = served_type(name)
        assert isinstance(served, GraphQLObjectType | GraphQLInputObjectType), name
        assert fields, f"{name}: no fields documented"
        missing = set(fields) - set(served.fields)
        assert not missing, f"{name}: documented but not served: {missing}"


def test_documented_field_types_are_the_served_ones():
    reference = DOCS.read_text(encoding="utf-8").split("## Type reference", 1)[1]
    for name, table in re.findall(r"^### (\w+)\n(.*?)(?=^### |\Z)", reference, re.S | re.M):
        served = served_type(name)
        for field, type_text in re.findall(r"^\| `(\w+)` \| `([^`]+)` \|", table, re.M):
            assert str(served.fields[field].type) == type_text, (name, field)


def test_every_root_field_is_documented():
    text = DOCS.read_text(encoding="utf-8")
    root = text.split("### Root fields", 1)[1]
    query_part, mutation_part = root.split("Mutation:", 1)
    documented_queries = set(re.findall(r"`(\w+)`", query_part))
    documented_mutations = set(re.findall(r"`(\w+)`", mutation_part))
    assert documented_queries == set(schema.graphql_schema.query_type.fields)
    assert documented_mutations == set(schema.graphql_schema.mutation_type.fields)


def test_the_contract_types_of_root_fields_are_documented():
    """Each type a contract root field returns has its table."""
    types = documented_types()
    for field in ("portraits", "portrait", "programmes", "campaign", "partnerCities"):
        returned = get_named_type(schema.graphql_schema.query_type.fields[field].type)
        assert returned.name in types, returned.name


def test_the_block_table_says_what_the_api_answers(demo, db, graphql):
    """The body blocks' table: `field` (the block's name) and `blockType` (its GraphQL type)
    of every block the demo's bodies hold are a row of it, as the API answers them."""
    section = DOCS.read_text(encoding="utf-8").split("## Body blocks and rich text", 1)[1]
    section = section.split("\n## ", 1)[0]
    # The columns say which is which: the block's name is the field `field`.
    [header] = re.findall(r"^\| `field` \| `blockType`.*\|$", section, re.M)
    rows = set(re.findall(r"^\| `(\w+)` \| `(\w+)` \|", section, re.M))
    assert len(rows) == 5
    for _, block_type in rows:
        assert isinstance(served_type(block_type), GraphQLObjectType), block_type
    data = graphql.data(
        "{ programmes { body { field blockType __typename } } "
        "portraits(perPage: 50) { items { body { field blockType __typename } } } }"
    )
    bodies = [p["body"] for p in data["programmes"]]
    bodies += [p["body"] for p in data["portraits"]["items"]]
    answered = {(b["field"], b["blockType"]) for body in bodies for b in body}
    assert {block_type for _, block_type in answered} >= {"RichTextBlock", "QuoteBlock"}
    assert answered <= rows, answered - rows
    assert all(b["blockType"] == b["__typename"] for body in bodies for b in body)


def test_the_partner_page_example_is_there_for_the_browser_test():
    pages = [body for body in fenced("html") if body.startswith("<!-- partner-page -->")]
    assert len(pages) == 1
    assert 'const API = "https://cms.example.de/graphql/";' in pages[0]
