"""A request's arguments, checked once before anything runs, and its cost, priced by their values.

One linear walk over the operation (each fragment once, memoised per page size; a cycle counts
0) does both, before graphql-core's validation: every bounded argument (page sizes, page
numbers, offsets, srcSet sizes, lengths of lists and strings) is checked with its value, a
literal in the document or a variable's value as the client sent it; the first value over a
limit is a BAD_USER_INPUT naming the argument (HTTP 400, nothing ran). A variable the walk does
not meet in a bounded argument is still checked for list and string lengths, so no value of any
size reaches graphql-core's coercion or a resolver. The cost is then computed with those values
(`GRAPHQL_MAX_COST`, docs/api.md "Query cost"):

- every field selected costs 1, `srcSet` 1 per distinct size;
- a list field multiplies what it selects by how many items it returns at most: its
  `perPage`/`limit` (the value; the default page size when left out); a paginated field
  (`portraits`) multiplies its `items` only, its `pagination` is one object; a list without a
  size argument by its bound in GRAPHQL_LIST_COSTS (a portrait's `areas`, fetched for the whole
  page in one statement, by how many a portrait can have; `search` by its hit cap), else
  GRAPHQL_DEFAULT_LIST_COST.

Values of the wrong type are left to graphql-core's coercion and validation, which follow.
Before all of it, before the text is even parsed, `scan_text` finds a document over the token
limit or one whose check of same-named fields would take graphql-core most of a second.
"""

import re

from django.conf import settings
from django.utils.translation import gettext
from graphql import (
    GraphQLError,
    GraphQLList,
    GraphQLNonNull,
    get_named_type,
    get_operation_ast,
    parse,
    value_from_ast_untyped,
)
from graphql.language import FieldNode, InlineFragmentNode

from .argument_checks import check_page, check_page_size, check_src_set
from .errors import VALIDATION_FAILED, UserInputError
from .validation import fragments

SIZE_ARGUMENTS = ("perPage", "limit")
_IN_PROGRESS = object()


def _is_int(value):
    return isinstance(value, int) and not isinstance(value, bool)


def _is_list(gql_type):
    if isinstance(gql_type, GraphQLNonNull):
        gql_type = gql_type.of_type
    return isinstance(gql_type, GraphQLList)


def _is_paginated(gql_type):
    fields = getattr(gql_type, "fields", None) or {}
    return "items" in fields and "pagination" in fields


def _field_def(parent_type, name):
    fields = getattr(parent_type, "fields", None)
    return fields.get(name) if fields else None


def too_costly(cost):
    shown = str(cost) if cost < 10**9 else gettext("über 10^9")
    return GraphQLError(
        gettext("Die Anfrage ist zu aufwendig (Kosten %(cost)s, höchstens %(maximum)s).")
        % {"cost": shown, "maximum": settings.GRAPHQL_MAX_COST},
        extensions={"code": VALIDATION_FAILED},
    )


def check_length(value, argument):
    """A list (or input object) longer than GRAPHQL_MAX_LIST_LENGTH or a string longer than
    GRAPHQL_MAX_STRING_LENGTH, at any depth of `value`, is a UserInputError naming `argument`
    (and the path inside it). Each container is measured before it is walked: a list of
    200,000 entries is refused by its length, not read."""
    stack = [(value, argument)]
    max_list, max_string = settings.GRAPHQL_MAX_LIST_LENGTH, settings.GRAPHQL_MAX_STRING_LENGTH
    while stack:
        value, name = stack.pop()
        if isinstance(value, str):
            if len(value) > max_string:
                raise UserInputError(
                    gettext("%(argument)s ist zu lang (höchstens %(maximum)s Zeichen).")
                    % {"argument": name, "maximum": max_string},
                    name,
                )
        elif isinstance(value, list | dict):
            if len(value) > max_list:
                raise UserInputError(
                    gettext("%(argument)s hat zu viele Einträge (höchstens %(maximum)s).")
                    % {"argument": name, "maximum": max_list},
                    name,
                )
            if isinstance(value, dict):
                stack.extend((item, f"{name}.{key}") for key, item in value.items())
            else:
                stack.extend((item, name) for item in value)


