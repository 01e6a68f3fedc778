"""How an agency pack lands on the pack it ``extends`` (pure; documented in policy-pack-format.md).

* tables deep-merge: keys the child gives replace or extend the parent's, the rest are inherited;
* a list whose items are all tables with an ``id`` merges by id: the child's item replaces the
  parent's item with the same id wholesale, new ids append in the child's order;
* any other value (scalar, list of scalars) replaces the parent's;
* ``pack.remove`` drops inherited rules before the child is merged;
* a child that changes scalar keys of an inherited table carrying ``cite`` must give its own
  ``cite``: otherwise the rule would act with a citation that no longer backs it.

Provenance is kept per *stable path*: keys and, for id-bearing list items, ``("#", id)`` instead
of the index, so it survives removals and appends.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

StablePath = tuple[Any, ...]
Loc = tuple[str | int, ...]


@dataclass
class Provenance:
    """Which file (pack slug) set each node, and which inherited rules a pack replaced."""

    origins: dict[StablePath, str] = field(default_factory=dict)
    overridden: dict[StablePath, list[str]] = field(default_factory=dict)


@dataclass
class MergeProblem:
    loc: Loc
    reason: str
    origin: str


def is_rule_list(value: Any) -> bool:
    return (
        isinstance(value, list)
        and bool(value)
        and all(isinstance(item, dict) and isinstance(item.get("id"), str) for item in value)
    )


def stamp(value: Any, path: StablePath, origin: str, prov: Provenance) -> None:
    prov.origins[path] = origin
    if isinstance(value, dict):
        for key, sub in value.items():
            stamp(sub, (*path, key), origin, prov)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            stamp(item, (*path, _step(item, index)), origin, prov)


def _step(item: Any, index: int) -> Any:
    if isinstance(item, dict) and isinstance(item.get("id"), str):
        return ("#", item["id"])
    return index


def merge(
    parent: dict[str, Any],
    child: dict[str, Any],
    *,
    origin: str,
    prov: Provenance,
    problems: list[MergeProblem],
) -> dict[str, Any]:
    """Merge `child` (from pack `origin`) onto a copy of `parent`; `prov` already covers parent."""
    result = copy.deepcopy(parent)
    _merge_table(result, child, (), (), origin, prov, problems)
    return result


def _merge_table(
    base: dict[str, Any],
    over: dict[str, Any],
    path: StablePath,
    loc: Loc,
    origin: str,
    prov: Provenance,
    problems: list[MergeProblem],
) -> None:
    # Only leaf rule tables (a time limit, an extension) carry the whole rule under one cite;
    # a table holding lists or subtables (a procedure, [review]) cites its parts separately.
    leaf_rule = "cite" in base and not any(isinstance(v, dict | list) for v in base.values())
    changed_keys = [k for k, v in over.items() if k in base and not isinstance(v, dict | list)]
    if leaf_rule and "cite" not in over and changed_keys:
        changed = changed_keys[0]
        problems.append(
            MergeProblem(
                (*loc, changed),
                f"overrides inherited rule (cite: {base['cite']}) without its own `cite`",
                origin,
            )
        )
    for key, value in over.items():
        sub_path, sub_loc = (*path, key), (*loc, key)
        current = base.get(key)
        if isinstance(current, dict) and isinstance(value, dict):
            _merge_table(current, value, sub_path, sub_loc, origin, prov, problems)
        elif isinstance(current, list) and is_rule_list(current) and is_rule_list(value):
            _merge_rules(current, value, sub_path, origin, prov)
        else:
            base[key] = copy.deepcopy(value)
            stamp(value, sub_path, origin, prov)


def _merge_rules(
    base: list[dict[str, Any]],
    over: list[dict[str, Any]],
    path: StablePath,
    origin: str,
    prov: Provenance,
) -> None:
    index = {item["id"]: i for i, item in enumerate(base)}
    for item in over:
        item_path = (*path, ("#", item["id"]))
        if item["id"] in index:
            replaced = prov.origins.get(item_path, "?")
            base[index[item["id"]]] = copy.deepcopy(item)
            forget(item_path, prov)
            prov.overridden[item_path] = [*prov.overridden.get(item_path, []), replaced]
        else:
            index[item["id"]] = len(base)
            base.append(copy.deepcopy(item))
        stamp(item, item_path, origin, prov)


def forget(prefix: StablePath, prov: Provenance) -> None:
    for key in [k for k in prov.origins if k[: len(prefix)] == prefix]:
        del prov.origins[key]


def duplicate_ids(data: Any, loc: Loc = ()) -> Iterator[tuple[Loc, str]]:
    """Ids repeated inside one list of one file (merge-by-id would silently keep the last)."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield from duplicate_ids(value, (*loc, key))
    elif isinstance(data, list):
        seen: set[str] = set()
        for index, item in enumerate(data):
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                if item["id"] in seen:
                    yield (*loc, index, "id"), f"duplicate id '{item['id']}' in this list"
                seen.add(item["id"])
            yield from duplicate_ids(item, (*loc, index))


