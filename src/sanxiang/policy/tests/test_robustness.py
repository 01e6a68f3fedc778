"""Whatever a pack file holds, checking it reports problems and never raises."""

from __future__ import annotations

import string
import tomllib
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sanxiang.policy.loader import check_file

from .packs import MINI_NATIONAL, agency

KEYS = st.sampled_from(
    [
        "pack", "extends", "remove", "review", "time_limit", "amount", "unit", "cite", "id",
        "deadlines", "case_kinds", "penalty", "procedures", "general", "stages", "transitions",
        "from", "to", "when", "facts", "trigger", "checklist", "disclosure", "items", "records",
        "x",
    ]
)  # fmt: skip
SCALARS = st.one_of(
    st.integers(-5, 100),
    st.booleans(),
    st.text(string.ascii_lowercase + ' ._&|!=<>"', max_size=12),
)


def values() -> st.SearchStrategy[Any]:
    return st.recursive(
        SCALARS,
        lambda inner: st.one_of(
            st.lists(inner, max_size=3),
            st.dictionaries(KEYS, inner, max_size=4),
        ),
        max_leaves=12,
    )


def to_toml(data: dict[str, Any]) -> str:
    """A tiny TOML writer: everything as inline values under top-level keys."""

    def value(v: Any) -> str:
        if isinstance(v, bool):
            return "true" if v else "false"
        if isinstance(v, int):
            return str(v)
        if isinstance(v, str):
            return '"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"'
        if isinstance(v, list):
            return "[" + ", ".join(value(x) for x in v) + "]"
        return "{" + ", ".join(f'"{k}" = {value(x)}' for k, x in v.items()) + "}"

    return "\n".join(f'"{k}" = {value(v)}' for k, v in data.items()) + "\n"


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(body=st.dictionaries(KEYS.filter(lambda k: k != "pack"), values(), max_size=4))
def test_random_agency_packs_never_raise(tmp_path: Path, body: dict[str, Any]) -> None:
    directory = tmp_path / "packs"
    directory.mkdir(exist_ok=True)
    (directory / "national.toml").write_text(MINI_NATIONAL, encoding="utf-8")
    text = to_toml(body)
    tomllib.loads(text)  # the generator itself writes valid TOML
    path = agency(directory, "")
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")
    problems = check_file(path, packs_dir=directory)
    assert all(str(p).startswith(str(directory)) for p in problems)


@settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(meta=st.dictionaries(KEYS, values(), max_size=5))
def test_random_pack_tables_never_raise(tmp_path: Path, meta: dict[str, Any]) -> None:
    directory = tmp_path / "packs"
    directory.mkdir(exist_ok=True)
    (directory / "national.toml").write_text(MINI_NATIONAL, encoding="utf-8")
    path = directory / "odd.toml"
    path.write_text(to_toml({"pack": meta}), encoding="utf-8")
    problems = check_file(path, packs_dir=directory)
    assert problems  # a [pack] table made of noise is never a valid pack


def test_extends_that_is_not_a_string_is_a_problem(tmp_path: Path) -> None:
    directory = tmp_path / "packs"
    directory.mkdir()
    (directory / "national.toml").write_text(MINI_NATIONAL, encoding="utf-8")
    path = agency(directory, "")
    path.write_text(
        path.read_text(encoding="utf-8").replace('extends = "national"', "extends = 5"),
        encoding="utf-8",
    )
    assert [str(p).replace(f"{directory}/", "") for p in check_file(path, packs_dir=directory)] == [
        "agency.toml: pack.extends: must be a pack slug, got 5",
    ]


def _leaves(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path] if path else []
    if isinstance(data, dict):
        for key, value in data.items():
            found.extend(_leaves(value, (*path, key)))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found.extend(_leaves(value, (*path, index)))
    return found


def _toml_value(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int | float):
        return repr(v)
    if isinstance(v, str):
        return '"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if hasattr(v, "isoformat"):
        return v.isoformat()
    if isinstance(v, list):
        return "[" + ", ".join(_toml_value(x) for x in v) + "]"
    return "{" + ", ".join(f'"{k}" = {_toml_value(x)}' for k, x in v.items()) + "}"


NATIONAL_DATA = tomllib.loads(MINI_NATIONAL)
PATHS = _leaves(NATIONAL_DATA)


@settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    path=st.sampled_from(PATHS),
    replacement=st.one_of(st.none(), SCALARS, st.just([]), st.just({}), st.just("filing")),
)
def test_mutated_national_packs_never_raise(
    tmp_path: Path, path: tuple[Any, ...], replacement: Any
) -> None:
    import copy

    data = copy.deepcopy(NATIONAL_DATA)
    parent: Any = data
    for step in path[:-1]:
        parent = parent[step]
    if replacement is None:
        del parent[path[-1]]
    else:
        parent[path[-1]] = replacement
    directory = tmp_path / "packs"
    directory.mkdir(exist_ok=True)
    text = "\n".join(f'"{k}" = {_toml_value(v)}' for k, v in data.items()) + "\n"
    (directory / "national.toml").write_text(text, encoding="utf-8")
    problems = check_file(agency(directory, ""), packs_dir=directory)
    assert all(p.reason for p in problems)
