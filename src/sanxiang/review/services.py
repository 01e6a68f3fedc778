"""Every write of the review app: keyword-only arguments, the acting user explicit, one
transaction with the case row locked, a ledger entry appended before returning.

Refusals are ``RuleViolation`` naming the pack rule and its citation; nothing is written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from sanxiang.accounts.choices import Role
from sanxiang.accounts.models import User
from sanxiang.accounts.scoping import can_write_in
from sanxiang.cases import services as case_services
from sanxiang.cases.gates import InvalidInput, facts_of
from sanxiang.cases.ledgering import subject_of, when
from sanxiang.cases.models import Case
from sanxiang.core.errors import NotInScope, RuleViolation
from sanxiang.ledger.services import append
from sanxiang.policy.resolved import ResolvedPack
from sanxiang.policy.selectors import pack_for_agency
from sanxiang.registry.models import Agency
from sanxiang.review import rules
from sanxiang.review.choices import OPEN_STATUSES, CopyDestination, SubmissionStatus
from sanxiang.review.classification import classify, hand_mark_cite
from sanxiang.review.models import (
    Catalogue,
    CatalogueItem,
    ChecklistFinding,
    Consultation,
    EmergencyDecision,
    Escalation,
    LegalityIssue,
    MajorMark,
    Opinion,
    ReRequest,
    Submission,
)
from sanxiang.review.proposal import fingerprint
from sanxiang.workdays.calendar import compute

DEPARTMENT_ROLES = (Role.OFFICER, Role.SECTION_HEAD)
REVIEWER_ROLES = (Role.LEGAL_REVIEWER,)
# 负责人: the deputy in charge or the head; a pack that names the head alone says `head`.
HEAD_ROLES = (Role.LEADER, Role.HEAD)


def deciders(role: str) -> tuple[Role, ...]:
    """The roles that satisfy a pack's ``approver_role`` / ``decided_by``: 本局行政负责人
    (``leader``) covers the deputy in charge and the head, as 行政机关负责人 does in
    处罚法 第五十七条; ``head`` (局长, 武汉市科技局审核办法 第十条、第十一条) is the head alone."""
    if role == Role.LEADER:
        return HEAD_ROLES
    return (Role(role),)


# ------------------------------------------------------------------------------ helpers


def _now(at: dt.datetime | None) -> dt.datetime:
    moment = at or timezone.now()
    if timezone.is_naive(moment):
        raise ValueError("at must be timezone-aware")
    return moment


def _day(moment: dt.datetime) -> dt.date:
    return timezone.localtime(moment).date()


def _authorise(actor: User, agency: Agency, *roles: Role) -> None:
    if not can_write_in(actor, agency):
        raise NotInScope("无权在该执法主体办理法制审核。", log_message=f"{actor} not in {agency}")
    if roles and not actor.has_role(*roles):
        raise RuleViolation(
            "您的角色无权进行此项操作：须为" + "、".join(r.label for r in roles),
            rule_id="review_role",
            cite=rules.role_cite(pack_for_agency(agency)),
            log_message=f"{actor} lacks {[r.value for r in roles]}",
        )


def _text(value: str, label: str) -> str:
    if not value or not value.strip():
        raise InvalidInput(f"请填写{label}。", log_message=f"blank {label}")
    return value.strip()


def _locked_case(case: Case) -> Case:
    return Case.objects.select_for_update().select_related("agency").get(pk=case.pk)


def _locked_submission(submission: Submission) -> tuple[Case, Submission]:
    # Case first, then the submission: the same order everywhere, so two writers never deadlock.
    case = _locked_case(submission.case)
    locked = Submission.objects.select_for_update().get(pk=submission.pk)
    return case, locked


def _ledger(case: Case, kind: str, actor: User, payload: dict[str, Any]) -> int:
    entry = append(
        agency=case.agency,
        kind=f"review.{kind}",
        subject=subject_of(case),
        actor=actor,
        payload={"case_id": case.pk, "case_number": case.number, **payload},
    )
    return int(entry.index)


def _require_open(submission: Submission, pack: ResolvedPack) -> None:
    if submission.status not in OPEN_STATUSES:
        raise RuleViolation(
            f"该送审当前状态为“{submission.get_status_display()}”，不能进行审核",
            rule_id="review_not_open",
            cite=rules.review_cite(pack),
            log_message=f"submission {submission.pk} is {submission.status}",
        )


# ------------------------------------------------------------------------------ classification


def mark_major(*, actor: User, case: Case, reason: str, at: dt.datetime | None = None) -> MajorMark:
    """本局认为属于重大: mark a case major by hand with a reason. Where the pack declares the
    ``designated_major`` fact, the case fact is set too (through the cases service, in this
    transaction) so that the decision gate applies to it."""
    _authorise(actor, case.agency, Role.LEGAL_REVIEWER, *HEAD_ROLES, Role.SECTION_HEAD)
    moment = _now(at)
    text = _text(reason, "认定为重大执法决定的理由")
    pack = pack_for_agency(case.agency)
    cite = hand_mark_cite(pack)
    with transaction.atomic():
        locked = _locked_case(case)
        index = _ledger(
            locked, "major.marked", actor, {"reason": text, "cite": cite, "at": when(moment)}
        )
        mark = MajorMark.objects.create(
            agency=locked.agency,
            case=locked,
            reason=text,
            cite=cite,
            marked_by=actor,
            at=moment,
            ledger_index=index,
        )
        if "designated_major" in pack.model.facts and not locked.facts.get("designated_major"):
            case_services.update_facts(
                actor=actor, case=locked, facts={"designated_major": True}, at=moment
            )
    case.refresh_from_db(fields=["facts", "updated_at"])
    return mark


def record_emergency(
    *, actor: User, case: Case, legal_ground: str, at: dt.datetime | None = None
) -> EmergencyDecision:
    """An emergency decision the pack exempts from prior review (``exempt_when``), recorded with
    its legal ground; the ``emergency_measure`` fact is set so the exemption applies."""
    _authorise(actor, case.agency, *HEAD_ROLES, Role.SECTION_HEAD)
    moment = _now(at)
    text = _text(legal_ground, "法律依据及紧急情况")
    pack = pack_for_agency(case.agency)
    major = pack.model.major_decision
    if major is None or major.exempt_when is None or "emergency_measure" not in pack.model.facts:
        raise RuleViolation(
            "本机关的法制审核办法没有规定紧急情况下可不经事先法制审核",
            rule_id="no_emergency_exemption",
            cite=rules.review_cite(pack),
            log_message=f"pack {pack.slug} has no exempt_when",
        )
    cite = str(major.exempt_cite or major.cite)
    with transaction.atomic():
        locked = _locked_case(case)
        index = _ledger(
            locked,
            "emergency.recorded",
            actor,
            {"legal_ground": text, "cite": cite, "at": when(moment)},
        )
        row = EmergencyDecision.objects.create(
            agency=locked.agency,
            case=locked,
            legal_ground=text,
            cite=cite,
            recorded_by=actor,
            at=moment,
            ledger_index=index,
        )
        case_services.update_facts(
            actor=actor, case=locked, facts={"emergency_measure": True}, at=moment
        )
    case.refresh_from_db(fields=["facts", "updated_at"])
    return row


# ------------------------------------------------------------------------------ catalogue

# 重大执法决定事项目录: drawn up, reviewed and filed with the justice bureau by the legal office,
# then published; adjusted → filed and published again (东西湖区司法局实施办法 三（三）第二段;
# 武汉市科技局审核办法 第六条: 报司法局备案). Each adjustment is a new version; a filed or published
# version never changes, so what the portal showed on a day can always be told.
CATALOGUE_ROLES = (Role.LEGAL_REVIEWER,)
CATALOGUE_CITE = (
    "东西湖区司法局全面推行行政执法公示制度执法全过程记录制度重大执法决定法制审核制度实施办法 "
    "三（三）第二段；武汉市外国人来华工作许可重大执法决定法制审核办法（试行） 第六条"
)


def _catalogue_ledger(
    agency: Agency, version: int, kind: str, actor: User, payload: dict[str, Any]
) -> int:
    # The subject names the version, which is unique per agency and known before the row exists.
    entry = append(
        agency=agency,
        kind=f"review.catalogue.{kind}",
        subject=f"review.Catalogue:{agency.slug}:{version}",
        actor=actor,
        payload={"version": version, **payload},
    )
    return int(entry.index)


def _entries(items: Sequence[Mapping[str, str]]) -> list[tuple[str, str]]:
    return [
        (_text(i.get("name", ""), "事项名称"), str(i.get("basis", "") or "").strip()) for i in items
    ]


def _locked_catalogue(catalogue: Catalogue) -> Catalogue:
    return Catalogue.objects.select_for_update().select_related("agency").get(pk=catalogue.pk)


def _require_draft(catalogue: Catalogue) -> None:
    if not catalogue.is_draft:
        raise RuleViolation(
            f"第{catalogue.version}版目录已{catalogue.state_label}，不能再修改；"
            "需要调整的，请新建修订版并重新备案、公布",
            rule_id="catalogue_refile",
            cite=CATALOGUE_CITE,
            log_message=f"catalogue {catalogue.pk} is not a draft",
        )


def draft_catalogue(
    *,
    actor: User,
    agency: Agency,
    items: Sequence[Mapping[str, str]] | None = None,
    at: dt.datetime | None = None,
) -> Catalogue:
    """A new version to draw up: with ``items`` when given, else a copy of the items of the
    latest filed or published version. An agency has one draft at a time."""
    _authorise(actor, agency, *CATALOGUE_ROLES)
    moment = _now(at)
    given = _entries(items) if items is not None else None
    if given and any(not basis for _, basis in given):
        raise InvalidInput(
            "每个事项都应写明法律依据：" + "、".join(n for n, b in given if not b),
            log_message="catalogue item without basis",
        )
    with transaction.atomic():
        # Locking the versions locks nothing while there are none: the agency row is the lock
        # that serialises two first drafts (else both insert version 1: a database error).
        Agency.objects.select_for_update().only("pk").get(pk=agency.pk)
        versions = Catalogue.objects.select_for_update().filter(agency=agency)
        draft = next((c for c in versions.order_by("-version") if c.is_draft), None)
        if draft is not None:
            raise RuleViolation(
                f"已有未备案的目录草稿（第{draft.version}版），请在草稿上修改",
                rule_id="catalogue_draft_exists",
                cite=CATALOGUE_CITE,
                log_message=f"draft {draft.pk} exists",
            )
        last = versions.order_by("-version").first()
        if given is None:
            given = [(i.name, i.basis) for i in last.items.order_by("position")] if last else []
        version = (last.version if last else 0) + 1
        index = _catalogue_ledger(
            agency,
            version,
            "drafted",
            actor,
            {
                "items": [{"name": n, "basis": b} for n, b in given],
                "from_version": last.version if last else None,
                "at": when(moment),
            },
        )
        catalogue = Catalogue.objects.create(
            agency=agency, version=version, created_by=actor, created_at=moment, ledger_index=index
        )
        CatalogueItem.objects.bulk_create(
            CatalogueItem(agency=agency, catalogue=catalogue, position=i + 1, name=n, basis=b)
            for i, (n, b) in enumerate(given)
        )
    return catalogue


def save_catalogue_item(
    *,
    actor: User,
    catalogue: Catalogue,
    name: str,
    basis: str,
    item: CatalogueItem | None = None,
    at: dt.datetime | None = None,
) -> CatalogueItem:
    """Add an item to a draft (``item`` None) or change one of its items."""
    _authorise(actor, catalogue.agency, *CATALOGUE_ROLES)
    moment = _now(at)
    ((text, legal_basis),) = _entries([{"name": name, "basis": basis}])
    if not legal_basis:
        raise InvalidInput("请填写该事项的法律依据。", log_message="catalogue item without basis")
    with transaction.atomic():
        locked = _locked_catalogue(catalogue)
        _require_draft(locked)
        if item is None:
            position = (locked.items.aggregate(m=Max("position"))["m"] or 0) + 1
            row = CatalogueItem(agency=locked.agency, catalogue=locked, position=position)
            previous = None
        else:
            row = CatalogueItem.objects.select_for_update().get(pk=item.pk, catalogue=locked)
            previous = {"name": row.name, "basis": row.basis}
        row.name, row.basis = text, legal_basis
        row.save()
        _catalogue_ledger(
            locked.agency,
            locked.version,
            "item_saved",
            actor,
            {
                "position": row.position,
                "name": text,
                "basis": legal_basis,
                "previous": previous,
                "at": when(moment),
            },
        )
    return row


def remove_catalogue_item(
    *, actor: User, item: CatalogueItem, at: dt.datetime | None = None
) -> Catalogue:
    """Take an item out of a draft (it was never filed or published, so nothing refers to it;
    the ledger keeps what it said)."""
    _authorise(actor, item.agency, *CATALOGUE_ROLES)
    moment = _now(at)
    with transaction.atomic():
        locked = _locked_catalogue(item.catalogue)
        _require_draft(locked)
        row = CatalogueItem.objects.select_for_update().get(pk=item.pk, catalogue=locked)
        _catalogue_ledger(
            locked.agency,
            locked.version,
            "item_removed",
            actor,
            {"position": row.position, "name": row.name, "basis": row.basis, "at": when(moment)},
        )
        row.delete()
        for later in locked.items.select_for_update().filter(position__gt=row.position):
            later.position -= 1
            later.save(update_fields=["position"])
    return locked


def file_catalogue(
    *,
    actor: User,
    catalogue: Catalogue,
    filed_on: dt.date,
    filing_ref: str,
    at: dt.datetime | None = None,
) -> Catalogue:
    """报司法局备案: the date and reference of the filing; the version is fixed from then on."""
    _authorise(actor, catalogue.agency, *CATALOGUE_ROLES)
    moment = _now(at)
    ref = _text(filing_ref, "备案文号")
    if filed_on > _day(moment):
        raise InvalidInput("备案日期不能晚于今天。", log_message=f"filed_on {filed_on} future")
    with transaction.atomic():
        locked = _locked_catalogue(catalogue)
        _require_draft(locked)
        if not locked.items.exists():
            raise InvalidInput("目录至少应有一项。", log_message="empty catalogue")
        _catalogue_ledger(
            locked.agency,
            locked.version,
            "filed",
            actor,
            {"filed_on": filed_on.isoformat(), "filing_ref": ref, "at": when(moment)},
        )
        locked.filed_on, locked.filing_ref = filed_on, ref
        locked.save(update_fields=["filed_on", "filing_ref"])
    return locked


def publish_catalogue_version(
    *,
    actor: User,
    catalogue: Catalogue,
    published_on: dt.date | None = None,
    at: dt.datetime | None = None,
) -> Catalogue:
    """对外公布 a filed version; it replaces the version published before it on the portal."""
    _authorise(actor, catalogue.agency, *CATALOGUE_ROLES)
    moment = _now(at)
    day = published_on or _day(moment)
    with transaction.atomic():
        locked = _locked_catalogue(catalogue)
        if locked.published_on is not None or locked.withdrawn_on is not None:
            raise RuleViolation(
                f"第{locked.version}版目录已{locked.state_label}",
                rule_id="catalogue_published",
                cite=CATALOGUE_CITE,
            )
        if locked.filed_on is None:
            raise RuleViolation(
                "目录须经审核并报司法局备案后方可对外公布",
                rule_id="catalogue_filing_first",
                cite=CATALOGUE_CITE,
                log_message=f"publish unfiled catalogue {locked.pk}",
            )
        if day < locked.filed_on:
            raise InvalidInput("公布日期不能早于备案日期。", log_message="published before filed")
        _catalogue_ledger(
            locked.agency,
            locked.version,
            "published",
            actor,
            {"published_on": day.isoformat(), "at": when(moment)},
        )
        locked.published_on = day
        locked.save(update_fields=["published_on"])
    return locked


def withdraw_catalogue(
    *,
    actor: User,
    catalogue: Catalogue,
    reason: str,
    at: dt.datetime | None = None,
) -> Catalogue:
    """撤回 a published version from the portal (e.g. the law changed); the row stays."""
    _authorise(actor, catalogue.agency, *CATALOGUE_ROLES)
    moment = _now(at)
    text = _text(reason, "撤回理由")
    with transaction.atomic():
        locked = _locked_catalogue(catalogue)
        if locked.published_on is None or locked.withdrawn_on is not None:
            raise RuleViolation(
                f"第{locked.version}版目录{locked.state_label}，不能撤回",
                rule_id="catalogue_not_published",
                cite=CATALOGUE_CITE,
            )
        _catalogue_ledger(
            locked.agency, locked.version, "withdrawn", actor, {"reason": text, "at": when(moment)}
        )
        locked.withdrawn_on = _day(moment)
        locked.withdrawal_reason = text
        locked.save(update_fields=["withdrawn_on", "withdrawal_reason"])
    return locked


def publish_catalogue(
    *,
    actor: User,
    agency: Agency,
    items: Sequence[Mapping[str, str]],
    filed_on: dt.date,
    filing_ref: str,
    published_on: dt.date | None = None,
    at: dt.datetime | None = None,
) -> Catalogue:
    """A whole version in one go (the demo and imports): drafted, filed and, with
    ``published_on``, published — each step through its own service, in one transaction."""
    if not items:
        raise InvalidInput("目录至少应有一项。", log_message="empty catalogue")
    with transaction.atomic():
        catalogue = draft_catalogue(actor=actor, agency=agency, items=items, at=at)
        catalogue = file_catalogue(
            actor=actor, catalogue=catalogue, filed_on=filed_on, filing_ref=filing_ref, at=at
        )
        if published_on is not None:
            catalogue = publish_catalogue_version(
                actor=actor, catalogue=catalogue, published_on=published_on, at=at
            )
    return catalogue


# ------------------------------------------------------------------------------ submission


def submit(
    *,
    actor: User,
    case: Case,
    proposal: str,
    reasons: str,
    legal_basis: str,
    materials: Mapping[str, str],
    entrusted_org: str = "",
    at: dt.datetime | None = None,
) -> Submission:
    """送审: the handling department submits its proposal with the materials the pack lists.

    Incomplete (a required material or the proposal, reasons or basis missing): recorded as
    ``returned`` with what is missing, and no clock runs. Complete: the review clock starts
    (``review.time_limit`` counted from receipt of complete materials). An earlier open or
    returned submission of the case is superseded: only the latest proposal can be decided.
    """
    _authorise(actor, case.agency, *DEPARTMENT_ROLES)
    moment = _now(at)
    pack = pack_for_agency(case.agency)
    entrusted = entrusted_org.strip()
    if entrusted and not rules.allows_entrusted(pack):
        raise RuleViolation(
            "本机关的法制审核办法没有规定由受委托组织的法制审核机构审核",
            rule_id="entrusted_review",
            cite=rules.review_cite(pack),
            log_message="entrusted review not in pack",
        )
    texts = {
        "proposal": proposal.strip(),
        "reasons": reasons.strip(),
        "legal_basis": legal_basis.strip(),
    }
    given = {k: str(v).strip() for k, v in materials.items() if str(v).strip()}
    unknown = set(given) - {m.id for m in rules.materials(pack)}
    if unknown:
        raise InvalidInput(
            "未定义的送审材料：" + "、".join(sorted(unknown)), log_message=f"materials {unknown}"
        )
    missing = rules.missing_materials(pack, texts, given)
    with transaction.atomic():
        locked = _locked_case(case)
        if locked.is_closed:
            raise RuleViolation(
                f"案件 {locked.number} 已办结，不能送审",
                rule_id="case_closed",
                cite=rules.review_cite(pack),
            )
        previous = list(
            Submission.objects.select_for_update()
            .filter(case=locked)
            .exclude(status=SubmissionStatus.SUPERSEDED)
        )
        sequence = (
            Submission.objects.filter(case=locked).aggregate(m=Max("sequence"))["m"] or 0
        ) + 1
        facts = facts_of(locked)
        grounds = [
            g.as_json()
            for g in classify(
                pack, _scalar(facts, pack), manual=hand_mark_reason(locked), strict=False
            ).grounds
        ]
        office = (
            f"{entrusted}法制审核机构"
            if entrusted
            else str(pack.model.review.office if pack.model.review else "法制审核机构")
        )
        complete = not missing
        due = None
        limit = rules.time_limit(pack)
        if complete and limit is not None:
            due = compute(_day(moment), limit.amount, limit.unit)
        status = SubmissionStatus.IN_REVIEW if complete else SubmissionStatus.RETURNED
        print_ = fingerprint(
            facts=locked.facts, proposal=texts["proposal"], legal_basis=texts["legal_basis"]
        )
        index = _ledger(
            locked,
            "submission.received" if complete else "submission.returned",
            actor,
            {
                "sequence": sequence,
                **texts,
                "materials": given,
                "missing": missing,
                "grounds": grounds,
                "office": office,
                "fingerprint": print_,
                "due": due.due.isoformat() if due else None,
                "at": when(moment),
                "supersedes": [p.sequence for p in previous],
            },
        )
        for old in previous:
            old.status = SubmissionStatus.SUPERSEDED
            old.save(update_fields=["status"])
        return Submission.objects.create(
            agency=locked.agency,
            case=locked,
            sequence=sequence,
            status=status,
            materials=given,
            missing=missing,
            grounds=grounds,
            office=office,
            entrusted_org=entrusted,
            facts_snapshot=dict(locked.facts),
            fingerprint=print_,
            submitted_by=actor,
            submitted_at=moment,
            complete_at=moment if complete else None,
            due=due.due if due else None,
            due_cite=limit.cite if (due and limit) else "",
            due_explanation=due.explain() if due else "",
            provisional=due.provisional if due else False,
            ledger_index=index,
            **texts,
        )


def _scalar(facts: Mapping[str, Any], pack: ResolvedPack) -> dict[str, Any]:
    """Only the declared facts (the case may carry a procedure the pack does not declare)."""
    return {k: v for k, v in facts.items() if k in pack.model.facts}


def hand_mark_reason(case: Case) -> str | None:
    """The reason of the case's latest 本局认为属于重大 mark, if any."""
    mark = MajorMark.objects.filter(case=case).order_by("-at", "-id").first()
    return mark.reason if mark else None