def stable_path(data: Any, loc: Loc) -> StablePath:
    """Translate a loc with list indexes into the stable path used by Provenance."""
    out: list[Any] = []
    current = data
    for step in loc:
        if isinstance(step, int) and isinstance(current, list) and 0 <= step < len(current):
            current = current[step]
            out.append(_step(current, step))
        elif isinstance(step, str) and isinstance(current, dict):
            current = current.get(step)
            out.append(step)
        else:
            out.append(step)
            current = None
    return tuple(out)


def origin_of(data: Any, loc: Loc, prov: Provenance, default: str) -> str:
    path = stable_path(data, loc)
    for end in range(len(path), -1, -1):
        found = prov.origins.get(path[:end])
        if found is not None:
            return found
    return default


def rule_key(loc: Loc, item_id: str) -> str:
    """Rules inside a procedure are keyed ``kind.procedure.id``; all others by their id."""
    if len(loc) >= 4 and loc[0] == "case_kinds" and loc[2] == "procedures":
        return f"{loc[1]}.{loc[3]}.{item_id}"
    return item_id


def iter_rules(data: Any, loc: Loc = ()) -> Iterator[tuple[Loc, str, dict[str, Any]]]:
    """Every id-bearing rule object (sources excepted) as (loc, rule key, table)."""
    if isinstance(data, dict):
        for key, value in data.items():
            if loc == () and key == "pack":
                continue
            yield from iter_rules(value, (*loc, key))
    elif isinstance(data, list):
        for index, item in enumerate(data):
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                yield (*loc, index), rule_key(loc, item["id"]), item
            yield from iter_rules(item, (*loc, index))


def apply_removals(
    data: dict[str, Any], removals: list[str], prov: Provenance
) -> list[tuple[int, str]]:
    """Drop inherited rules named in ``pack.remove``; returns (index in remove, reason) problems."""
    problems: list[tuple[int, str]] = []
    cascaded: set[str] = set()
    for position, target in enumerate(removals):
        if not isinstance(target, str):
            continue  # the schema reports the wrong type
        if target in cascaded:
            continue  # already gone with the case kind it served; naming it too is harmless
        if _remove_table(data, target, prov, cascaded) or _remove_rule(data, target, prov):
            continue
        problems.append((position, f"no inherited rule or table '{target}' to remove"))
    return problems


def _remove_table(data: dict[str, Any], target: str, prov: Provenance, cascaded: set[str]) -> bool:
    parts = target.split(".")
    if len(parts) < 2 or parts[0] == "pack":
        return False
    table: Any = data
    for part in parts[:-1]:
        table = table.get(part) if isinstance(table, dict) else None
    if isinstance(table, dict) and parts[-1] in table:
        del table[parts[-1]]
        forget(tuple(parts), prov)
        if parts[0] == "case_kinds" and len(parts) in (2, 4):
            cascaded.update(_remove_dependants(data, parts, prov))
        return True
    return False


def _remove_dependants(data: dict[str, Any], parts: list[str], prov: Provenance) -> set[str]:
    """Dropping a case kind or procedure drops the inherited rules that only serve it.

    A rule depends on it when its ``case_kinds`` lists only removed kinds, or its ``trigger`` /
    ``until`` names one of its stages (``kind.procedure.stage``).
    """
    prefix = f"{parts[1]}." if len(parts) == 2 else f"{parts[1]}.{parts[3]}."
    kinds = set(data.get("case_kinds", {})) if isinstance(data.get("case_kinds"), dict) else set()

    def depends(item: dict[str, Any]) -> bool:
        listed = item.get("case_kinds")
        if isinstance(listed, list) and listed and not (set(listed) & kinds):
            return True
        return any(
            isinstance(item.get(key), str) and item[key].startswith(prefix)
            for key in ("trigger", "until")
        )

    removed: set[str] = set()
    for loc, key, item in reversed(list(iter_rules(data))):
        if loc[0] != "case_kinds" and depends(item):
            removed.add(key)
            container: Any = data
            for step in loc[:-1]:
                container = container[step]
            path = stable_path(data, loc)
            del container[loc[-1]]
            forget(path, prov)
    return removed


def _remove_rule(data: dict[str, Any], target: str, prov: Provenance) -> bool:
    for loc, key, _item in list(iter_rules(data)):
        if key == target:
            container: Any = data
            for step in loc[:-1]:
                container = container[step]
            path = stable_path(data, loc)
            del container[loc[-1]]
            forget(path, prov)
            return True
    return False
