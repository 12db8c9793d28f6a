"""A child's case against a whole ruleset: what is due, what is waiting, and why.

Facts are scoped. ``Case.facts`` hold what is true of the child throughout
(date of birth, referral, legal status); each :class:`Episode` holds one
occurrence of a process (a meeting, a visit, a review) with its own facts.
A rule whose ``process`` matches an episode's is evaluated once per such
episode, with the case's facts overlaid by the episode's; a rule with no
episode of its process is evaluated once, on the case's facts alone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Literal

import attrs

from .errors import (
    EvaluationError,
    FactTypeError,
    FactValueError,
    MissingFactsError,
    NoApplicableAlternative,
    UnknownRuleError,
    did_you_mean,
)
from .model import Deadline, When
from .status import RecordStatus
from .syntax.names import event_key, fold

if TYPE_CHECKING:
    from .ruleset import Rule, Ruleset

OutcomeKind = Literal["due", "not_applicable", "waiting", "no_fixed_timescale", "error"]

DUE: Literal["due"] = "due"
NOT_APPLICABLE: Literal["not_applicable"] = "not_applicable"
WAITING: Literal["waiting"] = "waiting"
NO_FIXED_TIMESCALE: Literal["no_fixed_timescale"] = "no_fixed_timescale"
ERROR: Literal["error"] = "error"


def _frozen_mapping(value: Mapping[str, object]) -> Mapping[str, object]:
    return dict(value)


def _completed(value: Mapping[str, When | str]) -> Mapping[str, When | str]:
    return dict(value)


@attrs.frozen
class Episode:
    """One occurrence of a process: ``Episode("CP Review Conference", {...}, label="RCPC 2")``.

    ``completed`` says when records of this episode were made, by rule id.
    """

    process: str
    facts: Mapping[str, object] = attrs.field(factory=dict, converter=_frozen_mapping)
    label: str | None = None
    completed: Mapping[str, When | str] = attrs.field(factory=dict, converter=_completed)


def _episodes(value: Iterable[Episode]) -> tuple[Episode, ...]:
    return tuple(value)


@attrs.frozen
class Case:
    """A child's facts and the episodes of the processes they have been through."""

    facts: Mapping[str, object] = attrs.field(factory=dict, converter=_frozen_mapping)
    episodes: tuple[Episode, ...] = attrs.field(default=(), converter=_episodes)


@attrs.frozen
class Outcome:
    """One rule for one episode (or for the case): a deadline, or why there is none.

    ``kind``: ``due`` (``deadline`` and ``status`` are set), ``not_applicable``
    (no condition of the rule holds, or the one that holds says ``not required``),
    ``waiting`` (``missing`` names the events not yet known), ``no_fixed_timescale``
    (``deadline`` holds the wording) or ``error`` (the facts lead nowhere; ``reason`` says why).
    ``started`` is whether any fact the rule needs was given.
    """

    rule: Rule
    kind: OutcomeKind
    reason: str
    episode: Episode | None = None
    deadline: Deadline | None = None
    status: RecordStatus | None = None
    missing: tuple[str, ...] = ()
    started: bool = False

    @property
    def rule_id(self) -> str:
        return self.rule.id

    def __repr__(self) -> str:
        where = (
            f", episode={(self.episode.label or self.episode.process)!r}" if self.episode else ""
        )
        return f"Outcome({self.rule.id!r}, {self.kind!r}{where}: {self.reason})"


@attrs.frozen
class CaseResult:
    """Every rule's outcome for a case, in ruleset order (episodes in the order given)."""

    outcomes: tuple[Outcome, ...]
    as_of: dt.date | dt.datetime | None

    def __iter__(self) -> Iterator[Outcome]:
        return iter(self.outcomes)

    def __len__(self) -> int:
        return len(self.outcomes)

    def of_kind(self, kind: OutcomeKind) -> tuple[Outcome, ...]:
        return tuple(o for o in self.outcomes if o.kind == kind)

    def for_rule(self, rule_id: str) -> tuple[Outcome, ...]:
        return tuple(o for o in self.outcomes if o.rule.id == rule_id)


