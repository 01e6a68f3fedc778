"""Checks that need the whole resolved pack: stage graphs, references, CEL, rule ids.

Each check yields ``(loc, reason)`` with ``loc`` the TOML key path of the offending value, so the
loader can print ``FILE: key.path: reason`` for every problem at once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any

from pydantic import ValidationError

from . import cel
from .merge import Loc, iter_rules
from .schema import Fact, Pack, Procedure

Found = tuple[Loc, str]

# Keys whose string value is a CEL condition (schema: Cel / BoolOrCel fields).
CEL_KEYS = frozenset({"when", "applies_when", "required", "av_required", "collective_discussion"})


def check_pack(
    pack: Pack, data: dict[str, Any], *, rank: Callable[[Loc], int] = lambda loc: 0
) -> list[Found]:
    """All problems of a schema-valid resolved pack; `data` is the same pack as plain dicts.

    `rank` orders locations by how derived the pack that set them is (higher: more derived).
    """
    found: list[Found] = []
    for kind_id, kind in pack.case_kinds.items():
        for proc_id, proc in kind.procedures.items():
            found.extend(_check_procedure(proc, ("case_kinds", kind_id, "procedures", proc_id)))
    found.extend(_check_references(pack, data))
    found.extend(_check_cel(pack, data))
    found.extend(_check_unique_rules(data, rank))
    found.extend(_check_sources(pack))
    return found


def _check_procedure(proc: Procedure, loc: Loc) -> Iterator[Found]:
    stage_ids = [stage.id for stage in proc.stages]
    known = set(stage_ids)
    if proc.initial not in known:
        yield (*loc, "initial"), f"initial stage '{proc.initial}' is not a stage of this procedure"
    for i, terminal in enumerate(proc.terminal):
        if terminal not in known:
            yield (
                (*loc, "terminal", i),
                f"terminal stage '{terminal}' is not a stage of this procedure",
            )
    edges: dict[str, set[str]] = {stage: set() for stage in stage_ids}
    for i, transition in enumerate(proc.transitions):
        for j, source in enumerate(transition.from_):
            if source not in known:
                where = (*loc, "transitions", i, "from") + (
                    (j,) if len(transition.from_) > 1 else ()
                )
                yield where, f"transition from unknown stage '{source}'"
            else:
                edges[source].add(transition.to)
        if transition.to not in known:
            yield (*loc, "transitions", i, "to"), f"transition to unknown stage '{transition.to}'"
    if proc.initial not in known or any(
        not set(t.from_) <= known or t.to not in known for t in proc.transitions
    ):
        return  # reachability over a broken graph would only repeat the problems above
    reachable = {proc.initial}
    frontier = [proc.initial]
    while frontier:
        for target in edges.get(frontier.pop(), set()):
            if target in known and target not in reachable:
                reachable.add(target)
                frontier.append(target)
    terminals = set(proc.terminal)
    for i, stage in enumerate(proc.stages):
        if stage.id not in reachable:
            yield (
                (*loc, "stages", i, "id"),
                (f"stage '{stage.id}' is not reachable from initial stage '{proc.initial}'"),
            )
        elif stage.id not in terminals and not edges[stage.id]:
            yield (
                (*loc, "stages", i, "id"),
                (f"stage '{stage.id}' is not terminal and has no transition out of it"),
            )


def _event_names(pack: Pack) -> set[str]:
    names = set(pack.events)
    for kind_id, kind in pack.case_kinds.items():
        for proc_id, proc in kind.procedures.items():
            names.update(f"{kind_id}.{proc_id}.{stage.id}" for stage in proc.stages)
    return names


def _check_references(pack: Pack, data: dict[str, Any]) -> Iterator[Found]:
    events = _event_names(pack)
    stages = {name for name in events if name.count(".") == 2}
    for loc, key, value in _walk_refs(data):
        if key in ("trigger", "until") and value not in events:
            yield (
                loc,
                (
                    f"'{value}' names no event in [events] and no stage "
                    "(a stage is written kind.procedure.stage)"
                ),
            )
        elif key == "before_stage" and value not in stages:
            yield loc, f"'{value}' is not a stage (write it as kind.procedure.stage)"
    for i, deadline in enumerate(pack.deadlines):
        for j, kind in enumerate(deadline.case_kinds):
            if kind not in pack.case_kinds:
                yield ("deadlines", i, "case_kinds", j), f"unknown case kind '{kind}'"
        for j, stop in enumerate(deadline.stops_clock):
            if stop not in pack.clock_stops:
                yield (
                    ("deadlines", i, "stops_clock", j),
                    f"'{stop}' is not defined in [clock_stops]",
                )
    if pack.records is not None:
        for i, retention in enumerate(pack.records.retention):
            given = [retention.years is not None, retention.months is not None, retention.permanent]
            if sum(given) != 1:
                yield (
                    ("records", "retention", i),
                    "give exactly one of `years`, `months` or `permanent = true`",
                )
    for section in ("review", "disclosure", "records"):
        for i, rule in enumerate(data.get(section, {}).get("rules", [])):
            if ("amount" in rule) != ("unit" in rule):
                yield (section, "rules", i), "`amount` and `unit` go together"


def _walk_refs(data: Any, loc: Loc = ()) -> Iterator[tuple[Loc, str, str]]:
    """Every trigger / until / before_stage value in the pack, with its location."""
    if isinstance(data, dict):
        for key, value in data.items():
            if loc == () and key in ("facts", "events", "clock_stops", "pack"):
                continue
            if key in ("trigger", "until", "before_stage") and isinstance(value, str):
                yield (*loc, key), key, value
            else:
                yield from _walk_refs(value, (*loc, key))
    elif isinstance(data, list):
        for index, item in enumerate(data):
            yield from _walk_refs(item, (*loc, index))


def _walk_cel(data: Any, loc: Loc = ()) -> Iterator[tuple[Loc, str]]:
    if isinstance(data, dict):
        for key, value in data.items():
            if key in CEL_KEYS and isinstance(value, str):
                yield (*loc, key), value
            else:
                yield from _walk_cel(value, (*loc, key))
    elif isinstance(data, list):
        for index, item in enumerate(data):
            yield from _walk_cel(item, (*loc, index))


def check_cel_only(data: dict[str, Any]) -> list[Found]:
    """CEL problems of a pack that failed the schema, when its [facts] table is itself valid."""
    try:
        facts = {name: Fact.model_validate(spec) for name, spec in data.get("facts", {}).items()}
    except (ValidationError, AttributeError):
        return []
    return list(_check_cel_with(cel.fact_types(facts), data))


def _check_cel(pack: Pack, data: dict[str, Any]) -> Iterator[Found]:
    return _check_cel_with(cel.fact_types(pack.facts), data)


def _check_cel_with(env: Mapping[str, cel.CelType], data: dict[str, Any]) -> Iterator[Found]:
    for loc, expression in _walk_cel({k: v for k, v in data.items() if k != "facts"}):
        try:
            cel.check(expression, env)
        except cel.CelError as exc:
            yield loc, str(exc)


def _check_unique_rules(data: Mapping[str, Any], rank: Callable[[Loc], int]) -> Iterator[Found]:
    """Rule keys are unique across the pack; a clash is reported at the more derived pack's rule."""
    first: dict[str, Loc] = {}
    for loc, key, _item in iter_rules(data):
        if key not in first:
            first[key] = loc
            continue
        other = first[key]
        if other[:-1] == loc[:-1]:
            continue  # a repeat inside one list is reported per file (merge.duplicate_ids)
        here, there = (other, loc) if rank(other) > rank(loc) else (loc, other)
        yield (*here, "id"), f"duplicate rule id '{key}' (also at {format_loc(there)})"


def _check_sources(pack: Pack) -> Iterator[Found]:
    seen: set[str] = set()
    for i, source in enumerate(pack.pack.sources):
        if source.id in seen:
            yield ("pack", "sources", i, "id"), f"duplicate source id '{source.id}'"
        seen.add(source.id)


def format_loc(loc: Loc) -> str:
    """A TOML key path: ``case_kinds.penalty.procedures.general.transitions[3].to``."""
    out = ""
    for step in loc:
        if isinstance(step, int):
            out += f"[{step}]"
        else:
            text = str(step)
            bare = (
                text.replace("_", "a").replace("-", "a").isascii()
                and text.replace("_", "a").replace("-", "a").isalnum()
            )
            part = text if bare else f'"{text}"'
            out += f".{part}" if out else part
    return out or "(top level)"