def extend(
    *,
    actor: User,
    submission: Submission,
    approver: User,
    reason: str,
    approval_ref: str = "",
    at: dt.datetime | None = None,
) -> Submission:
    """延长审核期限 with the approval of the role the pack names (经本局行政负责人批准)."""
    _authorise(actor, submission.agency, Role.LEGAL_REVIEWER, *HEAD_ROLES)
    moment = _now(at)
    text = _text(reason, "延长理由")
    pack = pack_for_agency(submission.agency)
    ext = rules.extension(pack)
    if ext is None:
        raise RuleViolation(
            "本机关的法制审核办法没有规定延长审核期限",
            rule_id="review_extension",
            cite=rules.review_cite(pack),
        )
    if approver.agency_id != submission.agency_id or not approver.has_role(
        *deciders(ext.approver_role)
    ):
        raise RuleViolation(
            f"延长审核期限须经{Role(ext.approver_role).label}批准",
            rule_id="review_extension",
            cite=ext.cite,
            log_message=f"approver {approver} lacks {ext.approver_role}",
        )
    with transaction.atomic():
        case, locked = _locked_submission(submission)
        _require_open(locked, pack)
        if locked.due is None or locked.extensions_used >= (ext.times or 1):
            raise RuleViolation(
                "审核期限已延长过，不能再次延长" if locked.due else "审核期限尚未起算",
                rule_id="review_extension",
                cite=ext.cite,
                log_message=f"extension refused: used {locked.extensions_used}",
            )
        new = compute(locked.due, ext.amount, ext.unit)
        index = _ledger(
            case,
            "deadline.extended",
            actor,
            {
                "sequence": locked.sequence,
                "previous_due": locked.due.isoformat(),
                "new_due": new.due.isoformat(),
                "approver": approver.username,
                "approval_ref": approval_ref,
                "reason": text,
                "cite": ext.cite,
                "at": when(moment),
            },
        )
        locked.history = [
            *locked.history,
            {
                "what": "extended",
                "previous_due": locked.due.isoformat(),
                "new_due": new.due.isoformat(),
                "approver": approver.username,
                "approval_ref": approval_ref,
                "reason": text,
                "cite": ext.cite,
                "ledger_index": index,
            },
        ]
        locked.due = new.due
        locked.provisional = locked.provisional or new.provisional
        locked.due_explanation = f"{locked.due_explanation}\n延长：{new.explain()}"
        locked.extensions_used += 1
        locked.save(
            update_fields=["history", "due", "provisional", "due_explanation", "extensions_used"]
        )
    return locked


