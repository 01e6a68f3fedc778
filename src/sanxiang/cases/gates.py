"""Gates: the checks a step must pass before it is written.

Each refusal is a ``RuleViolation`` naming the pack rule and its citation, with a Chinese
message; none of these functions writes anything. The services call them with the case row
locked; :func:`sanxiang.cases.selectors.allowed_actions` calls the same functions to show the
user what is blocked and why.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from sanxiang.accounts.choices import Role
from sanxiang.accounts.models import User
from sanxiang.cases import deadlines
from sanxiang.cases.choices import CaseStatus
from sanxiang.cases.models import Case
from sanxiang.cases.records import (
    AV_EVENT,
    DEEMED_SERVICE_CITE,
    NOTED_EVENTS,
    av_problems,
    events_for_record,
    payload_problems,
)
from sanxiang.core.errors import RuleViolation, SanxiangError
from sanxiang.policy.cel import MissingFact
from sanxiang.policy.resolved import ResolvedPack, UnknownRule
from sanxiang.policy.schema import RecordRule, Stage, Transition
from sanxiang.registry.models import Agency, Officer

CERTIFICATE_CITE = "中华人民共和国行政处罚法 第四十二条"
CLOSED_CITE = "中华人民共和国行政处罚法 第四十七条"


class InvalidInput(SanxiangError):
    """Input no rule could accept (an unknown kind, an empty title, a party without a name):
    a caller's error, shown as a 4xx with the Chinese message."""

    code = "invalid_input"


class InvalidFacts(InvalidInput):
    """Facts that the pack does not declare, or of the wrong type."""

    code = "invalid_facts"


def review_allows(case: Case) -> bool:
    """Whether legal review (法制审核, issue 5) allows a major decision in ``case``.

    The single hook the review app will fill: until it exists, a case the pack classifies as
    major (``ResolvedPack.review_required(facts)``) can never enter a review-gated stage
    (行政处罚法 第五十八条: 未经法制审核或者审核未通过的，不得作出决定).
    The review app decides (:func:`sanxiang.review.gate.allows`); imported here because the
    review app itself builds on the cases app.
    """
    from sanxiang.review.gate import allows

    return allows(case)


# ------------------------------------------------------------------------------ facts


def default_facts(pack: ResolvedPack) -> dict[str, Any]:
    """A neutral value for every scalar fact the pack declares, so conditions can run."""
    neutral = {"bool": False, "int": 0, "double": 0.0, "string": "", "list<string>": []}
    return {name: neutral[f.type] for name, f in pack.model.facts.items() if f.type in neutral}


def checked_facts(pack: ResolvedPack, facts: Mapping[str, Any]) -> dict[str, Any]:
    """``facts`` if every name is declared and every value has the declared type."""
    problems: list[str] = []
    for name, value in facts.items():
        spec = pack.model.facts.get(name)
        if spec is None:
            problems.append(f"未定义的案件事实“{name}”")
            continue
        if not _fits(spec.type, value) or (spec.values and value not in spec.values):
            problems.append(f"案件事实“{spec.label}”的值不正确：{value!r}")
    if problems:
        raise InvalidFacts("；".join(problems), log_message=f"bad facts: {sorted(facts)}")
    return dict(facts)


def _fits(kind: str, value: Any) -> bool:
    if kind == "bool":
        return isinstance(value, bool)
    if kind == "int":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "double":
        return isinstance(value, int | float) and not isinstance(value, bool)
    if kind == "string":
        return isinstance(value, str)
    if kind == "list<string>":
        return isinstance(value, list) and all(isinstance(v, str) for v in value)
    return True


def facts_of(case: Case) -> dict[str, Any]:
    """The facts conditions see: the case's facts plus its kind and procedure."""
    return {**case.facts, "case_kind": case.kind, "procedure": case.procedure}


def evaluating(rule_id: str, cite: str, check: Any, *args: Any) -> Any:
    """Run a pack query; a fact the condition needs and the case lacks is a refusal."""
    try:
        return check(*args)
    except MissingFact as exc:
        raise RuleViolation(
            f"缺少判断所需的案件事实：{'、'.join(exc.names)}",
            rule_id=rule_id,
            cite=cite,
            log_message=str(exc),
        ) from None


