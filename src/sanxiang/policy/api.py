"""Read-only policy API under ``/api/policy/``: the published packs, resolved, with citations.

Public like the pages: the rules an agency enforces are themselves published (行政执法公示).
"""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.errors import HttpError

from .selectors import pack_summaries, published_pack

router = Router(tags=["制度规则包"])


class PackSummaryOut(Schema):
    slug: str
    name: str
    version: str
    extends: str | None
    effective: str
    rule_count: int


class RuleOriginOut(Schema):
    origin: str
    status: str
    cite: str


class PackOut(Schema):
    slug: str
    chain: list[str]
    pack: dict[str, Any]
    rules: dict[str, RuleOriginOut]


@router.get(
    "/packs", response=list[PackSummaryOut], auth=None, url_name="policy-packs",
    summary="规则包列表",
)  # fmt: skip
def packs(request: HttpRequest) -> list[PackSummaryOut]:
    return [PackSummaryOut(**vars(summary)) for summary in pack_summaries()]


@router.get(
    "/packs/{slug}", response=PackOut, auth=None, url_name="policy-pack",
    summary="规则包（已合并继承），每条规则附依据",
)  # fmt: skip
def pack(request: HttpRequest, slug: str) -> PackOut:
    resolved = published_pack(slug)
    if resolved is None:
        raise HttpError(404, "没有该制度规则包")
    # Dates in TOML become ISO strings; the JSON round trip keeps the shape of the pack file.
    data = json.loads(json.dumps(resolved.data, ensure_ascii=False, default=str))
    return PackOut(
        slug=resolved.slug,
        chain=list(resolved.chain),
        pack=data,
        rules={
            key: RuleOriginOut(origin=info.origin, status=info.status, cite=info.cite)
            for key, info in resolved.rules.items()
        },
    )
