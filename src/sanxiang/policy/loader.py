"""Load policy packs: read TOML, resolve ``extends``, validate, report every problem at once.

``load_pack(slug)`` is what other apps call (cached). ``check_file(path)`` is what
``sanxiang policy check`` calls: it never raises for a bad pack, it returns the problems, each
``FILE: key.path: reason``.
"""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .merge import (
    Loc,
    MergeProblem,
    Provenance,
    apply_removals,
    duplicate_ids,
    forget,
    merge,
    origin_of,
    stamp,
)
from .resolved import ResolvedPack
from .schema import Pack
from .validation import check_cel_only, check_pack, format_loc

PACKS_DIR = Path(__file__).resolve().parent / "packs"
ROOT_PACK = "national"


@dataclass(frozen=True)
class Problem:
    file: str
    loc: Loc | str  # a key path, or "line N, column M" for TOML syntax errors
    reason: str

    def __str__(self) -> str:
        where = self.loc if isinstance(self.loc, str) else format_loc(self.loc)
        return f"{self.file}: {where}: {self.reason}"


class PackInvalid(Exception):
    """A pack that failed to load; ``problems`` holds every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass
class _Resolution:
    data: dict[str, Any]
    prov: Provenance
    chain: list[str]  # slugs, the pack first, national last
    files: dict[str, str]  # display path -> slug
    # [pack].sources of every pack in the chain, this pack's first: inherited rules cite them.
    sources: list[Any] = field(default_factory=list)

    @property
    def files_by_depth(self) -> list[str]:
        """Display paths, the most derived pack first."""
        by_slug = {slug: shown for shown, slug in self.files.items()}
        return [by_slug[slug] for slug in self.chain if slug in by_slug]


def display_path(path: Path) -> str:
    """Paths as the user typed them, relative to the working directory when possible."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")


def _read_toml(path: Path, shown: str, problems: list[Problem]) -> dict[str, Any] | None:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        problems.append(Problem(shown, "(file)", "no such file"))
        return None
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(Problem(shown, "(file)", f"cannot read: {exc}"))
        return None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        match = _TOML_POSITION.search(message)
        where = f"line {match.group(1)}, column {match.group(2)}" if match else "(file)"
        reason = _TOML_POSITION.sub("", message)
        problems.append(Problem(shown, where, f"TOML syntax error: {reason}"))
        return None


def _slug_of(data: dict[str, Any], path: Path) -> str:
    meta = data.get("pack")
    slug = meta.get("slug") if isinstance(meta, dict) else None
    return slug if isinstance(slug, str) else path.stem


def _resolve(
    path: Path,
    packs_dir: Path,
    problems: list[Problem],
    chain: tuple[str, ...] = (),
    visited: frozenset[Path] = frozenset(),
) -> _Resolution | None:
    shown = display_path(path)
    data = _read_toml(path, shown, problems)
    if data is None:
        return None
    slug = _slug_of(data, path)
    for loc, reason in duplicate_ids(data):
        problems.append(Problem(shown, loc, reason))
    if path.resolve().parent == packs_dir.resolve() and slug != path.stem:
        problems.append(
            Problem(shown, ("pack", "slug"), f"slug '{slug}' does not match file name {path.name}")
        )
    raw_meta = data.get("pack")
    meta: dict[str, Any] = raw_meta if isinstance(raw_meta, dict) else {}
    parent_slug = meta.get("extends")
    if parent_slug is None:
        prov = Provenance()
        stamp(data, (), shown, prov)
        if meta.get("remove"):
            problems.append(Problem(shown, ("pack", "remove"), "`remove` needs `extends`"))
        return _Resolution(data, prov, [slug], {shown: slug}, _own_sources(meta))
    if not isinstance(parent_slug, str):
        problems.append(
            Problem(shown, ("pack", "extends"), f"must be a pack slug, got {parent_slug!r}")
        )
        return None
    parent_path = packs_dir / f"{parent_slug}.toml"
    # Files, not slugs, decide a cycle: a slug that disagrees with its file name must not loop.
    here = path.resolve()
    if parent_slug in (*chain, slug) or parent_path.resolve() in visited | {here}:
        cycle = " → ".join((*chain, slug, parent_slug))
        problems.append(Problem(shown, ("pack", "extends"), f"extends cycle: {cycle}"))
        return None
    if not parent_path.is_file():
        problems.append(
            Problem(
                shown,
                ("pack", "extends"),
                f"unknown pack '{parent_slug}' "
                f"(no {parent_slug}.toml in {display_path(packs_dir)})",
            )
        )
        return None
    parent = _resolve(parent_path, packs_dir, problems, (*chain, slug), visited | {here})
    if parent is None:
        return None
    removals = meta.get("remove", [])
    for position, reason in apply_removals(
        parent.data, removals if isinstance(removals, list) else [], parent.prov
    ):
        problems.append(Problem(shown, ("pack", "remove", position), reason))
    merge_problems: list[MergeProblem] = []
    merged = merge(parent.data, data, origin=shown, prov=parent.prov, problems=merge_problems)
    problems.extend(Problem(p.origin, p.loc, p.reason) for p in merge_problems)
    # The child's own [pack] table is not inherited: name, version and sources are its own.
    merged["pack"] = data.get("pack", {})
    forget(("pack",), parent.prov)
    stamp(merged["pack"], ("pack",), shown, parent.prov)
    return _Resolution(
        merged,
        parent.prov,
        [slug, *parent.chain],
        {**parent.files, shown: slug},
        _own_sources(meta) + parent.sources,
    )


