"""Validation rules of a query document: graphql-core's standard rules with a bounded merge
check, and ours for depth and aliases (the arguments and the cost, checked once per request
before these: cms/graphql/arguments.py)."""

from django.conf import settings
from django.utils.translation import gettext
from graphql import (
    GraphQLError,
    NoFragmentCyclesRule,
    OverlappingFieldsCanBeMergedRule,
    ValidationRule,
    ValuesOfCorrectTypeRule,
    specified_rules,
)
from graphql.language import FieldNode, InlineFragmentNode

from .errors import VALIDATION_FAILED, ArgumentValuesRule


class AliasLimitRule(ValidationRule):
    def __init__(self, context):
        super().__init__(context)
        self.aliases = 0

    def enter_field(self, node, *_args):
        if node.alias is not None:
            self.aliases += 1
            if self.aliases == settings.GRAPHQL_MAX_ALIASES + 1:
                self.report_error(
                    GraphQLError(
                        gettext("Zu viele Aliase (höchstens %(maximum)s).")
                        % {"maximum": settings.GRAPHQL_MAX_ALIASES},
                        node,
                        extensions={"code": VALIDATION_FAILED},
                    )
                )


class DepthLimitRule(ValidationRule):
    """Depth = fields with a selection set nested in one another (introspection fields do not
    count), as graphene's depth_limit_validator counts, but linear in the document: the depth of
    each fragment is computed once, and a cycle (refused by NoFragmentCyclesRule) counts 0."""

    def enter_document(self, node, *_args):
        defined = fragments(node)
        depths = {}
        for definition in node.definitions:
            if definition.kind != "operation_definition":
                continue
            depth = _depth(definition.selection_set, defined, depths)
            if depth > settings.GRAPHQL_MAX_DEPTH:
                name = definition.name.value if definition.name else "anonymous"
                self.report_error(
                    GraphQLError(
                        gettext(
                            "'%(name)s' ist zu tief verschachtelt "
                            "(Tiefe %(depth)s, höchstens %(maximum)s)."
                        )
                        % {"name": name, "depth": depth, "maximum": settings.GRAPHQL_MAX_DEPTH},
                        definition,
                        extensions={"code": VALIDATION_FAILED},
                    )
                )


def fragments(document):
    """The document's fragment definitions by name."""
    return {d.name.value: d for d in document.definitions if d.kind == "fragment_definition"}


_IN_PROGRESS = object()


def _depth(selection_set, fragments, depths):
    deepest = 0
    for selection in selection_set.selections:
        if isinstance(selection, FieldNode):
            if selection.selection_set is None or selection.name.value.startswith("__"):
                continue
            depth = 1 + _depth(selection.selection_set, fragments, depths)
        elif isinstance(selection, InlineFragmentNode):
            depth = _depth(selection.selection_set, fragments, depths)
        else:
            name = selection.name.value
            depth = depths.get(name)
            if depth is _IN_PROGRESS or name not in fragments:
                continue  # a cycle or an unknown fragment: refused by the standard rules
            if depth is None:
                depths[name] = _IN_PROGRESS
                depth = depths[name] = _depth(fragments[name].selection_set, fragments, depths)
        deepest = max(deepest, depth)
    return deepest


# Run first, alone: the other rules (ours and graphql-core's) may then assume no cycles.
CYCLE_RULES = (NoFragmentCyclesRule,)


class BoundedMergeRule(OverlappingFieldsCanBeMergedRule):
    """graphql-core's check that fields of one response name can be merged, with a smaller
    work budget (GRAPHQL_MAX_MERGE_WORK instead of graphql-core's 500,000 comparisons): the
    check is quadratic in the fields that share a name, so a document of thousands of
    `__typename` or inline fragments took most of a second before graphql-core gave up.
    Queries that select each field once spend (nearly) nothing of it."""

    def __init__(self, context):
        super().__init__(context)
        self.rule_context.remaining_complexity_budget = settings.GRAPHQL_MAX_MERGE_WORK


def validation_rules():
    """graphql-core's standard rules plus ours (a given list replaces the standard one): the
    merge check with our work budget, and the check of literal values answering in the
    request's language (errors.ArgumentValuesRule)."""
    replacements = {
        OverlappingFieldsCanBeMergedRule: BoundedMergeRule,
        ValuesOfCorrectTypeRule: ArgumentValuesRule,
    }
    standard = (replacements.get(rule, rule) for rule in specified_rules)
    return (*standard, DepthLimitRule, AliasLimitRule)