# ------------------------------------------------------------------------------ case state


def ensure_open(case: Case, pack: ResolvedPack) -> None:
    """A closed case accepts nothing: its record is complete and goes to the archive."""
    if case.status == CaseStatus.CLOSED:
        cite = _rule_cite(pack, "full_process_record", CLOSED_CITE)
        raise RuleViolation(
            f"案件 {case.number} 已办结，不能再记录或者变更",
            rule_id="case_closed",
            cite=cite,
            log_message=f"write to closed case {case.pk}",
        )


def ensure_not_suspended(case: Case) -> None:
    """中止: the case does not move on until it is resumed."""
    if case.status == CaseStatus.SUSPENDED:
        stop = case.clock_stops.filter(ended_at__isnull=True).order_by("-started_at").first()
        raise RuleViolation(
            f"案件 {case.number} 已中止，恢复后方可继续办理",
            rule_id="case_suspended",
            cite=(stop.cite if stop and stop.cite else "中华人民共和国行政处罚法 第六十条"),
            log_message=f"advance of suspended case {case.pk}",
        )


def _rule_cite(pack: ResolvedPack, key: str, default: str) -> str:
    try:
        return str(pack.rule(key).cite)
    except UnknownRule:
        return default


def check_chronology(case: Case, pack: ResolvedPack, at: dt.datetime) -> None:
    """Steps are recorded in the order they happened (市人社局执法全过程记录办法 第六条: 按照
    行政执法程序和执法时序): nothing is dated before the case entered its current stage."""
    last = case.stage_changes.order_by("-at", "-id").first()
    entered = last.at if last else case.opened_at
    if at < entered:
        raise RuleViolation(
            f"记录时间早于案件进入当前环节的时间（{timezone.localtime(entered):%Y-%m-%d %H:%M}）",
            rule_id="chronology",
            cite=_rule_cite(pack, "full_process_record", CLOSED_CITE),
            log_message=f"step dated {at.isoformat()} before stage entered {entered.isoformat()}",
        )


# ------------------------------------------------------------------------------ records


def record_rule(case: Case, pack: ResolvedPack, record_type: str) -> RecordRule | None:
    """The pack's rule for ``record_type`` in the current stage; None for a noted event.

    A record type the current stage does not list is refused: records belong to their step.
    """
    stage = pack.stage(case.kind, case.procedure, case.stage)
    for rule in stage.records:
        if rule.id == record_type:
            return rule
    if record_type in NOTED_EVENTS and record_type in pack.model.events:
        return None
    raise RuleViolation(
        f"“{stage.label}”环节没有“{record_type}”这一记录",
        rule_id=f"{case.kind}.{case.procedure}.{stage.id}",
        cite=stage.cite,
        log_message=f"record {record_type} not in stage {case.stage}",
    )


def check_payload(case: Case, rule: RecordRule, payload: Mapping[str, Any]) -> None:
    problems = payload_problems(rule.id, payload)
    if problems:
        raise RuleViolation(
            f"“{rule.label}”内容不完整：{'；'.join(problems)}",
            rule_id=f"{case.kind}.{case.procedure}.{rule.id}",
            cite=rule.cite,
            log_message=f"payload of {rule.id} incomplete: {len(problems)} problem(s)",
        )


def check_av(
    case: Case, pack: ResolvedPack, rule: RecordRule, av: Mapping[str, Any] | None
) -> None:
    """Where the pack makes audio/video mandatory, the record needs complete AV metadata; AV
    given where it is optional must be complete too (市人社局执法全过程记录办法 第七条)."""
    rule_id = f"{case.kind}.{case.procedure}.{rule.id}"
    required = evaluating(rule_id, rule.cite, pack.av_required, rule, facts_of(case))
    if not required and not av:
        return
    problems = av_problems(av)
    if problems:
        prefix = "本环节必须全程音像记录" if required else "音像记录信息不完整"
        raise RuleViolation(
            f"“{rule.label}”{prefix}：{'；'.join(problems)}",
            rule_id=rule_id,
            cite=rule.cite,
            log_message=f"AV of {rule.id} missing or incomplete (required={required})",
        )