def _own_sources(meta: dict[str, Any]) -> list[Any]:
    sources = meta.get("sources")
    return list(sources) if isinstance(sources, list) else []


_PYDANTIC_REASONS = {
    "missing": "required key missing",
    "extra_forbidden": "unknown key",
}


def _reason(error: Any) -> str:
    kind = error["type"]
    if kind in _PYDANTIC_REASONS:
        return _PYDANTIC_REASONS[kind]
    got = error.get("input")
    if kind == "literal_error":
        return f"{got!r} is not one of {error['ctx']['expected']}"
    if kind == "string_pattern_mismatch":
        return f"{got!r} does not match the id pattern {error['ctx']['pattern']}"
    if kind in ("greater_than_equal", "greater_than", "less_than_equal"):
        return f"{error['msg'].replace('Input should be', 'must be')}, got {got!r}"
    if kind == "value_error":
        return str(error["msg"]).removeprefix("Value error, ")
    if kind == "too_short":
        return "must not be empty"
    return f"{error['msg']} (got {type(got).__name__} {got!r})"


def _validate(resolution: _Resolution, problems: list[Problem]) -> Pack | None:
    data = resolution.data
    default = resolution.files_by_depth[0]
    try:
        pack = Pack.model_validate(data)
    except ValidationError as exc:
        for error in exc.errors():
            loc = tuple(step for step in error["loc"] if step != "[key]")
            reason = _reason(error)
            if "[key]" in error["loc"]:
                reason = f"invalid key: {reason}"
            shown = origin_of(data, loc, resolution.prov, default)
            problems.append(Problem(shown, loc, reason))
        for loc, reason in check_cel_only(data):
            problems.append(Problem(origin_of(data, loc, resolution.prov, default), loc, reason))
        return None
    depth = {shown: -i for i, shown in enumerate(resolution.files_by_depth)}

    def rank(loc: Loc) -> int:
        return depth.get(origin_of(data, loc, resolution.prov, default), 0)

    for loc, reason in check_pack(pack, data, rank=rank):
        problems.append(Problem(origin_of(data, loc, resolution.prov, default), loc, reason))
    return pack


def _load(path: Path, packs_dir: Path) -> tuple[ResolvedPack | None, list[Problem]]:
    problems: list[Problem] = []
    resolution = _resolve(path, packs_dir, problems)
    if resolution is None or problems:
        # Schema errors on a half-resolved pack would mostly repeat the ones found already.
        if resolution is not None:
            _validate(resolution, problems)
        return None, _unique(problems)
    pack = _validate(resolution, problems)
    if pack is None or problems:
        return None, _unique(problems)
    resolved = ResolvedPack.build(
        pack=pack,
        data=resolution.data,
        prov=resolution.prov,
        chain=resolution.chain,
        files=resolution.files,
        sources=resolution.sources,
    )
    return resolved, []


def _unique(problems: list[Problem]) -> list[Problem]:
    return list(dict.fromkeys(problems))


def check_file(path: Path, *, packs_dir: Path | None = None) -> list[Problem]:
    """Every problem of the pack in `path` (resolving `extends` against the packs dir)."""
    return _load(path, packs_dir or PACKS_DIR)[1]


def load_file(path: Path, *, packs_dir: Path | None = None) -> ResolvedPack:
    resolved, problems = _load(path, packs_dir or PACKS_DIR)
    if resolved is None:
        raise PackInvalid(problems)
    return resolved


class UnknownPack(LookupError):
    pass


def pack_slugs(packs_dir: Path | None = None) -> list[str]:
    """Slugs of the shipped packs, national first."""
    slugs = sorted(p.stem for p in (packs_dir or PACKS_DIR).glob("*.toml"))
    return sorted(slugs, key=lambda s: (s != ROOT_PACK, s))


@functools.cache
def load_pack(slug: str) -> ResolvedPack:
    """The resolved pack `slug` from the packs dir; raises UnknownPack or PackInvalid."""
    path = PACKS_DIR / f"{slug}.toml"
    if not re.fullmatch(r"[a-z][a-z0-9-]*", slug) or not path.is_file():
        raise UnknownPack(f"no policy pack '{slug}'")
    return load_file(path)


def list_packs() -> list[ResolvedPack]:
    return [load_pack(slug) for slug in pack_slugs()]