# ------------------------------------------------------------------------------ the review


def record_finding(
    *,
    actor: User,
    submission: Submission,
    item_id: str,
    passed: bool,
    note: str = "",
    legality_issue: bool = False,
    at: dt.datetime | None = None,
) -> ChecklistFinding:
    """One checklist item's finding. A failed item marked as a legality problem opens a
    :class:`LegalityIssue` that blocks the decision until it is corrected."""
    _authorise(actor, submission.agency, *REVIEWER_ROLES)
    moment = _now(at)
    pack = pack_for_agency(submission.agency)
    item = rules.checklist_item(pack, item_id)
    if not passed and not note.strip():
        raise InvalidInput(
            "不符合的审核事项须写明意见。", log_message="failed finding without note"
        )
    if legality_issue and passed:
        raise InvalidInput("符合的事项不能同时登记为合法性问题。", log_message="passed + issue")
    with transaction.atomic():
        case, locked = _locked_submission(submission)
        _require_open(locked, pack)
        index = _ledger(
            case,
            "finding.recorded",
            actor,
            {
                "sequence": locked.sequence,
                "item": item.id,
                "passed": passed,
                "note": note.strip(),
                "legality_issue": legality_issue,
                "at": when(moment),
            },
        )
        finding = ChecklistFinding.objects.create(
            agency=locked.agency,
            submission=locked,
            item_id=item.id,
            label=item.label,
            cite=item.cite,
            passed=passed,
            note=note.strip(),
            recorded_by=actor,
            at=moment,
            ledger_index=index,
        )
        if legality_issue:
            LegalityIssue.objects.create(
                agency=locked.agency,
                case=case,
                submission=locked,
                description=f"{item.label}：{note.strip()}",
                cite=rules.uncorrected_cite(pack),
                opened_by=actor,
                opened_at=moment,
                ledger_index=index,
            )
    return finding