def check_value(argument, value, values_of_field):
    """The limit of one bounded argument (`value` as sent; a wrong type is coercion's)."""
    # The same rules the resolvers' middleware applies (cms/graphql/argument_checks.py).
    check_length(value, argument)
    if argument in SIZE_ARGUMENTS and _is_int(value):
        check_page_size(argument, value)
    elif argument == "page" and _is_int(value):
        check_page(value)
    elif argument == "offset" and _is_int(value) and value < 0:
        raise UserInputError(gettext("offset darf nicht negativ sein."), "offset")
    elif argument == "sizes" and isinstance(value, list) and all(map(_is_int, value)):
        format_ = values_of_field.get("format")
        check_src_set({"sizes": value, **({"format": format_} if format_ else {})})


class RequestPrice:
    """Checks the arguments of one operation with the request's variables and prices it."""

    def __init__(self, schema, document, operation, variables):
        self.schema = schema
        self.fragments = fragments(document)
        self.per_fragment = {}
        self.values = dict(variables) if isinstance(variables, dict) else {}
        for definition in operation.variable_definitions or ():
            name = definition.variable.name.value
            if self.values.get(name) is None and definition.default_value is not None:
                self.values[name] = value_from_ast_untyped(definition.default_value)
        self.checked = set()  # variables checked where they are used
        self.operation = operation

    def cost(self):
        """The operation's cost; raises UserInputError at the first argument over a limit."""
        root = self.schema.get_root_type(self.operation.operation)
        cost = self.of(self.operation.selection_set, root)
        for name, value in self.values.items():
            if name not in self.checked:  # declared but used nowhere bounded: lengths only
                check_length(value, f"${name}")
        return cost

    def arguments(self, field):
        """{argument name: value} of a field node, each checked against its limit."""
        values = {}
        for argument in field.arguments or ():
            node = argument.value
            if node.kind == "variable":
                self.checked.add(node.name.value)
                value = self.values.get(node.name.value)
            else:
                value = value_from_ast_untyped(node, self.values)
            values[argument.name.value] = value
        for name, value in values.items():
            if value is not None:
                check_value(name, value, values)
        return values

    def of(self, selection_set, parent_type, page_size=1):
        """Cost of a selection set at multiplier 1; `page_size`: the `items` of a paginated
        type's selection."""
        total = 0
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                values = self.arguments(selection)
                name = selection.name.value
                if name == "srcSet":
                    sizes = values.get("sizes")
                    total += max(1, len(set(sizes))) if isinstance(sizes, list) else 1
                else:
                    total += 1
                if selection.selection_set is None:
                    continue
                field_def = _field_def(parent_type, name)
                inner_type = get_named_type(field_def.type) if field_def is not None else None
                if name == "items" and _is_paginated(parent_type):
                    total += page_size * self.of(selection.selection_set, inner_type)
                elif _is_paginated(inner_type):
                    size = self.page_size(values, field_def)
                    total += self.of(selection.selection_set, inner_type, size)
                else:
                    size = self.list_size(selection, values, field_def, parent_type)
                    total += size * self.of(selection.selection_set, inner_type)
            elif isinstance(selection, InlineFragmentNode):
                self.arguments_of_directives(selection)
                condition = selection.type_condition
                inner_type = self.schema.get_type(condition.name.value) if condition else None
                total += self.of(selection.selection_set, inner_type or parent_type, page_size)
            else:
                total += self.of_fragment(selection.name.value, page_size)
        return total

    def arguments_of_directives(self, node):
        for directive in node.directives or ():
            for argument in directive.arguments or ():
                if argument.value.kind == "variable":
                    self.checked.add(argument.value.name.value)

    def of_fragment(self, name, page_size):
        key = (name, page_size)
        cost = self.per_fragment.get(key)
        if cost is _IN_PROGRESS or name not in self.fragments:
            return 0  # a cycle or an unknown fragment: refused by the standard rules
        if cost is None:
            self.per_fragment[key] = _IN_PROGRESS
            fragment = self.fragments[name]
            fragment_type = self.schema.get_type(fragment.type_condition.name.value)
            cost = self.of(fragment.selection_set, fragment_type, page_size)
            self.per_fragment[key] = cost
        return cost

    @staticmethod
    def page_size(values, field_def):
        """Items a field with a size argument returns at most: the value sent (checked), the
        default page size when left out or null."""
        for argument in SIZE_ARGUMENTS:
            value = values.get(argument)
            if _is_int(value):
                return max(1, min(value, settings.GRAPHQL_MAX_PAGE_SIZE))
            if value is not None:
                return settings.GRAPHQL_MAX_PAGE_SIZE  # a wrong type: refused by coercion
        return settings.GRAPPLE["PAGE_SIZE"]

    def list_size(self, field, values, field_def, parent_type):
        """How many items a field returns at most: its size argument, else for a list field
        its bound (GRAPHQL_LIST_COSTS by field name, GRAPHQL_DEFAULT_LIST_COST otherwise); 1
        for a single object. Introspection lists count 1, as graphql-core's
        MaxIntrospectionDepthRule bounds them."""
        if any(argument in values for argument in SIZE_ARGUMENTS):
            return self.page_size(values, field_def)
        if field_def is None:
            return 1
        if any(argument in field_def.args for argument in SIZE_ARGUMENTS):
            return settings.GRAPPLE["PAGE_SIZE"]
        if not _is_list(field_def.type) or getattr(parent_type, "name", "").startswith("__"):
            return 1
        name = field.name.value
        return settings.GRAPHQL_LIST_COSTS.get(name, settings.GRAPHQL_DEFAULT_LIST_COST)


