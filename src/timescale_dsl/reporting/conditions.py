"""Which alternative of a rule applies to each row: ``Evaluation.choose`` for columns.

Conditions are three-valued (true, false, unknown where a fact is blank),
combined as the engine combines them. Where the choice fails, each row gets
the message the scalar engine would raise: more than one alternative, facts
missing (listed in the engine's order), or none applies.
"""

from __future__ import annotations

import numpy as np

from ..errors import MissingFactsError
from ..needs import condition_facts
from ..syntax import ast
from ..syntax.format import format_condition
from .columns import BatchFacts
from .moments import BoolArray, IntArray
from .problems import Problems

Truth = tuple[BoolArray, BoolArray]  # (value, known)

#: The chosen alternative of a row whose choice failed.
NO_CHOICE = -1


def truth(condition: ast.Condition, facts: BatchFacts) -> Truth:
    match condition:
        case ast.FactTrue(fact=fact):
            flags = facts.flag(fact.key)
            return flags.value & flags.known, flags.known
        case ast.FactEquals(fact=fact, value=expected, negated=negated):
            labels = facts.text(fact.key)
            wanted = expected.strip().casefold()
            table = np.array(
                [label.strip().casefold() == wanted for label in labels.labels] + [False],
                dtype=np.bool_,
            )
            known = labels.known
            equal = table[labels.codes]  # code -1 reads the final False
            return (equal != negated) & known, known
        case ast.Not(operand=operand):
            value, known = truth(operand, facts)
            return ~value & known, known
        case ast.AllOf(operands=operands):
            parts = [truth(o, facts) for o in operands]
            some_false = np.logical_or.reduce([k & ~v for v, k in parts])
            all_known = np.logical_and.reduce([k for _, k in parts])
            return all_known & ~some_false, some_false | all_known
        case ast.AnyOf(operands=operands):
            parts = [truth(o, facts) for o in operands]
            some_true = np.logical_or.reduce([k & v for v, k in parts])
            all_known = np.logical_and.reduce([k for _, k in parts])
            return some_true, some_true | all_known
    raise AssertionError(f"not a condition: {condition!r}")  # pragma: no cover


def choose(
    task: str, alternatives: ast.Alternatives, facts: BatchFacts, problems: Problems
) -> IntArray:
    """The index of the alternative that applies to each row, or NO_CHOICE."""
    options = alternatives.options
    size = facts.size
    if len(options) == 1 and options[0].condition is None:
        return np.zeros(size, dtype=np.int64)
    fallback = NO_CHOICE
    guarded: list[int] = []
    holds: list[BoolArray] = []
    unknown: list[BoolArray] = []
    for number, option in enumerate(options):
        if option.otherwise or option.condition is None:
            fallback = number
            continue
        value, known = truth(option.condition, facts)
        guarded.append(number)
        holds.append(value & known)
        unknown.append(~known)
    holding = np.zeros(size, dtype=np.int64)
    undecided = np.zeros(size, dtype=np.bool_)
    for held, open_ in zip(holds, unknown, strict=True):
        holding += held
        undecided |= open_
    choice = np.full(size, fallback, dtype=np.int64)
    for number, held in zip(guarded, holds, strict=True):
        choice = np.where(held, number, choice)

    several = holding > 1
    if several.any():
        pattern = _bits(holds)

        def several_reason(key: int) -> tuple[str, str | None]:
            chosen = [options[guarded[i]] for i in range(len(guarded)) if key >> i & 1]
            both = " and ".join(f"'{format_condition(o.condition)}'" for o in chosen if o.condition)
            return f"{task}: more than one alternative applies: {both}", None

        problems.add_by_key(several, pattern, several_reason)

    none_hold = holding == 0
    some_unknown = none_hold & undecided
    if some_unknown.any():
        _missing_condition_facts(task, options, guarded, unknown, facts, some_unknown, problems)
    if fallback == NO_CHOICE:
        problems.add(
            none_hold & ~some_unknown,
            f"{task}: none of the alternatives applies to the facts given",
        )
    choice = np.where(several | some_unknown, NO_CHOICE, choice)
    result: IntArray = np.where(problems.failed, NO_CHOICE, choice)
    return result


def _missing_condition_facts(
    task: str,
    options: tuple[ast.Guarded, ...],
    guarded: list[int],
    unknown: list[BoolArray],
    facts: BatchFacts,
    rows: BoolArray,
    problems: Problems,
) -> None:
    """MissingFactsError per row: blank facts of conditions that could not be decided."""
    keys: list[str] = []
    for number in guarded:
        condition = options[number].condition
        assert condition is not None
        for key, _ in condition_facts(condition):
            if key not in keys:
                keys.append(key)
    absent = [facts.absent(key) for key in keys]
    pattern = _bits([*unknown, *absent])

    def reason(key: int) -> tuple[str, str | None]:
        missing: list[str] = []
        for i, number in enumerate(guarded):
            if not key >> i & 1:
                continue
            condition = options[number].condition
            assert condition is not None
            for fact, _ in condition_facts(condition):
                blank = key >> (len(guarded) + keys.index(fact)) & 1
                if blank and fact not in missing:
                    missing.append(fact)
        return str(MissingFactsError(task, missing)), ", ".join(missing) or None

    problems.add_by_key(rows, pattern, reason)


def _bits(masks: list[BoolArray]) -> IntArray:
    """One integer per row whose bit ``i`` is ``masks[i]``."""
    if len(masks) > 62:
        raise ValueError("too many conditions to tell apart in one rule")  # pragma: no cover
    pattern = np.zeros(len(masks[0]) if masks else 0, dtype=np.int64)
    for i, mask in enumerate(masks):
        pattern |= mask.astype(np.int64) << i
    return pattern