def record_consultation(
    *,
    actor: User,
    submission: Submission,
    kind: str,
    participants: str,
    summary: str,
    at: dt.datetime | None = None,
) -> Consultation:
    """了解情况、询问、论证或者咨询法律顾问 — recorded with who took part and what was said."""
    from sanxiang.review.choices import ConsultationKind

    _authorise(actor, submission.agency, *REVIEWER_ROLES)
    moment = _now(at)
    if kind not in ConsultationKind.values:
        raise InvalidInput("未定义的了解情况方式。", log_message=f"kind {kind}")
    who = _text(participants, "参加人员")
    what = _text(summary, "情况记录")
    pack = pack_for_agency(submission.agency)
    with transaction.atomic():
        case, locked = _locked_submission(submission)
        _require_open(locked, pack)
        index = _ledger(
            case,
            "consultation.recorded",
            actor,
            {
                "sequence": locked.sequence,
                "kind": kind,
                "participants": who,
                "summary": what,
                "at": when(moment),
            },
        )
        return Consultation.objects.create(
            agency=locked.agency,
            submission=locked,
            kind=kind,
            participants=who,
            summary=what,
            recorded_by=actor,
            at=moment,
            ledger_index=index,
        )


def latest_findings(submission: Submission) -> dict[str, ChecklistFinding]:
    """The finding in force per checklist item (a later finding replaces an earlier one)."""
    found: dict[str, ChecklistFinding] = {}
    for finding in submission.findings.order_by("at", "id"):
        found[finding.item_id] = finding
    return found