def _check_processes(ruleset: Ruleset, case: Case) -> None:
    known = {fold(r.process): r.process for r in ruleset if r.process}
    for episode in case.episodes:
        if fold(episode.process) not in known:
            suggestion = did_you_mean(episode.process, list(known.values()))
            hint = f"; did you mean '{suggestion}'?" if suggestion else ""
            raise FactValueError(
                f"episode process '{episode.process}' is not a process of {ruleset.path}{hint}",
                value=episode.process,
                allowed=sorted(known.values()),
                suggestion=suggestion,
            )


def _check_rule_ids(ruleset: Ruleset, completed: Mapping[str, object]) -> None:
    ids = [r.id for r in ruleset]
    for rule_id in completed:
        if rule_id not in ids:
            suggestion = did_you_mean(rule_id, ids)
            hint = f"; did you mean '{suggestion}'?" if suggestion else ""
            raise UnknownRuleError(
                f"completed: no rule '{rule_id}' in {ruleset.path}{hint}",
                rule_id=rule_id,
                suggestion=suggestion,
            )


def evaluate_case(
    ruleset: Ruleset,
    facts: Case | Mapping[str, object],
    *,
    as_of: When | str | None = None,
    completed: Mapping[str, When | str] | None = None,
    explain: bool = False,
) -> CaseResult:
    """See :meth:`Ruleset.evaluate`."""
    case = facts if isinstance(facts, Case) else Case(facts)
    completed = dict(completed or {})
    _check_processes(ruleset, case)
    _check_rule_ids(ruleset, completed)
    for episode in case.episodes:
        _check_rule_ids(ruleset, episode.completed)
    from .status import as_moment

    moment = as_moment(as_of, "as_of")
    outcomes: list[Outcome] = []
    for rule in ruleset:
        scoped = [
            e for e in case.episodes if rule.process and fold(e.process) == fold(rule.process)
        ]
        if not scoped:
            done = completed.get(rule.id)
            outcomes.append(_outcome(rule, case.facts, None, done, moment, explain))
        for episode in scoped:
            merged = {**case.facts, **episode.facts}
            done = episode.completed.get(rule.id)
            outcomes.append(_outcome(rule, merged, episode, done, moment, explain))
    return CaseResult(tuple(outcomes), moment)


def _outcome(
    rule: Rule,
    facts: Mapping[str, object],
    episode: Episode | None,
    completed: When | str | None,
    as_of: When | None,
    explain: bool,
) -> Outcome:
    given = {event_key(str(k)) for k, v in facts.items() if v is not None}
    started = any(event_key(n.name) in given for n in rule.facts_needed())
    try:
        deadline = rule.deadline(facts, explain=explain)
    except MissingFactsError as error:
        names = ", ".join(error.missing)
        return Outcome(
            rule, WAITING, f"waiting for {names}", episode, missing=error.missing, started=started
        )
    except NoApplicableAlternative:
        return Outcome(
            rule, NOT_APPLICABLE, "none of its conditions holds", episode, started=started
        )
    except EvaluationError as error:
        if isinstance(error, FactTypeError):
            raise  # a value of the wrong kind is the caller's mistake, not the case's state
        return Outcome(rule, ERROR, str(error), episode, started=started)
    if deadline.not_required:
        return Outcome(rule, NOT_APPLICABLE, "not required", episode, deadline, started=started)
    if deadline.due is None:
        wording = deadline.no_fixed_timescale or "no fixed timescale"
        return Outcome(rule, NO_FIXED_TIMESCALE, wording, episode, deadline, started=started)
    status = deadline.status(completed, as_of=as_of)
    return Outcome(
        rule, DUE, status.status.replace("_", " "), episode, deadline, status, started=True
    )