def check_officers_of_agency(agency: Agency, officers: Sequence[Officer]) -> None:
    """Only the agency's own officers act in its cases (处罚法 第四十二条: 由具有行政执法资格
    的执法人员实施 — the agency's, not another's)."""
    foreign = [o for o in officers if o.agency_id != agency.pk]
    if foreign:
        raise RuleViolation(
            "执法人员不属于本执法主体：" + "、".join(o.name for o in foreign),
            rule_id="officer_agency",
            cite=CERTIFICATE_CITE,
            log_message=f"officers {[o.pk for o in foreign]} not of agency {agency.pk}",
        )


def check_certificates(officers: Sequence[Officer], day: dt.date) -> None:
    """Every officer assigned to a case holds a certificate valid on ``day``."""
    invalid = [o for o in officers if not o.certificate_valid_on(day)]
    if invalid:
        raise RuleViolation(
            "承办人须持有有效执法证件："
            + "、".join(f"{o.name}（{o.certificate_check_on(day).label}）" for o in invalid),
            rule_id="officer_certificate",
            cite=CERTIFICATE_CITE,
            log_message=f"officers {[o.pk for o in invalid]} without valid certificate on {day}",
        )


def check_officers(
    case: Case, pack: ResolvedPack, officers: Sequence[Officer], day: dt.date
) -> None:
    """Officers present must be of the case's agency; where the stage says so, at least that
    many must hold a certificate valid on ``day`` (处罚法 第四十二条: 不得少于两人, 具有行政
    执法资格). An expired, suspended, revoked or not-yet-valid certificate does not count."""
    check_officers_of_agency(case.agency, officers)
    stage = pack.stage(case.kind, case.procedure, case.stage)
    needed = stage.requires_certified_officers or 0
    if not needed:
        return
    valid = {o.pk for o in officers if o.certificate_valid_on(day)}
    if len(valid) < needed:
        invalid = [
            f"{o.name}（{o.certificate_check_on(day).label}）"
            for o in officers
            if o.pk not in valid
        ]
        detail = f"；证件无效：{'、'.join(invalid)}" if invalid else ""
        raise RuleViolation(
            f"“{stage.label}”须由不少于 {needed} 名持有效执法证件的执法人员进行，"
            f"本次有效 {len(valid)} 名{detail}",
            rule_id=f"{case.kind}.{case.procedure}.{stage.id}",
            cite=stage.cite,
            log_message=f"{len(valid)} certified officer(s) on {day}, {needed} needed",
        )


def record_events(case: Case, record_type: str, av: Mapping[str, Any] | None) -> list[str]:
    events = events_for_record(case.kind, record_type, case.facts)
    return [*events, AV_EVENT] if av else events


# ------------------------------------------------------------------------------ transitions


def missing_records(case: Case, pack: ResolvedPack) -> list[RecordRule]:
    """Records the current stage requires (given the facts) that the case does not have."""
    stage = pack.stage(case.kind, case.procedure, case.stage)
    key = f"{case.kind}.{case.procedure}.{stage.id}"
    required = evaluating(
        key, stage.cite, pack.required_records, case.kind, case.procedure, stage.id, facts_of(case)
    )
    have = set(case.records.filter(stage=stage.id).values_list("record_type", flat=True))
    return [r for r in required if r.id not in have]


def check_required_records(case: Case, pack: ResolvedPack) -> None:
    missing = missing_records(case, pack)
    if missing:
        first = missing[0]
        raise RuleViolation(
            "离开本环节前须完成：" + "、".join(r.label for r in missing),
            rule_id=f"{case.kind}.{case.procedure}.{first.id}",
            cite=first.cite,
            log_message=f"stage {case.stage} lacks {[r.id for r in missing]}",
        )


