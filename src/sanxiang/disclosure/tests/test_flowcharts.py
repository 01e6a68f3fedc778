"""执法流程图: the SVG says exactly what the pack's procedure enforces, and changes with it."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from django.test import Client
from django.urls import reverse

from sanxiang.disclosure import flowcharts
from sanxiang.policy.loader import load_pack, pack_slugs
from sanxiang.policy.schema import Procedure, Stage, Transition
from sanxiang.registry.models import Agency

SVG = "{http://www.w3.org/2000/svg}"
AGENCIES = ["wuhan-kjj", "wuhan-rsj", "liuzhou-kjj", "qiaokou-rzj", "dongxihu-sfj"]


def _procedures() -> list[tuple[str, str, str]]:
    found = []
    for slug in AGENCIES:
        for kind_id, kind in load_pack(slug).model.case_kinds.items():
            for proc_id in kind.procedures:
                found.append((slug, kind_id, proc_id))
    return found


def _parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 (our own output, in a test)


def _stage_labels(root: ET.Element) -> list[str]:
    return [
        "".join(t.itertext()) for t in root.iter(f"{SVG}text") if t.get("class") == "stage-label"
    ]


def _drawn_edges(root: ET.Element) -> list[tuple[str, str, str]]:
    return sorted(
        (g.get("data-transition", ""), g.get("data-from", ""), g.get("data-to", ""))
        for g in root.iter(f"{SVG}g")
        if "edge" in (g.get("class") or "").split()
    )


def test_every_agency_pack_is_covered() -> None:
    assert set(AGENCIES) <= set(pack_slugs())


@pytest.mark.parametrize(("slug", "kind", "procedure"), _procedures())
def test_text_nodes_are_the_stage_labels_and_every_transition_is_drawn(
    slug: str, kind: str, procedure: str
) -> None:
    pack = load_pack(slug)
    proc = pack.model.case_kinds[kind].procedures[procedure]
    facts = {k: v.label for k, v in pack.model.facts.items()}
    root = _parse(flowcharts.render(proc, title=proc.label, fact_labels=facts))
    assert sorted(_stage_labels(root)) == sorted(s.label for s in proc.stages)
    expected = sorted((t.id, source, t.to) for t in proc.transitions for source in t.from_)
    assert _drawn_edges(root) == expected
    # Each arrow ends with an arrowhead and every box is a rect of its own.
    assert len([r for r in root.iter(f"{SVG}rect")]) == len(proc.stages)
    assert "Noto Sans CJK SC" in (root.get("font-family") or "")


def _tiny(extra_stage: bool = False) -> Procedure:
    stages = [
        Stage(id="accept", label="受理", cite="测试"),
        Stage(id="decide", label="决定", cite="测试"),
        Stage(id="done", label="办结", cite="测试"),
    ]
    transitions = [
        Transition.model_validate({"id": "t1", "from": "accept", "to": "decide", "cite": "测试"}),
        Transition.model_validate(
            {"id": "t2", "from": "decide", "to": "done", "cite": "测试", "when": "granted"}
        ),
    ]
    if extra_stage:
        stages.insert(1, Stage(id="review", label="法制审核", cite="测试"))
        transitions = [
            Transition.model_validate(
                {"id": "t1", "from": "accept", "to": "review", "cite": "测试"}
            ),
            Transition.model_validate(
                {"id": "t3", "from": "review", "to": "decide", "cite": "测试"}
            ),
            Transition.model_validate(
                {
                    "id": "back",
                    "from": "review",
                    "to": "accept",
                    "cite": "测试",
                    "label": "退回补正",
                }
            ),
            transitions[1],
        ]
    return Procedure(
        label="测试程序",
        cite="测试",
        initial="accept",
        terminal=["done"],
        stages=stages,
        transitions=transitions,
    )


def test_changing_the_procedure_changes_the_chart() -> None:
    before = flowcharts.render(_tiny(), title="测试", fact_labels={"granted": "准予许可"})
    after = flowcharts.render(_tiny(True), title="测试", fact_labels={"granted": "准予许可"})
    assert before != after
    assert _stage_labels(_parse(before)) == ["受理", "决定", "办结"]
    assert sorted(_stage_labels(_parse(after))) == sorted(["受理", "法制审核", "决定", "办结"])
    edges = _drawn_edges(_parse(after))
    assert ("back", "review", "accept") in edges
    # The way back up is routed around the boxes and keeps its words.
    assert 'class="edge back"' in after and "退回补正" in after
    # A condition naming one fact reads as the fact's label.
    assert "准予许可" in before


def test_layers_follow_the_main_line() -> None:
    depth = flowcharts.layers(_tiny(True))
    assert depth == {"accept": 0, "review": 1, "decide": 2, "done": 3}


def test_labels_are_escaped() -> None:
    proc = _tiny().model_copy(
        update={
            "stages": [Stage(id="accept", label="受理<script>", cite="测试"), *_tiny().stages[1:]]
        }
    )
    svg = flowcharts.render(proc, title="a&b")
    assert "<script>" not in svg and "受理&lt;script&gt;" in svg
    _parse(svg)


@pytest.mark.django_db
def test_portal_pages_show_each_agency_its_own_procedures(
    client: Client, agency_a: Agency, agency_b: Agency
) -> None:
    page_a = client.get(reverse("disclosure:flowcharts", kwargs={"slug": agency_a.slug}))
    page_b = client.get(reverse("disclosure:flowcharts", kwargs={"slug": agency_b.slug}))
    assert page_a.status_code == page_b.status_code == 200
    text_a, text_b = page_a.content.decode(), page_b.content.decode()
    rsj = load_pack(agency_a.slug).model.case_kinds
    lz = load_pack(agency_b.slug).model.case_kinds
    assert rsj["confirmation"].procedures["standard"].label in text_a
    assert "行政确认" not in text_b  # 柳州 has no 行政确认
    assert text_a.count("<svg") == sum(len(k.procedures) for k in rsj.values())
    assert text_b.count("<svg") == sum(len(k.procedures) for k in lz.values())
    svg = client.get(
        reverse(
            "disclosure:flowchart_svg",
            kwargs={"slug": agency_a.slug, "kind": "penalty", "procedure": "general"},
        )
    )
    assert svg.status_code == 200 and svg["Content-Type"].startswith("image/svg+xml")
    root = _parse(svg.content.decode())
    labels = [s.label for s in rsj["penalty"].procedures["general"].stages]
    assert sorted(_stage_labels(root)) == sorted(labels)
    missing = reverse(
        "disclosure:flowchart_svg",
        kwargs={"slug": agency_b.slug, "kind": "confirmation", "procedure": "standard"},
    )
    assert client.get(missing).status_code == 404


@pytest.mark.django_db
def test_agency_pages_link_to_the_flowcharts(client: Client, agency_a: Agency) -> None:
    target = reverse("disclosure:flowcharts", kwargs={"slug": agency_a.slug})
    registry = client.get(reverse("registry:agency", kwargs={"slug": agency_a.slug}))
    portal = client.get(reverse("disclosure:agency", kwargs={"slug": agency_a.slug}))
    for page in (registry, portal):
        html = page.content.decode()
        assert target in html
        assert reverse("disclosure:inspection", kwargs={"slug": agency_a.slug}) in html
        assert reverse("disclosure:process_list") in html
        # 空白文书 and 重大执法决定事项目录 (the documents and review apps' public pages).
        assert reverse("documents:forms", kwargs={"slug": agency_a.slug}) in html
        assert reverse("review:public_catalogue", kwargs={"slug": agency_a.slug}) in html