def issue_opinion(
    *,
    actor: User,
    submission: Submission,
    outcome_id: str,
    reasons: str,
    at: dt.datetime | None = None,
) -> Opinion:
    """出具法制审核意见书: an outcome of the pack with written reasons, after a finding on every
    required checklist item; issued in two copies, one to the case file and one to the review
    office's archive (市人社局审核办法 第十三条). An approving outcome is refused while a
    checklist item failed or a legality issue is open."""
    _authorise(actor, submission.agency, *REVIEWER_ROLES)
    moment = _now(at)
    text = _text(reasons, "审核意见理由")
    pack = pack_for_agency(submission.agency)
    outcome = rules.outcome(pack, outcome_id)
    with transaction.atomic():
        case, locked = _locked_submission(submission)
        _require_open(locked, pack)
        findings = latest_findings(locked)
        missing = [i for i in rules.checklist(pack) if i.required and i.id not in findings]
        if missing:
            raise RuleViolation(
                "出具审核意见前须逐项审核：" + "、".join(i.label for i in missing),
                rule_id=missing[0].id,
                cite=missing[0].cite,
                log_message=f"checklist incomplete: {[i.id for i in missing]}",
            )
        if outcome.allows_decision:
            failed = [f for f in findings.values() if not f.passed]
            open_issues = LegalityIssue.objects.filter(case=case, corrected_at__isnull=True).count()
            if failed or open_issues:
                detail = "、".join(f.label for f in failed) or f"{open_issues} 项合法性问题未纠正"
                raise RuleViolation(
                    f"存在不符合的审核事项或者未纠正的合法性问题，不能出具同意意见：{detail}",
                    rule_id="no_decision_until_corrected",
                    cite=rules.uncorrected_cite(pack),
                    log_message=f"approve with {len(failed)} failed, {open_issues} open issues",
                )
        is_rereview = locked.status == SubmissionStatus.REREVIEW
        count = Opinion.objects.filter(submission__case=case).count() + 1
        number = f"{case.number}-审{count}"
        copies = [
            {"destination": d.value, "label": d.label, "at": when(moment)} for d in CopyDestination
        ]
        index = _ledger(
            case,
            "opinion.issued",
            actor,
            {
                "sequence": locked.sequence,
                "number": number,
                "outcome": outcome.id,
                "allows_decision": outcome.allows_decision,
                "reasons": text,
                "rereview": is_rereview,
                "copies": [c["destination"] for c in copies],
                "fingerprint": locked.fingerprint,
                "at": when(moment),
            },
        )
        opinion = Opinion.objects.create(
            agency=locked.agency,
            submission=locked,
            number=number,
            outcome_id=outcome.id,
            outcome_label=outcome.label,
            cite=outcome.cite,
            allows_decision=outcome.allows_decision,
            reasons=text,
            is_rereview=is_rereview,
            copies=copies,
            issued_by=actor,
            issued_at=moment,
            ledger_index=index,
        )
        locked.status = SubmissionStatus.OPINION_ISSUED
        locked.save(update_fields=["status"])
    return opinion


