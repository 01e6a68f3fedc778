"""Public pages: the published policy packs with their citations (no login: these are rules)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from .render import sections
from .selectors import pack_summaries, published_pack


def pack_list(request: HttpRequest) -> HttpResponse:
    return render(request, "policy/pack_list.html", {"packs": pack_summaries()})


def pack_detail(request: HttpRequest, slug: str) -> HttpResponse:
    pack = published_pack(slug)
    if pack is None:
        raise Http404("没有该制度规则包")
    context = {"pack": pack, "meta": pack.model.pack, "sections": sections(pack)}
    return render(request, "policy/pack_detail.html", context)