_TOKEN = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""|"(?:[^"\\\n]|\\.)*"|#[^\n\r]*'
    r"|\.\.\.|[_A-Za-z][_0-9A-Za-z]*|[{}():@]"
)


class _Scope:
    __slots__ = ("counts", "spreads")

    def __init__(self):
        self.counts, self.spreads = {}, 0

    def work(self):
        pairs = sum(n * (n - 1) // 2 for n in self.counts.values())
        return pairs + self.spreads * (self.spreads - 1)


def scan_text(query, max_tokens):
    """(tokens, comments, merge work) of a query text, read before it is parsed (graphql-core's
    parser takes most of 0.1 s for a document of 5000 tokens; this regular expression about a
    hundredth of that). The scan stops as soon as tokens or comments pass `max_tokens`: each
    part it counts is a token (or comment) to graphql-core's lexer too, so a text refused here
    would be refused by the parser. The merge work is an upper estimate of what graphql-core's
    check that same-named fields can be merged (OverlappingFieldsCanBeMergedRule) does: per
    selection set, with inline fragments flattened into it, one comparison per pair of fields
    of one response name, two per pair of fragment spreads; a query that selects each field
    once needs none. Arguments, strings and comments take no part in it."""
    work, tokens, comments = 0, 0, 0
    stack = []  # the selection sets open at this point, innermost last
    in_arguments = spread = inline = skip_name = False
    for match in _TOKEN.finditer(query):
        part = match.group()
        if part[0] == "#":
            comments += 1
            if comments > max_tokens:
                break
            continue
        tokens += 1
        if tokens > max_tokens:
            break
        if part[0] == '"':
            continue
        if in_arguments:
            in_arguments = part != ")"
        elif part == "(":
            in_arguments = True
        elif part == "{":
            # An inline fragment stays on its selection set's response level.
            stack.append(stack[-1] if (spread or inline) and stack else _Scope())
            spread = inline = skip_name = False
        elif part == "}":
            if stack:
                scope = stack.pop()
                if not stack or stack[-1] is not scope:
                    work += scope.work()
        elif part == "...":
            spread = True
        elif part in ("@", ":"):
            skip_name = True  # a directive's name, or the field after its alias
        elif skip_name:
            skip_name = False
        elif spread:
            spread = False
            if part == "on":
                inline = skip_name = True  # the type condition follows
            elif stack:
                stack[-1].spreads += 1
        elif stack:
            stack[-1].counts[part] = stack[-1].counts.get(part, 0) + 1
    return tokens, comments, work


def too_much_merge_work():
    return GraphQLError(
        gettext(
            "Die Anfrage ist zu aufwendig zu prüfen (zu viele gleichnamige Felder oder Fragmente)."
        ),
        extensions={"code": VALIDATION_FAILED},
    )


def check_and_price(schema, document, operation, variables):
    """Raises UserInputError for an argument over its limit, or a GRAPHQL_VALIDATION_FAILED
    GraphQLError for an operation over GRAPHQL_MAX_COST; returns the cost (None without an
    operation: execution says why)."""
    if operation is None:
        return None
    cost = RequestPrice(schema, document, operation, variables).cost()
    if cost > settings.GRAPHQL_MAX_COST:
        raise too_costly(cost)
    return cost


def cost_of(query, variables=None, operation_name=None):
    """The cost of a query as the server prices it (docs/api.md, tests)."""
    from .schema import schema  # built on first use, not whenever the limits are imported

    document = parse(query)
    operation = get_operation_ast(document, operation_name)
    return RequestPrice(schema.graphql_schema, document, operation, variables).cost()