def correct_issue(
    *, actor: User, issue: LegalityIssue, correction: str, at: dt.datetime | None = None
) -> LegalityIssue:
    """The department corrects a legality problem; the reviewer records it as corrected."""
    _authorise(actor, issue.agency, *REVIEWER_ROLES)
    moment = _now(at)
    text = _text(correction, "纠正情况")
    with transaction.atomic():
        case = _locked_case(issue.case)
        locked = LegalityIssue.objects.select_for_update().get(pk=issue.pk)
        if locked.corrected_at is not None:
            raise RuleViolation(
                "该合法性问题已登记为纠正", rule_id="issue_corrected", cite=locked.cite
            )
        _ledger(
            case,
            "issue.corrected",
            actor,
            {
                "issue_id": locked.pk,
                "description": locked.description,
                "correction": text,
                "at": when(moment),
            },
        )
        locked.correction = text
        locked.corrected_by = actor
        locked.corrected_at = moment
        locked.save(update_fields=["correction", "corrected_by", "corrected_at"])
    return locked


# ------------------------------------------------------------------------------ disagreement


def request_rereview(
    *, actor: User, submission: Submission, reasons: str, at: dt.datetime | None = None
) -> ReRequest:
    """书面申请复审 — once (the pack's ``rereview.times``), against the opinion issued."""
    _authorise(actor, submission.agency, *DEPARTMENT_ROLES)
    moment = _now(at)
    text = _text(reasons, "复审理由")
    pack = pack_for_agency(submission.agency)
    rule = rules.rereview(pack)
    if rule is None:
        raise RuleViolation(
            "本机关的法制审核办法没有规定复审", rule_id="rereview", cite=rules.review_cite(pack)
        )
    with transaction.atomic():
        case, locked = _locked_submission(submission)
        opinion = locked.opinions.order_by("-issued_at", "-id").first()
        if locked.status != SubmissionStatus.OPINION_ISSUED or opinion is None:
            raise RuleViolation(
                "尚未出具审核意见，不能申请复审", rule_id="rereview", cite=rule.cite
            )
        if locked.rereviews_used >= (rule.times or 1):
            raise RuleViolation(
                f"复审只能申请{rule.times or 1}次；仍有异议的，提请负责人决定",
                rule_id="rereview",
                cite=rule.cite,
                log_message=f"rereview used {locked.rereviews_used}",
            )
        index = _ledger(
            case,
            "rereview.requested",
            actor,
            {
                "sequence": locked.sequence,
                "opinion": opinion.number,
                "reasons": text,
                "at": when(moment),
            },
        )
        row = ReRequest.objects.create(
            agency=locked.agency,
            submission=locked,
            opinion=opinion,
            reasons=text,
            cite=rule.cite,
            requested_by=actor,
            at=moment,
            ledger_index=index,
        )
        limit = rules.rereview_limit(pack)
        fields = ["status", "rereviews_used"]
        if limit is not None:
            due = compute(_day(moment), limit.amount, limit.unit)
            locked.due, locked.provisional = due.due, due.provisional
            locked.due_explanation = f"{locked.due_explanation}\n复审：{due.explain()}"
            fields += ["due", "provisional", "due_explanation"]
        locked.status = SubmissionStatus.REREVIEW
        locked.rereviews_used += 1
        locked.save(update_fields=fields)
    return row