def check_pending_effects(case: Case, pack: ResolvedPack, at: dt.datetime) -> None:
    """A stage whose record takes effect later (公告送达: deemed served thirty days after the
    announcement starts, 民事诉讼法 第九十五条) is not left before then: until served, the
    decision binds nobody and nothing that follows service may begin."""
    pending = (
        case.records.filter(stage=case.stage, effective_at__gt=at, effect_ledger_index__isnull=True)
        .order_by("effective_at", "id")
        .first()
    )
    if pending is not None and pending.effective_at is not None:
        served = timezone.localtime(pending.effective_at).date()
        raise RuleViolation(
            f"“{pending.label}”自 {served.isoformat()} 起方视为送达，此前不能进入下一环节",
            rule_id=f"{case.kind}.{case.procedure}.{pending.record_type}",
            cite=DEEMED_SERVICE_CITE,
            log_message=f"leave stage {case.stage} before record {pending.pk} takes effect",
        )


def check_transition(case: Case, pack: ResolvedPack, to_stage: str) -> Transition:
    key = f"{case.kind}.{case.procedure}"
    cite = pack.procedure(case.kind, case.procedure).cite
    try:
        pack.stage(case.kind, case.procedure, to_stage)
    except UnknownRule:
        raise RuleViolation(
            f"“{pack.procedure(case.kind, case.procedure).label}”没有“{to_stage}”环节",
            rule_id=key,
            cite=cite,
            log_message=f"unknown stage {to_stage}",
        ) from None
    transition: Transition = evaluating(
        key,
        cite,
        pack.check_transition,
        case.kind,
        case.procedure,
        case.stage,
        to_stage,
        facts_of(case),
    )
    return transition


def is_decision_stage(stage: Stage) -> bool:
    return stage.review_gate or stage.id == "decision"


def _hand_marks(case: Case) -> list[Any]:
    """Cases the agency marked major by hand (本局认为属于重大) need review whatever the facts say;
    the marks live in the review app, which builds on this one (hence the late import)."""
    from sanxiang.review.models import MajorMark

    return list(MajorMark.objects.filter(agency=case.agency, case=case))


def check_review_gate(case: Case, pack: ResolvedPack, target: Stage) -> None:
    """A decision the pack classifies as major enters a review-gated stage only once legal
    review allows it (处罚法 第五十八条 and each agency's 法制审核办法)."""
    if not target.review_gate:
        return
    criteria = evaluating(
        "major_decision",
        pack.model.major_decision.cite if pack.model.major_decision else CLOSED_CITE,
        pack.review_required,
        facts_of(case),
    )
    marks = _hand_marks(case)
    if not (criteria or marks) or review_allows(case):
        return
    try:
        rule = pack.rule("no_decision_without_review")
        rule_id, cite = "no_decision_without_review", str(rule.cite)
    except UnknownRule:
        rule_id = "major_decision"
        cite = pack.model.major_decision.cite if pack.model.major_decision else CLOSED_CITE
    grounds = "；".join(
        [f"{c.label}（{c.cite}）" for c in criteria]
        + [f"本机关认为属于重大：{mark.reason}（{mark.cite}）" for mark in marks]
    )
    raise RuleViolation(
        f"本案属于重大执法决定（{grounds}），未经法制审核或者审核未通过的，不得作出决定",
        rule_id=rule_id,
        cite=cite,
        log_message=f"major decision without review: {[c.id for c in criteria]}",
    )


# ------------------------------------------------------------------------------ approvals

# Who may give an approval the pack asks of a role. 行政机关负责人 (处罚法 第五十七条, 强制法
# 第十八条) covers the head (主要负责人) as well as the deputy in charge (分管局领导), and either
# outranks the head of the handling section; the head role alone stays the head's (柳州 第十五条).
APPROVERS: dict[str, tuple[str, ...]] = {
    Role.SECTION_HEAD: (Role.SECTION_HEAD, Role.LEADER, Role.HEAD),
    Role.LEADER: (Role.LEADER, Role.HEAD),
    Role.HEAD: (Role.HEAD,),
}


def approvers_for(role: str) -> tuple[str, ...]:
    """The roles that satisfy an approval the pack asks of ``role``."""
    return APPROVERS.get(role, (role,))


