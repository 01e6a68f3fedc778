"""Table-driven classification per agency: thresholds at, below and above their value, each
listed ground, hand-marking, the emergency exemption, and the CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from sanxiang.cases.gates import InvalidFacts
from sanxiang.policy.loader import load_pack
from sanxiang.review.classification import HAND_MARKED_RULE, classify

REPO = Path(__file__).resolve().parents[4]

PENALTY = {"case_kind": "penalty", "procedure": "general"}
PERMIT = {"case_kind": "permit", "procedure": "standard"}


def rules(slug: str, facts: dict[str, Any], manual: str | None = None) -> list[str]:
    return [g.rule for g in classify(load_pack(slug), facts, manual=manual).grounds]


# 市人社局审核办法 第六条第（三）项、第十四条: 个人 5000 元以上、单位 5 万元以上, 以上含本数.
@pytest.mark.parametrize(
    ("party_kind", "fine", "major"),
    [
        ("individual", 4999.99, False),
        ("individual", 5000.0, True),
        ("individual", 5000.01, True),
        ("organization", 49999.99, False),
        ("organization", 50000.0, True),
        ("organization", 50000.01, True),
        # the individual threshold does not apply to an organisation
        ("organization", 5000.0, False),
    ],
)
def test_wuhan_rsj_large_fine_threshold(party_kind: str, fine: float, major: bool) -> None:
    facts = {**PENALTY, "party_kind": party_kind, "fine_amount": fine}
    assert ("large_fine" in rules("wuhan-rsj", facts)) is major


# 第六条第（四）项、第十四条: 10人以上群体性案件.
@pytest.mark.parametrize(("count", "major"), [(9, False), (10, True), (11, True)])
def test_wuhan_rsj_many_parties_threshold(count: int, major: bool) -> None:
    result = classify(load_pack("wuhan-rsj"), {**PENALTY, "party_count": count})
    assert result.major is major
    assert ("many_parties" in [g.rule for g in result.grounds]) is major


WUHAN_RSJ_GROUNDS = [
    ({**PERMIT, "hearing_held": True}, "permit_after_hearing", "第五条第（一）项"),
    ({**PERMIT, "permit_decision": "withdraw"}, "permit_withdrawal", "第五条第（二）项"),
    ({**PERMIT, "permit_decision": "revoke"}, "permit_withdrawal", "第五条第（二）项"),
    ({**PENALTY, "license_suspended": True}, "license_suspension", "第六条第（一）项"),
    ({**PENALTY, "license_revoked": True}, "license_suspension", "第六条第（一）项"),
    ({**PENALTY, "business_suspended": True}, "production_suspension", "第六条第（二）项"),
    (
        {**PENALTY, "complex_case": True, "collective_discussion_required": True},
        "complex_penalty_collective",
        "第六条第（三）项",
    ),
    ({**PENALTY, "criminal_transfer": True}, "criminal_transfer", "第七条"),
    ({**PENALTY, "designated_major": True}, "agency_designated", "第六条第（五）项"),
]

WUHAN_KJJ_GROUNDS = [
    ({**PERMIT, "permit_decision": "withdraw"}, "permit_withdrawal", "第五条第（一）项"),
    ({**PERMIT, "permit_decision": "revoke"}, "permit_withdrawal", "第五条第（一）项"),
    ({**PERMIT, "designated_major": True}, "agency_designated", "第五条第（二）项"),
]

LIUZHOU_GROUNDS = [
    ({**PERMIT, "hearing_threshold_met": True}, "hearing_threshold", "第三条第（一）项"),
    ({**PERMIT, "hearing_held": True}, "hearing_threshold", "第三条第（一）项"),
    ({**PERMIT, "major_social_impact": True}, "major_social_impact", "第三条第（二）项"),
    ({**PERMIT, "major_rights_affected": True}, "major_rights_impact", "第三条第（三）项"),
    ({**PERMIT, "many_parties_or_disputed": True}, "many_parties_or_disputed", "第三条第（四）项"),
    ({**PERMIT, "permit_decision": "refuse"}, "permit_refusal_or_revocation", "第三条第（五）项"),
    ({**PERMIT, "permit_decision": "revoke"}, "permit_refusal_or_revocation", "第三条第（五）项"),
    ({**PERMIT, "review_required_by_law": True}, "review_required_by_law", "第三条第（六）项"),
    ({**PERMIT, "designated_major": True}, "agency_designated", "第三条第（七）项"),
]

DONGXIHU_GROUNDS = [
    ({**PENALTY, "involves_major_public_interest": True}, "major_public_interest", "三（三）"),
    ({**PENALTY, "major_social_impact": True}, "social_impact_or_risk", "三（三）"),
    ({**PENALTY, "major_rights_affected": True}, "major_rights", "三（三）"),
    ({**PENALTY, "hearing_held": True}, "after_hearing", "三（三）"),
    ({**PENALTY, "complex_case": True}, "complex_case", "三（三）"),
    ({**PENALTY, "designated_major": True}, "wuhan_listed", "三（三）"),
]

# 硚口区人资局 has no review 办法 of its own: 处罚法 第五十八条 applies as the national base.
QIAOKOU_GROUNDS = [
    ({**PENALTY, "involves_major_public_interest": True}, "major_public_interest", "第五十八条"),
    (
        {**PENALTY, "major_rights_affected": True, "hearing_held": True},
        "major_rights_after_hearing",
        "第五十八条",
    ),
    ({**PENALTY, "complex_case": True}, "complex_case", "第五十八条"),
    ({**PENALTY, "review_required_by_law": True}, "review_required_by_law", "第五十八条"),
]

ALL_GROUNDS = [
    *[("wuhan-rsj", *g) for g in WUHAN_RSJ_GROUNDS],
    *[("wuhan-kjj", *g) for g in WUHAN_KJJ_GROUNDS],
    *[("liuzhou-kjj", *g) for g in LIUZHOU_GROUNDS],
    *[("dongxihu-sfj", *g) for g in DONGXIHU_GROUNDS],
    *[("qiaokou-rzj", *g) for g in QIAOKOU_GROUNDS],
]


@pytest.mark.parametrize(("slug", "facts", "rule", "article"), ALL_GROUNDS)
def test_each_listed_ground(slug: str, facts: dict[str, Any], rule: str, article: str) -> None:
    result = classify(load_pack(slug), facts)
    assert result.major
    ground = next(g for g in result.grounds if g.rule == rule)
    assert article in ground.cite
    assert ground.reason


@pytest.mark.parametrize(
    "slug", ["wuhan-rsj", "wuhan-kjj", "liuzhou-kjj", "dongxihu-sfj", "qiaokou-rzj"]
)
def test_ordinary_decision_is_not_major(slug: str) -> None:
    facts = dict(PERMIT if slug in ("wuhan-kjj", "liuzhou-kjj") else PENALTY)
    result = classify(load_pack(slug), facts)
    assert result.major is False
    assert result.grounds == []


@pytest.mark.parametrize(
    ("slug", "article"),
    [
        ("wuhan-rsj", "第五条第（三）项"),
        ("wuhan-kjj", "第五条第（二）项"),
        ("liuzhou-kjj", "第三条第（七）项"),
        ("dongxihu-sfj", "三（三）"),
        ("qiaokou-rzj", "第五十八条"),
    ],
)
def test_hand_marked_major(slug: str, article: str) -> None:
    facts = dict(PERMIT if slug in ("wuhan-kjj", "liuzhou-kjj") else PENALTY)
    result = classify(load_pack(slug), facts, manual="涉及本市重点企业，社会关注度高")
    assert result.major
    [ground] = result.grounds
    assert ground.rule == HAND_MARKED_RULE
    assert article in ground.cite
    assert "本局认为属于重大" in ground.reason and "重点企业" in ground.reason


def test_blank_hand_mark_reason_adds_nothing() -> None:
    assert classify(load_pack("wuhan-rsj"), PENALTY, manual="  ").major is False


@pytest.mark.parametrize(
    ("slug", "article"), [("wuhan-rsj", "第四条第二款"), ("liuzhou-kjj", "第二条")]
)
def test_emergency_decision_is_major_but_exempt(slug: str, article: str) -> None:
    facts = {**PERMIT, "permit_decision": "revoke", "emergency_measure": True}
    result = classify(load_pack(slug), facts)
    assert result.major
    assert result.exempt is not None and article in result.exempt.cite
    assert not result.review_required


def test_several_grounds_all_reported() -> None:
    facts = {**PENALTY, "party_kind": "organization", "fine_amount": 60000.0, "party_count": 12}
    assert set(rules("wuhan-rsj", facts)) == {"large_fine", "many_parties"}


def test_undeclared_or_mistyped_fact_is_refused() -> None:
    with pytest.raises(InvalidFacts):
        classify(load_pack("wuhan-rsj"), {**PENALTY, "fine_amount": "5000"})
    with pytest.raises(InvalidFacts):
        classify(load_pack("liuzhou-kjj"), {**PENALTY, "party_count": 3})


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sanxiang.cli", "review", "classify", *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
    )


def test_cli_prints_exact_shape_for_the_example_file() -> None:
    done = _cli("--agency", "wuhan-rsj", str(REPO / "docs/examples/classify-penalty.json"))
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert set(data) == {"major", "grounds"}
    assert data["major"] is True
    assert data["grounds"] == [
        {
            "rule": "large_fine",
            "cite": "市人社局重大行政执法决定法制审核办法 第六条第（三）项、第十四条",
            "reason": data["grounds"][0]["reason"],
        }
    ]
    assert set(data["grounds"][0]) == {"rule", "cite", "reason"}


def test_cli_not_major_and_bad_input(tmp_path: Path) -> None:
    small = tmp_path / "small.json"
    small.write_text(json.dumps({**PENALTY, "party_kind": "individual", "fine_amount": 4999.0}))
    done = _cli("--agency", "wuhan-rsj", str(small))
    assert json.loads(done.stdout) == {"major": False, "grounds": []}
    bad = tmp_path / "bad.json"
    bad.write_text("[1, 2]")
    assert _cli("--agency", "wuhan-rsj", str(bad)).returncode != 0
    assert _cli("--agency", "no-such-agency", str(small)).returncode != 0


# 处罚法 第五十八条 is the national base in every pack: each of its four situations makes a
# decision major, cited to the law or to the agency article that restates it (东西湖 三（三）).
NATIONAL_BASE = [
    ({"involves_major_public_interest": True}, "major_public_interest"),
    ({"major_rights_affected": True, "hearing_held": True}, "major_rights_after_hearing"),
    ({"complex_case": True}, "complex_case"),
    ({"review_required_by_law": True}, "review_required_by_law"),
]
OWN_ARTICLE = {"liuzhou-kjj": "第三条第（六）项", "dongxihu-sfj": "三（三）第一段"}


@pytest.mark.parametrize(
    "slug", ["wuhan-rsj", "wuhan-kjj", "liuzhou-kjj", "dongxihu-sfj", "qiaokou-rzj"]
)
@pytest.mark.parametrize(("facts", "rule"), NATIONAL_BASE)
def test_penalty_law_article_58_applies_in_every_pack(
    slug: str, facts: dict[str, Any], rule: str
) -> None:
    base = PERMIT if slug == "wuhan-kjj" else PENALTY  # 市科技局 has no penalty kind
    result = classify(load_pack(slug), {**base, **facts})
    assert result.major
    ground = next(g for g in result.grounds if g.rule == rule)
    assert "第五十八条" in ground.cite or OWN_ARTICLE.get(slug, "—") in ground.cite
    # Just below: one of the two conditions of (二) alone is not enough.
    if rule == "major_rights_after_hearing":
        alone = classify(load_pack(slug), {**base, "major_rights_affected": True})
        assert rule not in [g.rule for g in alone.grounds]