def escalate(
    *,
    actor: User,
    submission: Submission,
    department_opinion: str,
    review_office_opinion: str,
    deputy_opinion: str,
    allows_decision: bool,
    reasons: str,
    collective_discussion: str = "",
    party_group_meeting: bool = False,
    at: dt.datetime | None = None,
) -> Escalation:
    """负责人决定 after re-review: the head (the pack's ``escalation.decided_by``) decides with
    the department's, the review office's and the deputy head's opinions on record."""
    pack = pack_for_agency(submission.agency)
    rule = rules.escalation(pack)
    if rule is None:
        _authorise(actor, submission.agency)
        raise RuleViolation(
            "本机关的法制审核办法没有规定提请负责人决定",
            rule_id="escalation",
            cite=rules.review_cite(pack),
        )
    _authorise(actor, submission.agency, *deciders(rule.decided_by))
    # 武汉市科技局审核办法 第十条第二款: 三重一大 matters go to the party group meeting; only a
    # pack that says so can record a decision as taken there.
    party_cite = rules.rule_cite(pack, "party_group_meeting", "")
    if party_group_meeting and not party_cite:
        raise RuleViolation(
            "本机关的法制审核办法没有规定提请党组会议研究决定",
            rule_id="party_group_meeting",
            cite=rule.cite,
            log_message=f"pack {pack.slug} has no party_group_meeting rule",
        )
    moment = _now(at)
    texts = {
        "department_opinion": _text(department_opinion, "承办机构意见"),
        "review_office_opinion": _text(review_office_opinion, "法制审核机构意见"),
        "deputy_opinion": _text(deputy_opinion, "分管负责人意见"),
        "reasons": _text(reasons, "决定理由"),
    }
    with transaction.atomic():
        case, locked = _locked_submission(submission)
        # 市人社局审核办法 第十一条第二款 / 武汉市科技局审核办法 第十条第二款: where the law
        # requires collective discussion, it comes before the head's decision.
        discussion_cite = rules.rule_cite(pack, "collective_discussion_first", "")
        if (
            discussion_cite
            and case.facts.get("collective_discussion_required")
            and not collective_discussion.strip()
        ):
            raise RuleViolation(
                "依法应当集体讨论的，须先记录集体讨论情况，再由负责人决定",
                rule_id="collective_discussion_first",
                cite=discussion_cite,
                log_message="escalation without collective discussion",
            )
        rereviewed = locked.opinions.filter(is_rereview=True).exists()
        if locked.status != SubmissionStatus.OPINION_ISSUED or not rereviewed:
            raise RuleViolation(
                "须经复审后仍有异议，方可提请负责人决定",
                rule_id="escalation",
                cite=rule.cite,
                log_message=f"escalation before rereview ({locked.status})",
            )
        index = _ledger(
            case,
            "escalation.decided",
            actor,
            {
                "sequence": locked.sequence,
                **texts,
                "allows_decision": allows_decision,
                "collective_discussion": collective_discussion.strip(),
                "party_group_meeting": party_group_meeting,
                "at": when(moment),
            },
        )
        row = Escalation.objects.create(
            agency=locked.agency,
            submission=locked,
            allows_decision=allows_decision,
            collective_discussion=collective_discussion.strip(),
            party_group_meeting=party_group_meeting,
            cite=f"{rule.cite}；{party_cite}" if party_group_meeting else rule.cite,
            decided_by=actor,
            at=moment,
            ledger_index=index,
            **texts,
        )
        locked.status = SubmissionStatus.ESCALATED
        locked.save(update_fields=["status"])
    return row