@dataclass(frozen=True)
class Approval:
    """An approval a stage change needs: the role the pack names, its rule id and citation."""

    role: str
    rule_id: str
    cite: str
    label: str


def approval_for(
    case: Case, pack: ResolvedPack, transition: Transition, to_stage: str
) -> Approval | None:
    """The approval a move along ``transition`` needs, from the pack.

    A transition's own ``approver_role`` wins. Otherwise a stage's ``approver_role`` approves
    the act the stage stands for *before* it happens: entering it (决定 — 处罚法 第五十七条: 行政
    机关负责人 decides; 补办立案 into a 立案 stage), or, for the stage a case opens in (立案 of
    处罚法 第五十四条, 呈批 of 强制法 第十八条), leaving it, since nobody approves the opening
    itself: the approval is what lets the case go on.
    """
    key = f"{case.kind}.{case.procedure}"
    if transition.approver_role:
        return Approval(
            transition.approver_role,
            f"{key}.{transition.id}.approval",
            transition.cite,
            transition.label or transition.id,
        )
    target = pack.stage(case.kind, case.procedure, to_stage)
    if target.approver_role and to_stage != pack.procedure(case.kind, case.procedure).initial:
        return Approval(
            target.approver_role, f"{key}.{target.id}.approval", target.cite, target.label
        )
    current = pack.stage(case.kind, case.procedure, case.stage)
    if current.approver_role and case.stage == pack.procedure(case.kind, case.procedure).initial:
        return Approval(
            current.approver_role, f"{key}.{current.id}.approval", current.cite, current.label
        )
    return None


def check_approver(
    case: Case, approver: User, roles: Sequence[str], rule_id: str, cite: str, what: str = ""
) -> None:
    """``approver`` belongs to the case's agency and holds one of ``roles`` (any grant in
    another agency counts for nothing)."""
    if approver.agency_id != case.agency_id or not approver.has_role(*roles):
        needed = "、".join(Role(r).label for r in roles)
        raise RuleViolation(
            f"{what or '该事项'}须经本机关的{needed}批准，{approver.get_username()} 无权批准",
            rule_id=rule_id,
            cite=cite,
            log_message=f"approver {approver.pk} lacks {list(roles)} in agency {case.agency_id}",
        )


def check_approval(
    case: Case, pack: ResolvedPack, transition: Transition, to_stage: str, actor: User
) -> Approval | None:
    """The actor may give the approval the move needs; returns it (None: none needed)."""
    approval = approval_for(case, pack, transition, to_stage)
    if approval is not None:
        check_approver(
            case,
            actor,
            approvers_for(approval.role),
            approval.rule_id,
            approval.cite,
            f"“{approval.label}”",
        )
    return approval


def check_process_publicity(case: Case, to_stage: str) -> None:
    """事中公示 before the act (市人社局行政执法公示办法 第七条（一）（二）): exam scores and the
    early-retirement list are published before the decision stage."""
    from sanxiang.disclosure.process_publicity import notice_items, unpublished_before

    missing = unpublished_before(case, f"{case.kind}.{case.procedure}.{to_stage}")
    if missing:
        item = next(i for i in notice_items(case.agency) if i.id == missing[0])
        raise RuleViolation(f"须先公示：{item.label}", rule_id=item.id, cite=item.cite)


def check_advance(
    case: Case, pack: ResolvedPack, to_stage: str, at: dt.datetime, actor: User
) -> tuple[Transition, Approval | None]:
    """Every gate of a stage change, in the order a person would explain them; returns the
    transition and the approval the actor gave by making it."""
    ensure_open(case, pack)
    ensure_not_suspended(case)
    check_chronology(case, pack, at)
    transition = check_transition(case, pack, to_stage)
    check_required_records(case, pack)
    check_pending_effects(case, pack, at)
    target = pack.stage(case.kind, case.procedure, to_stage)
    if is_decision_stage(target):
        deadlines.check_rights_windows(case, at)
    check_review_gate(case, pack, target)
    check_process_publicity(case, to_stage)
    approval = check_approval(case, pack, transition, to_stage, actor)
    return transition, approval
