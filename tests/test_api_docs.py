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


# --- Every example at the largest page size, in every language (issue 19, item 1) -----------

SIZE_ARGUMENTS = ("perPage", "limit")


def _argument(name, value):
    from graphql.language import ArgumentNode, IntValueNode, NameNode, StringValueNode

    node = IntValueNode(value=value) if isinstance(value, str) and value.isdigit() else None
    node = node or StringValueNode(value=value)
    return ArgumentNode(name=NameNode(value=name), value=node)


def at_maximum(query, locale):
    """`query` with every page size at the documented maximum (root lists that take one get
    it), and every root field that takes a language asked in `locale`; an argument given as a
    variable keeps it, and the variable gets that value. Returns the query and its variables."""
    from graphql import parse, print_ast
    from graphql.language import FieldNode, VariableNode

    document = parse(query)
    maximum = settings.GRAPHQL_MAX_PAGE_SIZE
    roots = schema.graphql_schema.query_type.fields
    variables = {}

    def rewrite(node, root):
        if isinstance(node, FieldNode):
            values = {"locale": locale, **dict.fromkeys(SIZE_ARGUMENTS, str(maximum))}
            arguments, given = [], set()
            for argument in node.arguments:
                name = argument.name.value
                if name in values and not isinstance(argument.value, VariableNode):
                    given.add(name)  # replaced below
                    continue
                if name in values:  # a variable keeps its place and gets the value
                    variables[argument.value.name.value] = (
                        maximum if name in SIZE_ARGUMENTS else locale
                    )
                arguments.append(argument)
            wanted = given & set(SIZE_ARGUMENTS)
            if root and node.name.value in roots:
                accepted = roots[node.name.value].args
                kept = {a.name.value for a in arguments}  # given as variables
                wanted = (wanted or {n for n in SIZE_ARGUMENTS if n in accepted}) - kept
                if "locale" in accepted and "locale" not in kept:
                    wanted.add("locale")
            if "locale" in given:
                wanted.add("locale")
            arguments += [_argument(name, values[name]) for name in sorted(wanted)]
            node.arguments = tuple(arguments)
        for selection in getattr(node.selection_set, "selections", None) or ():
            rewrite(selection, root=False)

    for definition in document.definitions:
        if definition.kind == "operation_definition" and definition.operation.value == "query":
            for selection in definition.selection_set.selections:
                rewrite(selection, root=True)
        elif definition.kind == "fragment_definition":
            for selection in definition.selection_set.selections:
                rewrite(selection, root=False)
    return print_ast(document), variables


QUERIES_THAT_RUN = [
    param for param in EXAMPLES if param.values[1] is None and "mutation" not in param.values[0]
]
LANGUAGES = ("de", "en", "de-x-ls")


@pytest.mark.parametrize(("query", "expected"), QUERIES_THAT_RUN)
def test_every_example_runs_at_the_largest_page_size_in_every_language(
    demo, db, graphql, settings, query, expected
):
    """perPage: 100 and limit: 100 are documented as allowed: no example may then be refused
    (the cost of a list priced as the server reads it), in any language. Mutations take no
    page size and no language; test_every_example_runs_against_the_demo runs them. The tests
    make renditions on request (production prepares them in the background,
    PREPARED_RENDITIONS): every photo's at once may take a loaded machine over the time
    budget, which is not what this test is about."""
    settings.GRAPHQL_TIME_BUDGET_MS = 120_000
    for locale in LANGUAGES:
        rewritten, variables = at_maximum(query, locale)
        payload = graphql.post(rewritten, variables).json()
        assert "errors" not in payload, (locale, rewritten, variables, payload["errors"])


def _cost_section():
    return DOCS.read_text(encoding="utf-8").split("### Query cost", 1)[1].split("\n## ", 1)[0]


def test_the_documented_costs_are_the_served_ones():
    """The worked example's cost, the largest example's cost and the limit in docs/api.md are
    what the server computes (cms/graphql/arguments.py), so the numbers cannot drift."""
    from cms.graphql.arguments import cost_of

    section = _cost_section()
    worked = FENCE.search(section).group(2)
    worked_cost, limit = (int(n) for n in re.findall(r"\*\*(\d+)\*\*", section)[:2])
    largest = int(re.search(r"largest query in this document.*?\*\*(\d+)\*\*", section, re.S)[1])
    assert limit == settings.GRAPHQL_MAX_COST
    assert cost_of(worked) == worked_cost
    costs = [
        cost_of(*at_maximum(param.values[0], locale))
        for param in QUERIES_THAT_RUN
        for locale in LANGUAGES
    ]
    assert max(costs) == largest
    assert largest <= limit
