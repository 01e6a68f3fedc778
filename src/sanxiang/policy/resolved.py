"""A resolved policy pack: the validated rules of one agency plus where each rule came from."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import ValidationError

from sanxiang.core.errors import RuleViolation

from . import cel
from .merge import Provenance, iter_rules, stable_path
from .schema import CaseKind, Deadline, Pack, Procedure, RecordRule, Source, Stage, Transition

Status = Literal["own", "inherited", "overridden"]


class UnknownRule(LookupError):
    """A caller asked for a rule the pack does not have (a programming or data error)."""


@dataclass(frozen=True)
class RuleInfo:
    """One rule object with its key, section and provenance."""

    key: str
    section: str  # top-level table: deadlines, review, case_kinds …
    rule: Any  # the schema model; every rule has .cite
    origin: str  # slug of the pack file the rule came from
    status: Status
    replaced: tuple[str, ...]  # slugs whose version of this rule this one replaced

    @property
    def cite(self) -> str:
        return str(self.rule.cite)


@dataclass(frozen=True)
class ResolvedPack:
    model: Pack
    chain: tuple[str, ...]  # this pack's slug first, then what it extends
    rules: Mapping[str, RuleInfo]
    data: Mapping[str, Any]  # the resolved pack as plain TOML data (for --json)
    table_origins: Mapping[str, str]  # "review.time_limit" -> slug, for rule tables with cite
    sources: tuple[Source, ...] = ()  # documents cited by this pack and the packs it extends

    @classmethod
    def build(
        cls,
        *,
        pack: Pack,
        data: dict[str, Any],
        prov: Provenance,
        chain: list[str],
        files: dict[str, str],
        sources: list[Any] | None = None,
    ) -> ResolvedPack:
        own = chain[0]
        rules: dict[str, RuleInfo] = {}
        for loc, key, _item in iter_rules(data):
            model: Any = pack
            for step in loc:
                model = model[step] if isinstance(step, int) else _get(model, str(step))
            path = stable_path(data, loc)
            origin = files.get(prov.origins.get(path, ""), own)
            replaced = tuple(files.get(f, f) for f in prov.overridden.get(path, []))
            status: Status = "inherited" if origin != own else ("overridden" if replaced else "own")
            rules[key] = RuleInfo(key, str(loc[0]), model, origin, status, replaced)
        tables: dict[str, str] = {}
        _collect_tables(data, (), prov, files, tables)
        return cls(
            model=pack,
            chain=tuple(chain),
            rules=rules,
            data=data,
            table_origins=tables,
            sources=_valid_sources(sources or []),
        )

    # ------------------------------------------------------------ identity

    @property
    def slug(self) -> str:
        return self.model.pack.slug

    @property
    def name(self) -> str:
        return self.model.pack.name

    @property
    def version(self) -> str:
        return self.model.pack.version

    @property
    def extends(self) -> str | None:
        return self.model.pack.extends

    # ------------------------------------------------------------ lookups

    def rule(self, key: str) -> Any:
        """Any id-bearing rule by key (procedure rules as ``kind.procedure.id``); has ``.cite``."""
        try:
            return self.rules[key].rule
        except KeyError:
            raise UnknownRule(f"pack {self.slug} has no rule '{key}'") from None

    def deadline(self, deadline_id: str) -> Deadline:
        for deadline in self.model.deadlines:
            if deadline.id == deadline_id:
                return deadline
        raise UnknownRule(f"pack {self.slug} has no deadline '{deadline_id}'")

    def case_kind(self, kind: str) -> CaseKind:
        try:
            return self.model.case_kinds[kind]
        except KeyError:
            raise UnknownRule(f"pack {self.slug} has no case kind '{kind}'") from None

    def procedure(self, kind: str, procedure: str) -> Procedure:
        try:
            return self.case_kind(kind).procedures[procedure]
        except KeyError:
            raise UnknownRule(f"pack {self.slug} has no procedure '{kind}.{procedure}'") from None

    def stage(self, kind: str, procedure: str, stage_id: str) -> Stage:
        for stage in self.procedure(kind, procedure).stages:
            if stage.id == stage_id:
                return stage
        raise UnknownRule(f"pack {self.slug} has no stage '{kind}.{procedure}.{stage_id}'")

    def transitions_from(self, kind: str, procedure: str, stage_id: str) -> list[Transition]:
        return [t for t in self.procedure(kind, procedure).transitions if stage_id in t.from_]

    def deadlines_for(self, kind: str) -> list[Deadline]:
        return [d for d in self.model.deadlines if not d.case_kinds or kind in d.case_kinds]

    # ------------------------------------------------------------ conditions

    @property
    def fact_types(self) -> dict[str, cel.CelType]:
        return cel.fact_types(self.model.facts)

    def evaluate(self, expression: str | bool, facts: Mapping[str, Any]) -> bool:
        """Evaluate a condition of this pack (a bool passes through) against case facts."""
        if isinstance(expression, bool):
            return expression
        return cel.evaluate(expression, facts, types=self.fact_types)

    def applies(self, rule: Any, facts: Mapping[str, Any]) -> bool:
        """Whether a rule with ``when``/``applies_when`` applies; rules without one always do."""
        for name in ("when", "applies_when"):
            expression = getattr(rule, name, None)
            if expression is not None:
                return self.evaluate(expression, facts)
        return True

    # ------------------------------------------------------------ guards for the cases app

    def check_transition(
        self, kind: str, procedure: str, from_stage: str, to_stage: str, facts: Mapping[str, Any]
    ) -> Transition:
        """The transition that lets a case move `from_stage` → `to_stage` given its facts.

        Raises RuleViolation naming the procedure (no such edge) or the transition whose
        condition fails, with its citation; MissingFact when a condition needs an absent fact.
        """
        proc = self.procedure(kind, procedure)
        source = self.stage(kind, procedure, from_stage)
        target = self.stage(kind, procedure, to_stage)
        candidates = [
            t for t in self.transitions_from(kind, procedure, from_stage) if t.to == to_stage
        ]
        if not candidates:
            raise RuleViolation(
                f"“{proc.label}”不允许从“{source.label}”进入“{target.label}”",
                rule_id=f"{kind}.{procedure}",
                cite=proc.cite,
                log_message=f"no transition {from_stage} -> {to_stage} in {kind}.{procedure}",
            )
        for transition in candidates:
            if transition.when is None or self.evaluate(transition.when, facts):
                return transition
        refused = candidates[0]
        raise RuleViolation(
            f"不满足进入“{target.label}”的条件：{refused.label or refused.when}",
            rule_id=f"{kind}.{procedure}.{refused.id}",
            cite=refused.cite,
            log_message=f"condition of {kind}.{procedure}.{refused.id} is false: {refused.when}",
        )

    def required_records(
        self, kind: str, procedure: str, stage_id: str, facts: Mapping[str, Any]
    ) -> list[RecordRule]:
        """Records the stage requires for a case with these facts."""
        stage = self.stage(kind, procedure, stage_id)
        return [r for r in stage.records if self.evaluate(r.required, facts)]

    def av_required(self, record: RecordRule, facts: Mapping[str, Any]) -> bool:
        """Whether audio/video recording is mandatory for `record` given the facts."""
        return self.evaluate(record.av_required, facts)

    def deadlines_started_by(
        self, trigger: str, *, kind: str, facts: Mapping[str, Any]
    ) -> list[Deadline]:
        """Deadlines a case of `kind` starts when `trigger` (event or stage key) happens."""
        return [
            d
            for d in self.deadlines_for(kind)
            if d.trigger == trigger
            and (d.applies_when is None or self.evaluate(d.applies_when, facts))
        ]

    def major_criteria_met(self, facts: Mapping[str, Any]) -> list[Any]:
        """The major-decision criteria (重大执法决定) the facts meet, each with its cite."""
        if self.model.major_decision is None:
            return []
        return [c for c in self.model.major_decision.criteria if self.evaluate(c.when, facts)]

    def review_required(self, facts: Mapping[str, Any]) -> list[Any]:
        """Criteria that make prior legal review mandatory: those met, unless the case is exempt.

        An empty list means the review gate does not apply (not major, or ``exempt_when`` holds,
        e.g. an emergency decision the agency's 办法 exempts).
        """
        major = self.model.major_decision
        if major is None:
            return []
        if major.exempt_when is not None and self.evaluate(major.exempt_when, facts):
            return []
        return self.major_criteria_met(facts)


def _valid_sources(raw: list[Any]) -> tuple[Source, ...]:
    """Sources of the chain, the derived pack's first; an id already seen is not repeated."""
    found: dict[str, Source] = {}
    for item in raw:
        try:
            source = Source.model_validate(item)
        except ValidationError:
            continue  # reported when that pack itself is checked
        found.setdefault(source.id, source)
    return tuple(found.values())


def _get(model: Any, key: str) -> Any:
    if isinstance(model, Mapping):
        return model[key]
    if key == "from":
        return model.from_
    return getattr(model, key)


def _collect_tables(
    data: Any,
    path: tuple[str, ...],
    prov: Provenance,
    files: Mapping[str, str],
    out: dict[str, str],
) -> None:
    if not isinstance(data, dict):
        return
    if "cite" in data and path:
        origin = prov.origins.get((*path, "cite")) or prov.origins.get(path, "")
        out[".".join(path)] = files.get(origin, origin)
    for key, value in data.items():
        _collect_tables(value, (*path, key), prov, files, out)
