"""A resolved pack as readable sections of rules, each with its citation and provenance.

One structure feeds both ``sanxiang policy show`` (text) and the public page ``/policy/<slug>/``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .resolved import ResolvedPack

UNIT_ZH = {"workday": "个工作日", "day": "日", "month": "个月"}
ROLE_ZH = {
    "officer": "承办人",
    "section_head": "承办机构负责人",
    "leader": "分管局领导/主要负责人",
    "legal_reviewer": "法制审核人员",
    "publicity": "信息公开人员",
    "archivist": "档案管理员",
    "agency_admin": "本机关数据管理员",
    "supervisor": "监督人员",
}
PHASE_ZH = {"before": "事前", "during": "事中", "after": "事后"}


@dataclass(frozen=True)
class Entry:
    text: str
    cite: str = ""
    level: int = 0
    provenance: str = ""  # "", "继承自 national", "覆盖 national"
    key: str = ""

    @property
    def indent(self) -> str:
        # Full-width spaces: the CSP allows no inline styles, and site.css is shared.
        return "\u3000" * (2 * self.level)


@dataclass
class Section:
    title: str
    entries: list[Entry] = field(default_factory=list)


def limit_text(amount: int | None, unit: str | None) -> str:
    if amount is None or unit is None:
        return ""
    if amount == 0 and unit == "day":
        return "当日"
    return f"{amount}{UNIT_ZH.get(unit, unit)}"


def role_text(role: str | None) -> str:
    return ROLE_ZH.get(role or "", role or "")


def _cond(value: Any, label: str) -> str:
    if value is True:
        return label
    if isinstance(value, str):
        return f"{label}（条件 {value}）"
    return ""


class _Builder:
    def __init__(self, pack: ResolvedPack) -> None:
        self.pack = pack
        self.sections: list[Section] = []

    def section(self, title: str) -> Section:
        self.sections.append(Section(title))
        return self.sections[-1]

    def rule(self, section: Section, key: str, text: str, cite: str, level: int = 0) -> None:
        info = self.pack.rules.get(key)
        note = ""
        if info is not None and info.status == "inherited":
            note = f"继承自 {info.origin}"
        elif info is not None and info.status == "overridden":
            note = f"覆盖 {', '.join(info.replaced)}"
        section.entries.append(Entry(text, cite, level, note, key))

    def table(self, section: Section, path: str, text: str, cite: str, level: int = 0) -> None:
        origin = self.pack.table_origins.get(path, self.pack.slug)
        note = f"继承自 {origin}" if origin != self.pack.slug else ""
        section.entries.append(Entry(text, cite, level, note, path))

    def build(self) -> list[Section]:
        if self.pack.sources:
            s = self.section("依据文件 sources")
            for src in self.pack.sources:
                number = f" {src.doc_no}" if src.doc_no else ""
                s.entries.append(Entry(f"[{src.id}] {src.title}{number}"))
        self.case_kinds()
        self.deadlines()
        self.review()
        self.disclosure()
        self.records()
        self.catalogues()
        return self.sections

    def catalogues(self) -> None:
        m = self.pack.model
        if m.events:
            s = self.section("事件 events（期限的起点和终点）")
            for event_id, event in m.events.items():
                s.entries.append(Entry(f"{event.label}（{event_id}）", event.cite or ""))
        if m.facts:
            s = self.section("案件事实 facts（条件可引用）")
            for name, fact in m.facts.items():
                values = f"，取值 {'、'.join(fact.values)}" if fact.values else ""
                unit = f"，单位 {fact.unit}" if fact.unit else ""
                text = f"{name}：{fact.label}（{fact.type}{values}{unit}）"
                s.entries.append(Entry(text, fact.cite or ""))

    def case_kinds(self) -> None:
        m = self.pack.model
        if not m.case_kinds:
            return
        s = self.section("案件类型与程序 case kinds and procedures")
        for kind_id, kind in m.case_kinds.items():
            self.table(s, f"case_kinds.{kind_id}", f"{kind.label}（{kind_id}）", kind.cite)
            for proc_id, proc in kind.procedures.items():
                prefix = f"{kind_id}.{proc_id}"
                cond = f"；适用条件 {proc.applies_when}" if proc.applies_when else ""
                self.table(
                    s,
                    f"case_kinds.{kind_id}.procedures.{proc_id}",
                    f"程序 {proc.label}（{prefix}）：起始 {proc.initial}，终结 "
                    f"{'、'.join(proc.terminal)}{cond}",
                    proc.cite,
                    1,
                )
                for stage in proc.stages:
                    extras = []
                    if stage.approver_role:
                        extras.append(f"由{role_text(stage.approver_role)}审批")
                    if stage.requires_certified_officers:
                        extras.append(f"持证执法人员不少于{stage.requires_certified_officers}人")
                    if stage.review_gate:
                        extras.append("重大执法决定须先经法制审核")
                    if stage.collective_discussion:
                        extras.append(_cond(stage.collective_discussion, "集体讨论"))
                    more = f"（{'；'.join(extras)}）" if extras else ""
                    self.rule(
                        s,
                        f"{prefix}.{stage.id}",
                        f"环节 {stage.label}（{stage.id}）{more}",
                        stage.cite,
                        2,
                    )
                    for rec in stage.records:
                        flags = "；".join(
                            x
                            for x in (
                                _cond(rec.required, "必备"),
                                _cond(rec.av_required, "音像记录"),
                            )
                            if x
                        )
                        self.rule(
                            s,
                            f"{prefix}.{rec.id}",
                            f"记录 {rec.label}（{rec.id}）{flags}",
                            rec.cite,
                            3,
                        )
                for t in proc.transitions:
                    cond = f"，条件 {t.when}" if t.when else ""
                    self.rule(
                        s,
                        f"{prefix}.{t.id}",
                        f"流转 {'、'.join(t.from_)} → {t.to}（{t.id}）{cond}",
                        t.cite,
                        2,
                    )

    def deadlines(self) -> None:
        m = self.pack.model
        if not m.deadlines:
            return
        s = self.section("期限 deadlines")
        for d in m.deadlines:
            parts = [f"{d.label}（{d.id}）：自 {d.trigger} 起 {limit_text(d.amount, d.unit)}"]
            if d.mode == "not_before":
                parts.append(f"期满后方可 {d.until or '进行'}")
            elif d.until:
                parts.append(f"至 {d.until}")
            if d.case_kinds:
                parts.append(f"适用于 {'、'.join(d.case_kinds)}")
            if d.applies_when:
                parts.append(f"条件 {d.applies_when}")
            if d.stops_clock:
                parts.append(f"不计入期限：{'、'.join(d.stops_clock)}")
            if d.extension:
                e = d.extension
                parts.append(
                    f"经{role_text(e.approver_role)}批准可延长{limit_text(e.amount, e.unit)}"
                    f"（{e.cite}）"
                )
            self.rule(s, d.id, "，".join(parts), d.cite)
        if m.clock_stops:
            for stop_id, stop in m.clock_stops.items():
                self.table(
                    s,
                    f"clock_stops.{stop_id}",
                    f"不计入期限 {stop.label}（{stop_id}）",
                    stop.cite,
                    1,
                )

    def review(self) -> None:
        m = self.pack.model
        if m.major_decision:
            s = self.section("重大执法决定 major decisions")
            self.table(s, "major_decision", "重大执法决定标准", m.major_decision.cite)
            if m.major_decision.exempt_when:
                text = f"免于事先法制审核：条件 {m.major_decision.exempt_when}"
                s.entries.append(Entry(text, m.major_decision.exempt_cite or "", 1))
            for c in m.major_decision.criteria:
                self.rule(s, c.id, f"{c.label}（{c.id}）：条件 {c.when}", c.cite, 1)
        r = m.review
        if r is None:
            return
        s = self.section("法制审核 legal review")
        self.table(s, "review", f"审核机构 {r.office}", r.cite)
        tl = r.time_limit
        if tl is not None:
            start = f"自 {tl.trigger} 起 " if tl.trigger else ""
            text = f"审核期限 {start}{limit_text(tl.amount, tl.unit)}"
            self.table(s, "review.time_limit", text, tl.cite)
        if r.extension:
            e = r.extension
            text = f"经{role_text(e.approver_role)}批准可延长{limit_text(e.amount, e.unit)}"
            self.table(s, "review.extension", text, e.cite)
        if r.rereview:
            rr = r.rereview
            parts = [rr.label or "复审", f"限{rr.times}次"]
            if rr.request_within:
                parts.append(
                    f"申请期限 {limit_text(rr.request_within.amount, rr.request_within.unit)}"
                )
            if rr.time_limit:
                parts.append(f"办理期限 {limit_text(rr.time_limit.amount, rr.time_limit.unit)}")
            self.table(s, "review.rereview", "，".join(parts), rr.cite)
        if r.escalation:
            esc = r.escalation
            text = f"{esc.label or '意见分歧'}：由{role_text(esc.decided_by)}决定"
            self.table(s, "review.escalation", text, esc.cite)
        for item in r.materials:
            self.rule(s, item.id, f"送审材料 {item.label}（{item.id}）", item.cite, 1)
        for item in r.checklist:
            self.rule(s, item.id, f"审核内容 {item.label}（{item.id}）", item.cite, 1)
        for outcome in r.outcomes:
            allows = "可以作出决定" if outcome.allows_decision else "不得作出决定"
            self.rule(s, outcome.id, f"审核意见 {outcome.label}（{allows}）", outcome.cite, 1)
        for rule in r.rules:
            self.generic(s, rule)

    def generic(self, s: Section, rule: Any) -> None:
        parts = [f"{rule.label}（{rule.id}）"]
        if rule.amount is not None:
            start = f"自 {rule.trigger} 起 " if rule.trigger else ""
            parts.append(f"{start}{limit_text(rule.amount, rule.unit)}")
        if rule.when:
            parts.append(f"条件 {rule.when}")
        if rule.approver_role:
            parts.append(f"由{role_text(rule.approver_role)}批准")
        self.rule(s, rule.id, "，".join(parts), rule.cite, 1)

    def disclosure(self) -> None:
        d = self.pack.model.disclosure
        if d is None:
            return
        s = self.section("行政执法公示 disclosure")
        for item in d.items:
            parts = [f"{PHASE_ZH[item.phase]}公开 {item.label}（{item.id}）"]
            if item.deadline:
                dl = item.deadline
                parts.append(f"自 {dl.trigger} 起 {limit_text(dl.amount, dl.unit)}（{dl.cite}）")
            if item.applies_when:
                parts.append(f"条件 {item.applies_when}")
            if item.period:
                parts.append({"month": "按月", "quarter": "按季度", "year": "按年"}[item.period])
            if item.before_stage:
                parts.append(f"公开前不得进入 {item.before_stage}")
            if item.fields:
                parts.append(f"公开字段：{'、'.join(item.fields)}")
            self.rule(s, item.id, "，".join(parts), item.cite)
        for red in d.redaction:
            self.rule(s, red.id, f"隐去 {red.label}（{red.id}）：{'、'.join(red.fields)}", red.cite)
        for ex in d.exclusions:
            cond = f"，条件 {ex.when}" if ex.when else ""
            self.rule(s, ex.id, f"不予公开 {ex.label}（{ex.id}）{cond}", ex.cite)
        for w in d.withdrawal:
            cond = f"，条件 {w.when}" if w.when else ""
            text = (
                f"撤回 {w.label}（{w.id}）：自 {w.trigger} 起 {limit_text(w.amount, w.unit)}{cond}"
            )
            self.rule(s, w.id, text, w.cite)
        for name, label in (("display_period", "公示期限"), ("correction", "更正期限")):
            limit = getattr(d, name)
            if limit:
                text = f"{label} {limit_text(limit.amount, limit.unit)}"
                self.table(s, f"disclosure.{name}", text, limit.cite)
        if d.annual_report:
            a = d.annual_report
            text = f"年度报告：每年{a.due_month}月{a.due_day}日前"
            self.table(s, "disclosure.annual_report", text, a.cite)
        for report in d.reports:
            text = f"{report.label}（{report.id}）：每年{report.due_month}月{report.due_day}日前"
            self.rule(s, report.id, text, report.cite)
        for rule in d.rules:
            self.generic(s, rule)

    def records(self) -> None:
        rec = self.pack.model.records
        if rec is None:
            return
        s = self.section("执法全过程记录与案卷 records")
        if rec.av_ingest:
            text = f"音像记录存储归档 {limit_text(rec.av_ingest.amount, rec.av_ingest.unit)}"
            self.table(s, "records.av_ingest", text, rec.av_ingest.cite)
        for av in rec.av_required:
            self.rule(s, av.id, f"全程音像记录 {av.label}（{av.id}）：条件 {av.when}", av.cite)
        for ret in rec.retention:
            period = (
                "永久"
                if ret.permanent
                else (f"{ret.years}年" if ret.years else f"{ret.months}个月")
            )
            self.rule(s, ret.id, f"保存期限 {ret.label}（{ret.id}）：{period}", ret.cite)
        for name, label in (("case_file", "立卷"), ("archive_transfer", "归档移交")):
            limit = getattr(rec, name)
            if limit:
                text = f"{label}：自 {limit.trigger} 起 {limit_text(limit.amount, limit.unit)}"
                self.table(s, f"records.{name}", text, limit.cite)
        for acc in rec.access:
            approver = f"，由{role_text(acc.approver_role)}批准" if acc.approver_role else ""
            if acc.fields:
                approver += f"，登记 {'、'.join(acc.fields)}"
            self.rule(s, acc.id, f"查阅 {acc.label or acc.who}（{acc.id}）{approver}", acc.cite)
        for rule in rec.rules:
            self.generic(s, rule)


def sections(pack: ResolvedPack) -> list[Section]:
    return _Builder(pack).build()


def render_text(pack: ResolvedPack) -> str:
    meta = pack.model.pack
    lines = [
        f"{meta.name}（{meta.slug}）版本 {meta.version}，自 {meta.effective} 起施行",
        f"继承链 extends: {' → '.join(pack.chain)}",
    ]
    if pack.model.agency is not None:
        agency = pack.model.agency
        region = f"（{agency.region}）" if agency.region else ""
        lines.append(f"执法机关 agency: {agency.name}{region}")
    for section in sections(pack):
        lines.append(f"\n== {section.title} ==")
        for entry in section.entries:
            cite = f" — 依据 {entry.cite}" if entry.cite else ""
            note = f"  [{entry.provenance}]" if entry.provenance else ""
            lines.append(f"{'  ' * entry.level}{entry.text}{cite}{note}")
    return "\n".join(lines)
