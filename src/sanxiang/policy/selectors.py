"""Reads of policy packs for other apps and the public pages.

Packs are published rules (行政执法公示), so these reads are not agency-scoped: every agency's
pack is public. ``pack_for_agency`` is how an app finds the rules that bind one agency's case.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .loader import PackInvalid, UnknownPack, load_pack, pack_slugs
from .resolved import ResolvedPack

if TYPE_CHECKING:
    from sanxiang.registry.models import Agency

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class PackSummary:
    slug: str
    name: str
    version: str
    extends: str | None
    effective: str
    rule_count: int


def pack_for_agency(agency: Agency) -> ResolvedPack:
    """The resolved pack of `agency` (its slug names the pack); raises UnknownPack if none."""
    return load_pack(agency.slug)


def published_pack(slug: str) -> ResolvedPack | None:
    """The pack `slug` for the public page, or None if there is none or it does not load."""
    try:
        return load_pack(slug)
    except UnknownPack:
        return None
    except PackInvalid as exc:
        logger.error("policy pack %s does not load:\n%s", slug, exc)
        return None


def pack_summaries() -> list[PackSummary]:
    """Every shipped pack that loads, national first; a broken pack is logged and left out."""
    summaries = []
    for slug in pack_slugs():
        pack = published_pack(slug)
        if pack is not None:
            summaries.append(
                PackSummary(
                    slug=pack.slug,
                    name=pack.name,
                    version=pack.version,
                    extends=pack.extends,
                    effective=pack.model.pack.effective.isoformat(),
                    rule_count=len(pack.rules),
                )
            )
    return summaries
