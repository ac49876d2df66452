"""The facts stage: the figures of a report's narrative and forms as typed facts,
computed once per report and read by the checks and the score.

    report.facts.quantities    narrative quantities (understand.quantities.Quantity:
                               kind amount/rate/count/date, field, role budget /
                               budget_initial / budget_full_year / executed / prev,
                               unit and scale, location, parent total and parts)
    report.facts.table         form figures as ``Fact`` (TableFact): field, role,
                               year, interval, location, record
    report.facts.cell_groups   labelled cells under a funds block and the total
                               column they add up to
    report.facts.comparisons   narrative figures that disagree with a table figure
    report.facts.base_groups(form)  ties of a 基础数据表: (total, parts, complete)
    report.facts.list_counts   a stated count and the list that follows it (facts.relations)
    report.facts.claims        claims of completeness and the statements contradicting them
    report.facts.forms         the forms indexed (funds form of an indicator form, forms per kind)
    indicator_kind(row)        the indicator kind, one precedence (facts.indicators)

``Report.facts`` is a lazily built attribute of the Report itself (understand.report);
nothing else caches on the Report.  The module-level functions (``table_facts``,
``cell_groups``, ``text_table_comparisons``, ``quantities``) read it.
"""
from __future__ import annotations

from functools import cached_property

from ..quantities import Quantity
from .comparisons import Comparison, compute_comparisons
from .figures import EPS, Fig, agree, fig, fmt, fsum, gap, rate_agrees, ratio, score_agrees
from .indicators import (INPUT_AS_OUTPUT, PLACEHOLDER_IN_TEXT, PLACEHOLDER_VALUE, TIER_DECL, content_words,
                         declared_tiers, indicator_kind, not_points, points_misread, same_name)
from .locations import (cell_location, loc_str, q_span, q_text, quantity_context, quantity_location,
                        trimmed)
from .narrative import (BUDGET_ROLES, narrative_rate_inputs, paragraph_of, q_fig, q_year_ok, quantities,
                        product_slips, roles_compatible, unit_slip)
from .tables import (FUND_SOURCE_FIELD, MONEY_UNITS, CellGroup, CellPart, Fact, FormIndex, budget_column,
                     compute_base_groups, compute_cell_groups, compute_table_facts, exec_points_unsure, exec_score,
                     exec_weight, fund_groups, funds_for, is_dept_form, money_factor)

TableFact = Fact


class Facts:
    """The facts of one report, each computed on first use."""

    def __init__(self, report):
        self._report = report
        self._base_groups: dict[int, list] = {}

    @cached_property
    def quantities(self) -> list[Quantity]:
        from ..quantities import compute_narrative_quantities

        return compute_narrative_quantities(self._report)

    @cached_property
    def forms(self) -> FormIndex:
        return FormIndex(self._report)

    @cached_property
    def table(self) -> list[Fact]:
        return compute_table_facts(self._report)

    @cached_property
    def cell_groups(self) -> list[CellGroup]:
        return compute_cell_groups(self._report)

    @cached_property
    def comparisons(self) -> list[Comparison]:
        return compute_comparisons(self._report)

    @cached_property
    def list_counts(self) -> list:
        from .relations import compute_list_counts

        return compute_list_counts(self._report)

    @cached_property
    def claims(self) -> list:
        from .relations import compute_claims

        return compute_claims(self._report)

    @cached_property
    def progress(self) -> list:
        from .relations import compute_progress

        return compute_progress(self._report)

    def base_groups(self, form) -> list:
        key = id(form)
        if key not in self._base_groups:
            self._base_groups[key] = compute_base_groups(form)
        return self._base_groups[key]


def table_facts(report) -> list[Fact]:
    return report.facts.table


def cell_groups(report) -> list[CellGroup]:
    return report.facts.cell_groups


def text_table_comparisons(report) -> list[Comparison]:
    return report.facts.comparisons


__all__ = ["TIER_DECL", "declared_tiers", "Facts", "Fact", "TableFact", "Comparison", "CellGroup", "CellPart", "Fig", "EPS", "fig", "fmt", "fsum",
           "gap", "agree", "ratio", "rate_agrees", "score_agrees", "table_facts", "cell_groups",
           "text_table_comparisons", "quantities", "q_fig", "q_year_ok", "q_text", "q_span", "roles_compatible",
           "paragraph_of", "narrative_rate_inputs", "BUDGET_ROLES", "cell_location", "quantity_location",
           "quantity_context", "loc_str", "trimmed", "is_dept_form", "money_factor", "budget_column", "funds_for",
           "exec_weight", "exec_score", "exec_points_unsure", "fund_groups", "compute_base_groups", "FUND_SOURCE_FIELD", "MONEY_UNITS", "indicator_kind",
           "INPUT_AS_OUTPUT", "PLACEHOLDER_VALUE", "PLACEHOLDER_IN_TEXT", "content_words", "same_name", "unit_slip", "product_slips",
           "not_points", "points_misread"]
