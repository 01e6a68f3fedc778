# Data tables of Chinese text: wrapping every string to 100 columns would only hurt reading.
# ruff: noqa: E501
"""The demo data set: the five agencies of the seeds with their people, items and one login per role.

Everything is written through the services (so every row has its ledger entry): agencies by a
system superuser (``demo.system``, which cannot log in), everything else by each agency's own data
administrator. The content is fixed; only certificate dates are relative to today, so that some
certificates are always about to expire and some always expired. Names, numbers and amounts are
invented for the demonstration.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Protocol

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from sanxiang.accounts.choices import Role
from sanxiang.accounts.models import User
from sanxiang.accounts.people import create_user
from sanxiang.ledger.services import create_checkpoint
from sanxiang.registry import services
from sanxiang.registry.choices import (
    CertificateStatus,
    DepartmentKind,
    DiscretionLevel,
    Gender,
    InspectionMethod,
    ItemKind,
    ServiceChannel,
    SubjectKind,
    TimeLimitUnit,
)
from sanxiang.registry.models import (
    Agency,
    AuxiliaryStaff,
    Department,
    DiscretionStandard,
    EnforcementItem,
    EnforcementPost,
    HearingStandard,
    Officer,
    RandomInspectionItem,
    ServiceGuide,
)

DEMO_PASSWORD = "sanxiang-demo-2026"  # noqa: S105 — printed for the demo on purpose
SYSTEM_USERNAME = "demo.system"
SUPERVISOR_USERNAME = "sfj.supervisor"

# One login per role in each agency; the supervisor (司法局) reads across all of them.
AGENCY_ROLES = (
    Role.OFFICER,
    Role.SECTION_HEAD,
    Role.LEADER,
    Role.HEAD,
    Role.LEGAL_REVIEWER,
    Role.PUBLICITY,
    Role.ARCHIVIST,
    Role.AGENCY_ADMIN,
)
_ROLE_SUFFIX = {
    Role.OFFICER: "officer",
    Role.SECTION_HEAD: "section-head",
    Role.LEADER: "leader",
    Role.HEAD: "head",
    Role.LEGAL_REVIEWER: "legal",
    Role.PUBLICITY: "publicity",
    Role.ARCHIVIST: "archivist",
    Role.AGENCY_ADMIN: "admin",
}


class Writer(Protocol):
    """Where progress lines go: a text stream or a management command's ``self.stdout``."""

    def write(self, text: str, /) -> Any: ...


@dataclass(frozen=True)
class DemoLogin:
    username: str
    role: str
    agency: str


# --- the data --------------------------------------------------------------------------------


@dataclass(frozen=True)
class OfficerSpec:
    name: str
    gender: str
    birth_year: int
    title: str
    department: str
    post: str | None
    # Validity relative to today: (days since issue, days until expiry); negative expiry = expired.
    issued_days_ago: int
    expires_in_days: int
    status: str = CertificateStatus.VALID
    legal_qualification_no: str = ""
    login_role: Role | None = None


@dataclass(frozen=True)
class ItemSpec:
    name: str
    kind: str
    legal_basis: str
    department: str
    code: str = ""
    conditions: str = ""
    statutory: tuple[int, str] | None = None
    promised: tuple[int, str] | None = None
    random_inspection: dict[str, Any] | None = None
    fee: tuple[str, str] | None = None
    materials: tuple[str, ...] = ()
    guide: dict[str, Any] | None = None
    discretion: tuple[dict[str, Any], ...] = ()


@dataclass(frozen=True)
class AgencySpec:
    slug: str
    name: str
    info: dict[str, Any]
    cert_prefix: str
    departments: tuple[dict[str, Any], ...]
    posts: tuple[dict[str, Any], ...]
    officers: tuple[OfficerSpec, ...]
    auxiliary: tuple[dict[str, Any], ...]
    items: tuple[ItemSpec, ...]
    hearing: tuple[dict[str, Any], ...] = field(default=())


WD = TimeLimitUnit.WORKDAY
M, F = Gender.MALE, Gender.FEMALE
HEARING_BASIS = "《中华人民共和国行政处罚法》第六十三条；数额为演示数据"

WUHAN_KJJ = AgencySpec(
    slug="wuhan-kjj",
    name="武汉市科学技术局",
    cert_prefix="4201030",
    info={
        "subject_kind": SubjectKind.AUTHORISED,
        "subject_basis": "受湖北省科学技术厅授权办理外国人来华工作许可（武汉市科技局公示办法 第三条）",
        "functions": "贯彻执行科技工作方针政策；承担外国人来华工作许可的受理、审查、决定及事中事后监管。",
        "staffing": "机关行政编制 78 名（演示数据）",
        "staffing_quota": 78,
        "division_of_duties": (
            "科技合作处（武汉市外国专家局）具体承办外国人来华工作许可行政执法事务；\n"
            "政策法制与创新体系建设处（行政审批处）负责法制审核；\n办公室负责信息公开审核。"
        ),
        "jurisdiction": "武汉市行政区域内用人单位聘用外国人的工作许可事项（中国（湖北）自由贸易试验区武汉片区除外）",
        "enforcement_area": "武汉市（除自贸区武汉片区外）",
        "office_phone": "027-8000 1001",
        "supervision_phone": "027-8000 1099",
        "address": "武汉市江岸区（演示地址）",
        "office_hours": "工作日 9:00—12:00，13:30—17:00",
    },
    departments=(
        {
            "name": "科技合作处（武汉市外国专家局）",
            "kind": DepartmentKind.ENFORCEMENT,
            "duties": "承办外国人来华工作许可的受理、审查、决定、送达及监督检查。",
            "phone": "027-8000 1011",
        },
        {
            "name": "政策法制与创新体系建设处（行政审批处）",
            "kind": DepartmentKind.LEGAL,
            "duties": "重大行政执法决定法制审核。",
            "phone": "027-8000 1021",
        },
        {
            "name": "办公室",
            "kind": DepartmentKind.OFFICE,
            "duties": "行政执法信息公示审核、音像记录资料管理。",
            "phone": "027-8000 1031",
        },
    ),
    posts=(
        {
            "name": "工作许可受理岗",
            "department": "科技合作处（武汉市外国专家局）",
            "duties": "接收申请材料，当场或者五个工作日内一次告知需补正的全部内容。",
            "headcount": 2,
        },
        {
            "name": "工作许可审查决定岗",
            "department": "科技合作处（武汉市外国专家局）",
            "duties": "审查申请材料，提出许可或者不予许可的意见。",
            "headcount": 2,
        },
        {
            "name": "法制审核岗",
            "department": "政策法制与创新体系建设处（行政审批处）",
            "duties": "审核重大行政执法决定的合法性、适当性。",
            "headcount": 1,
        },
    ),
    officers=(
        OfficerSpec(
            "周明轩",
            M,
            1979,
            "处长",
            "科技合作处（武汉市外国专家局）",
            "工作许可审查决定岗",
            900,
            700,
            login_role=Role.SECTION_HEAD,
        ),
        OfficerSpec(
            "李婧",
            F,
            1988,
            "一级主任科员",
            "科技合作处（武汉市外国专家局）",
            "工作许可受理岗",
            600,
            1200,
            login_role=Role.OFFICER,
        ),
        OfficerSpec(
            "王子健",
            M,
            1991,
            "二级主任科员",
            "科技合作处（武汉市外国专家局）",
            "工作许可审查决定岗",
            1000,
            18,
        ),
        OfficerSpec(
            "陈思雨",
            F,
            1993,
            "四级主任科员",
            "科技合作处（武汉市外国专家局）",
            "工作许可受理岗",
            1500,
            -40,
        ),
        OfficerSpec(
            "何立新",
            M,
            1975,
            "副处长",
            "政策法制与创新体系建设处（行政审批处）",
            "法制审核岗",
            800,
            900,
            legal_qualification_no="A20094201000123",
            login_role=Role.LEGAL_REVIEWER,
        ),
    ),
    auxiliary=(
        {
            "name": "刘欣",
            "gender": F,
            "department": "科技合作处（武汉市外国专家局）",
            "badge_no": "KJFZ-001",
            "duties": "窗口咨询、材料收转、系统录入。",
            "permissions": "不得作出许可决定，不得单独开展检查。",
            "badge_style": "白底蓝字，标注“执法辅助”字样、姓名、照片和工作证号。",
        },
    ),
    items=(
        ItemSpec(
            name="外国人来华工作许可",
            kind=ItemKind.PERMIT,
            code="WHKJ-XK-001",
            conditions="用人单位依法设立，拟聘外国人符合来华工作条件。",
            legal_basis="《中华人民共和国出境入境管理法》第四十一条；《外国人在中国就业管理规定》；"
            "《外国人来华工作许可服务指南（暂行）》",
            department="科技合作处（武汉市外国专家局）",
            statutory=(20, WD),
            promised=(10, WD),
            materials=(
                "外国人来华工作许可申请表",
                "工作资历证明",
                "最高学位（学历）证书或相关批准文书、职业资格证明",
                "无犯罪记录证明",
                "体检证明",
                "劳动合同或派遣协议",
                "护照或国际旅行证件",
                "本人近期正面免冠照片",
            ),
            guide={
                "service_targets": "在武汉市（自贸区武汉片区除外）注册、拟聘用外国人的用人单位",
                "conditions": "用人单位依法设立，无严重违法失信记录；\n聘用的外国人年满 18 周岁、身体健康、无犯罪记录，具有从事其工作所必需的专业技能或相适应的工作经历。",
                "channel": ServiceChannel.BOTH,
                "venue": "武汉市民之家外国人工作许可窗口",
                "process": "网上申请\n窗口受理（材料不全的一次告知）\n审查\n决定\n制证送达",
                "materials_catalogue": "外国人来华工作许可申请表\n工作资历证明\n学位（学历）证书\n无犯罪记录证明\n体检证明\n劳动合同\n护照\n照片",
                "forms": "申请表在外国人来华工作管理服务系统在线填写，填写说明见系统首页。",
                "sample_text": "《外国人来华工作许可申请表》示范文本（窗口及网站提供）",
                "consultation_phone": "027-8000 1012",
            },
            random_inspection={
                "inspection_targets": "已聘用持证外国人的用人单位",
                "method": InspectionMethod.RANDOM,
                "target_base": 1800,
                "ratio_percent": Decimal("5.00"),
                "frequency": "每年一次",
                "basis": "《外国人在中国就业管理规定》；武汉市科技局公示办法 第十条",
            },
        ),
        ItemSpec(
            name="外国人工作许可证延期、变更、注销",
            kind=ItemKind.PERMIT,
            code="WHKJ-XK-002",
            legal_basis="《外国人来华工作许可服务指南（暂行）》",
            department="科技合作处（武汉市外国专家局）",
            statutory=(20, WD),
            promised=(5, WD),
            materials=("延期/变更/注销申请表", "外国人工作许可证", "相关证明材料"),
        ),
        ItemSpec(
            name="外国人来华工作许可事中事后监督检查",
            kind=ItemKind.INSPECTION,
            code="WHKJ-JC-001",
            legal_basis="《外国人在中国就业管理规定》；《国务院关于在市场监管领域全面推行部门联合“双随机、一公开”监管的意见》",
            department="科技合作处（武汉市外国专家局）",
            random_inspection={
                "inspection_targets": "聘用外国人的用人单位及持证外国人",
                "method": InspectionMethod.ON_SITE,
                "target_base": 1800,
                "ratio_percent": Decimal("3.00"),
                "frequency": "每半年一次",
                "basis": "武汉市科技局公示办法 第十条",
            },
        ),
    ),
)

WUHAN_RSJ = AgencySpec(
    slug="wuhan-rsj",
    name="武汉市人力资源和社会保障局",
    cert_prefix="4201060",
    info={
        "subject_kind": SubjectKind.STATUTORY,
        "functions": "负责全市人力资源和社会保障工作；依法实施劳动保障监察、社会保险监督、人力资源市场管理等行政执法。",
        "staffing": "机关行政编制 96 名，劳动保障监察支队事业编制 60 名（演示数据）",
        "staffing_quota": 156,
        "division_of_duties": (
            "劳动保障监察处（市劳动保障监察支队）：劳动保障监察行政检查、行政处罚；\n"
            "社会保险基金监督处：社会保险基金行政监督；\n人力资源市场处：人力资源服务许可；\n"
            "政策法规处：法制审核、行政执法公示统筹。"
        ),
        "jurisdiction": "武汉市行政区域内由市级管辖的人社行政执法事项",
        "enforcement_area": "武汉市",
        "office_phone": "027-8000 2001",
        "supervision_phone": "12333",
        "address": "武汉市江岸区（演示地址）",
        "office_hours": "工作日 9:00—12:00，13:30—17:00",
    },
    departments=(
        {
            "name": "劳动保障监察处（市劳动保障监察支队）",
            "kind": DepartmentKind.ENFORCEMENT,
            "duties": "劳动保障监察日常巡查、举报投诉查处、行政处罚。",
            "phone": "027-8000 2011",
        },
        {
            "name": "社会保险基金监督处",
            "kind": DepartmentKind.ENFORCEMENT,
            "duties": "社会保险基金行政监督、欺诈骗保查处。",
            "phone": "027-8000 2012",
        },
        {
            "name": "人力资源市场处",
            "kind": DepartmentKind.ENFORCEMENT,
            "duties": "人力资源服务许可及监管。",
            "phone": "027-8000 2013",
        },
        {
            "name": "政策法规处",
            "kind": DepartmentKind.LEGAL,
            "duties": "重大行政执法决定法制审核；统筹行政执法公示。",
            "phone": "027-8000 2021",
        },
        {
            "name": "办公室",
            "kind": DepartmentKind.OFFICE,
            "duties": "信息公开审核、档案管理。",
            "phone": "027-8000 2031",
        },
    ),
    posts=(
        {
            "name": "监察执法岗",
            "department": "劳动保障监察处（市劳动保障监察支队）",
            "duties": "开展日常巡视检查、书面审查，受理举报投诉并调查处理。",
            "headcount": 12,
        },
        {
            "name": "基金监督岗",
            "department": "社会保险基金监督处",
            "duties": "对社会保险经办机构、定点服务机构开展基金监督检查。",
            "headcount": 4,
        },
        {
            "name": "许可审批岗",
            "department": "人力资源市场处",
            "duties": "人力资源服务许可的受理、审查与决定。",
            "headcount": 3,
        },
        {
            "name": "法制审核岗",
            "department": "政策法规处",
            "duties": "重大行政执法决定法制审核。",
            "headcount": 3,
        },
    ),
    officers=(
        OfficerSpec(
            "张卫东",
            M,
            1976,
            "处长（支队长）",
            "劳动保障监察处（市劳动保障监察支队）",
            "监察执法岗",
            1200,
            600,
            login_role=Role.SECTION_HEAD,
        ),
        OfficerSpec(
            "刘芳",
            F,
            1986,
            "一级主任科员",
            "劳动保障监察处（市劳动保障监察支队）",
            "监察执法岗",
            500,
            1300,
            login_role=Role.OFFICER,
        ),
        OfficerSpec(
            "赵磊",
            M,
            1990,
            "二级主任科员",
            "劳动保障监察处（市劳动保障监察支队）",
            "监察执法岗",
            1400,
            25,
        ),
        OfficerSpec(
            "孙晓燕",
            F,
            1984,
            "三级主任科员",
            "劳动保障监察处（市劳动保障监察支队）",
            "监察执法岗",
            1800,
            -120,
        ),
        OfficerSpec("钱志强", M, 1982, "四级调研员", "社会保险基金监督处", "基金监督岗", 700, 1000),
        OfficerSpec("吴敏", F, 1992, "四级主任科员", "人力资源市场处", "许可审批岗", 300, 1500),
        OfficerSpec(
            "郑海波",
            M,
            1987,
            "一级主任科员",
            "劳动保障监察处（市劳动保障监察支队）",
            "监察执法岗",
            900,
            800,
            status=CertificateStatus.SUSPENDED,
        ),
        OfficerSpec(
            "冯静",
            F,
            1980,
            "副处长",
            "政策法规处",
            "法制审核岗",
            1000,
            700,
            legal_qualification_no="A20074201000456",
            login_role=Role.LEGAL_REVIEWER,
        ),
    ),
    auxiliary=(
        {
            "name": "黄涛",
            "gender": M,
            "department": "劳动保障监察处（市劳动保障监察支队）",
            "badge_no": "RSFZ-011",
            "duties": "协助开展劳动用工信息采集、巡查登记、文书送达。",
            "permissions": "在执法人员带领下协助检查，不得独立询问、调查取证或作出决定。",
            "badge_style": "蓝色封皮，内页标注“劳动保障监察协管员”、姓名、照片、编号及发证单位。",
        },
        {
            "name": "林小红",
            "gender": F,
            "department": "劳动保障监察处（市劳动保障监察支队）",
            "badge_no": "RSFZ-012",
            "duties": "举报投诉登记、案卷整理。",
            "permissions": "不得独立从事行政执法活动。",
            "badge_style": "蓝色封皮，内页标注“劳动保障监察协管员”、姓名、照片、编号及发证单位。",
        },
    ),
    items=(
        ItemSpec(
            name="对用人单位违反劳动保障法律法规行为的行政检查",
            kind=ItemKind.INSPECTION,
            code="WHRS-JC-001",
            legal_basis="《劳动保障监察条例》第十一条、第十五条",
            department="劳动保障监察处（市劳动保障监察支队）",
            random_inspection={
                "inspection_targets": "市级管辖的用人单位",
                "method": InspectionMethod.RANDOM,
                "target_base": 12000,
                "ratio_percent": Decimal("3.00"),
                "frequency": "每年一次",
                "basis": "《劳动保障监察条例》第十五条；市人社局行政执法公示办法 第六条(二)",
            },
        ),
        ItemSpec(
            name="对用人单位违法延长劳动者工作时间的行政处罚",
            kind=ItemKind.PENALTY,
            code="WHRS-CF-001",
            legal_basis="《劳动保障监察条例》第二十五条",
            department="劳动保障监察处（市劳动保障监察支队）",
            discretion=(
                {
                    "violation": "违法延长劳动者工作时间",
                    "level": DiscretionLevel.LIGHTER,
                    "circumstances": "首次违法，涉及劳动者 10 人以下，且在限期内改正",
                    "penalty_range": "警告，责令限期改正，可按受侵害的劳动者每人 100 元的标准计算罚款",
                    "basis": "《劳动保障监察条例》第二十五条",
                },
                {
                    "violation": "违法延长劳动者工作时间",
                    "level": DiscretionLevel.GENERAL,
                    "circumstances": "涉及劳动者 11 人以上 50 人以下",
                    "penalty_range": "按受侵害的劳动者每人 200 元以上 300 元以下的标准计算罚款",
                    "basis": "《劳动保障监察条例》第二十五条",
                },
                {
                    "violation": "违法延长劳动者工作时间",
                    "level": DiscretionLevel.HEAVIER,
                    "circumstances": "涉及劳动者 51 人以上，或者拒不改正、两年内再次违法",
                    "penalty_range": "按受侵害的劳动者每人 400 元以上 500 元以下的标准计算罚款",
                    "basis": "《劳动保障监察条例》第二十五条",
                },
            ),
        ),
        ItemSpec(
            name="对用人单位未按时足额缴纳社会保险费的行政处罚",
            kind=ItemKind.PENALTY,
            code="WHRS-CF-002",
            legal_basis="《中华人民共和国社会保险法》第八十六条",
            department="社会保险基金监督处",
            discretion=(
                {
                    "violation": "逾期仍不缴纳社会保险费",
                    "level": DiscretionLevel.GENERAL,
                    "circumstances": "欠缴时间 6 个月以下",
                    "penalty_range": "处欠缴数额一倍以上二倍以下的罚款",
                    "basis": "《中华人民共和国社会保险法》第八十六条",
                },
                {
                    "violation": "逾期仍不缴纳社会保险费",
                    "level": DiscretionLevel.HEAVIER,
                    "circumstances": "欠缴时间 6 个月以上，或者涉及劳动者 30 人以上",
                    "penalty_range": "处欠缴数额二倍以上三倍以下的罚款",
                    "basis": "《中华人民共和国社会保险法》第八十六条",
                },
            ),
        ),
        ItemSpec(
            name="人力资源服务许可",
            kind=ItemKind.PERMIT,
            code="WHRS-XK-001",
            conditions="有明确的章程和管理制度、固定场所和相应的专业人员。",
            legal_basis="《人力资源市场暂行条例》第十八条",
            department="人力资源市场处",
            statutory=(20, WD),
            promised=(10, WD),
            materials=(
                "人力资源服务许可申请书",
                "营业执照",
                "与开展业务相适应的专业人员、场所证明",
                "工作制度和服务规范",
            ),
            guide={
                "service_targets": "拟从事职业中介活动的经营性人力资源服务机构",
                "conditions": "有明确的章程和管理制度；\n有开展业务必备的固定场所、办公设施；\n有与开展业务相适应的专业人员。",
                "channel": ServiceChannel.BOTH,
                "venue": "武汉市民之家人社窗口",
                "process": "申请\n受理\n审查（必要时实地核查）\n决定\n颁发许可证",
                "materials_catalogue": "人力资源服务许可申请书\n营业执照\n场所证明\n专业人员名单及证明\n工作制度和服务规范",
                "sample_text": "《人力资源服务许可申请书》示范文本",
                "consultation_phone": "027-8000 2014",
            },
        ),
        ItemSpec(
            name="社会保险登记",
            kind=ItemKind.CONFIRMATION,
            code="WHRS-QR-001",
            legal_basis="《中华人民共和国社会保险法》第五十七条",
            department="社会保险基金监督处",
            statutory=(15, TimeLimitUnit.DAY),
            promised=(5, WD),
            materials=("营业执照或登记证书", "单位经办人身份证件"),
        ),
    ),
    hearing=(
        {
            "item": None,
            "party_type": "公民",
            "condition": "拟对公民处以较大数额罚款",
            "fine_threshold_yuan": 2000,
            "basis": HEARING_BASIS,
        },
        {
            "item": None,
            "party_type": "法人或者其他组织",
            "condition": "拟对法人或者其他组织处以较大数额罚款",
            "fine_threshold_yuan": 50000,
            "basis": HEARING_BASIS,
        },
    ),
)

LIUZHOU_KJJ = AgencySpec(
    slug="liuzhou-kjj",
    name="柳州市科学技术局",
    cert_prefix="4502010",
    info={
        "subject_kind": SubjectKind.STATUTORY,
        "functions": "负责全市科技创新工作；实施科技计划项目管理、技术合同认定登记、外国人来华工作许可等行政执法。",
        "staffing": "机关行政编制 24 名（演示数据）",
        "staffing_quota": 24,
        "division_of_duties": (
            "法规与监督诚信科：行政执法公示的监督和指导、法制审核（柳州市科技局公示制度 第五条、第十二条）；\n"
            "计划与成果科：科技计划项目及技术合同；\n外国专家服务科：外国人来华工作许可。"
        ),
        "jurisdiction": "柳州市行政区域内的科技行政执法事项",
        "enforcement_area": "柳州市",
        "office_phone": "0772-800 3001",
        "supervision_phone": "0772-800 3099",
        "address": "柳州市城中区（演示地址）",
        "office_hours": "工作日 8:00—12:00，15:00—18:00",
    },
    departments=(
        {
            "name": "计划与成果科",
            "kind": DepartmentKind.ENFORCEMENT,
            "duties": "科技计划项目监督检查、技术合同认定登记。",
            "phone": "0772-800 3011",
        },
        {
            "name": "外国专家服务科",
            "kind": DepartmentKind.ENFORCEMENT,
            "duties": "外国人来华工作许可。",
            "phone": "0772-800 3012",
        },
        {
            "name": "法规与监督诚信科",
            "kind": DepartmentKind.LEGAL,
            "duties": "行政执法公示的监督和指导；重大执法决定法制审核。",
            "phone": "0772-800 3021",
        },
        {
            "name": "办公室",
            "kind": DepartmentKind.OFFICE,
            "duties": "信息公开、档案管理。",
            "phone": "0772-800 3031",
        },
    ),
    posts=(
        {
            "name": "项目监管岗",
            "department": "计划与成果科",
            "duties": "科技计划项目实施情况检查、验收与违规处理建议。",
            "headcount": 2,
        },
        {
            "name": "许可审批岗",
            "department": "外国专家服务科",
            "duties": "外国人来华工作许可的受理、审查与决定。",
            "headcount": 2,
        },
        {
            "name": "法制审核岗",
            "department": "法规与监督诚信科",
            "duties": "法制审核。",
            "headcount": 1,
        },
    ),
    officers=(
        OfficerSpec(
            "覃桂林",
            M,
            1978,
            "科长",
            "计划与成果科",
            "项目监管岗",
            1100,
            500,
            login_role=Role.SECTION_HEAD,
        ),
        OfficerSpec(
            "韦丽萍",
            F,
            1989,
            "一级科员",
            "计划与成果科",
            "项目监管岗",
            400,
            1400,
            login_role=Role.OFFICER,
        ),
        OfficerSpec("蒙志刚", M, 1985, "四级主任科员", "外国专家服务科", "许可审批岗", 1600, 9),
        OfficerSpec("黄秋菊", F, 1983, "科长", "外国专家服务科", "许可审批岗", 1900, -15),
        OfficerSpec(
            "梁文博",
            M,
            1981,
            "科长",
            "法规与监督诚信科",
            "法制审核岗",
            800,
            1000,
            legal_qualification_no="A20104502000789",
            login_role=Role.LEGAL_REVIEWER,
        ),
    ),
    auxiliary=(),
    items=(
        ItemSpec(
            name="科技计划项目实施情况监督检查",
            kind=ItemKind.INSPECTION,
            code="LZKJ-JC-001",
            legal_basis="《中华人民共和国科学技术进步法》；《广西壮族自治区科技计划项目管理办法》",
            department="计划与成果科",
            random_inspection={
                "inspection_targets": "承担市级科技计划项目的单位",
                "method": InspectionMethod.RANDOM,
                "target_base": 320,
                "ratio_percent": Decimal("10.00"),
                "frequency": "每年一次",
                "basis": "柳州市科技局行政执法公示制度 第六条",
            },
        ),
        ItemSpec(
            name="对科技计划项目承担单位违规行为的处理",
            kind=ItemKind.OTHER,
            code="LZKJ-QT-001",
            legal_basis="《科学技术活动违规行为处理规定》",
            department="计划与成果科",
            discretion=(
                {
                    "violation": "项目经费违规使用",
                    "level": DiscretionLevel.GENERAL,
                    "circumstances": "违规金额 5 万元以下，主动整改",
                    "penalty_range": "责令改正，通报批评",
                    "basis": "《科学技术活动违规行为处理规定》",
                },
                {
                    "violation": "项目经费违规使用",
                    "level": DiscretionLevel.HEAVIER,
                    "circumstances": "违规金额 5 万元以上，或者拒不整改",
                    "penalty_range": "终止项目、追回经费，一定期限内取消申报资格",
                    "basis": "《科学技术活动违规行为处理规定》",
                },
            ),
        ),
        ItemSpec(
            name="技术合同认定登记",
            kind=ItemKind.CONFIRMATION,
            code="LZKJ-QR-001",
            legal_basis="《技术合同认定登记管理办法》",
            department="计划与成果科",
            statutory=(30, TimeLimitUnit.DAY),
            promised=(5, WD),
            materials=("技术合同文本", "技术合同认定登记申请表"),
        ),
        ItemSpec(
            name="外国人来华工作许可",
            kind=ItemKind.PERMIT,
            code="LZKJ-XK-001",
            conditions="用人单位依法设立，拟聘外国人符合来华工作条件。",
            legal_basis="《中华人民共和国出境入境管理法》第四十一条；《外国人来华工作许可服务指南（暂行）》",
            department="外国专家服务科",
            statutory=(20, WD),
            promised=(10, WD),
            materials=(
                "外国人来华工作许可申请表",
                "工作资历证明",
                "学位（学历）证书",
                "无犯罪记录证明",
                "体检证明",
            ),
            guide={
                "service_targets": "在柳州市注册、拟聘用外国人的用人单位",
                "conditions": "用人单位依法设立，无严重违法失信记录；\n外国人具有从事其工作所必需的专业技能或相适应的工作经历。",
                "channel": ServiceChannel.BOTH,
                "venue": "柳州市政务服务中心",
                "process": "网上申请\n窗口受理\n审查\n决定\n制证",
                "materials_catalogue": "外国人来华工作许可申请表\n工作资历证明\n学位（学历）证书\n无犯罪记录证明\n体检证明",
                "consultation_phone": "0772-800 3013",
            },
        ),
        ItemSpec(
            name="柳州市科学技术奖励",
            kind=ItemKind.REWARD,
            code="LZKJ-JL-001",
            legal_basis="《国家科学技术奖励条例》；《柳州市科学技术奖励办法》",
            department="计划与成果科",
        ),
    ),
)

QIAOKOU_RZJ = AgencySpec(
    slug="qiaokou-rzj",
    name="武汉市硚口区人力资源局",
    cert_prefix="4201040",
    info={
        "subject_kind": SubjectKind.STATUTORY,
        "functions": "负责全区人力资源和社会保障工作；实施人力资源服务许可、劳动保障监察等行政执法。",
        "staffing": "机关行政编制 32 名，劳动保障监察大队事业编制 18 名（演示数据）",
        "staffing_quota": 50,
        "division_of_duties": (
            "劳动保障监察大队：劳动保障监察检查与处罚；\n人力资源市场科：人力资源服务许可及监管；\n"
            "政策法规科：法制审核。"
        ),
        "jurisdiction": "硚口区行政区域内的人社行政执法事项",
        "enforcement_area": "武汉市硚口区",
        "office_phone": "027-8000 4001",
        "supervision_phone": "027-8000 4099",
        "address": "武汉市硚口区（演示地址）",
        "office_hours": "工作日 9:00—12:00，13:30—17:00",
    },
    departments=(
        {
            "name": "劳动保障监察大队",
            "kind": DepartmentKind.ENFORCEMENT,
            "duties": "劳动保障监察日常巡查、举报投诉查处。",
            "phone": "027-8000 4011",
        },
        {
            "name": "人力资源市场科",
            "kind": DepartmentKind.ENFORCEMENT,
            "duties": "人力资源服务许可、备案及监管。",
            "phone": "027-8000 4012",
        },
        {
            "name": "政策法规科",
            "kind": DepartmentKind.LEGAL,
            "duties": "法制审核。",
            "phone": "027-8000 4021",
        },
        {
            "name": "办公室",
            "kind": DepartmentKind.OFFICE,
            "duties": "信息公开、档案管理。",
            "phone": "027-8000 4031",
        },
    ),
    posts=(
        {
            "name": "监察执法岗",
            "department": "劳动保障监察大队",
            "duties": "日常巡查、举报投诉调查处理。",
            "headcount": 6,
        },
        {
            "name": "市场监管岗",
            "department": "人力资源市场科",
            "duties": "人力资源服务机构许可、年度报告及检查。",
            "headcount": 2,
        },
    ),
    officers=(
        OfficerSpec(
            "杨建国",
            M,
            1974,
            "大队长",
            "劳动保障监察大队",
            "监察执法岗",
            1300,
            400,
            login_role=Role.SECTION_HEAD,
        ),
        OfficerSpec(
            "胡晓梅",
            F,
            1990,
            "一级科员",
            "劳动保障监察大队",
            "监察执法岗",
            200,
            1600,
            login_role=Role.OFFICER,
        ),
        OfficerSpec("朱鹏", M, 1988, "四级主任科员", "劳动保障监察大队", "监察执法岗", 1700, 3),
        OfficerSpec("徐丽娟", F, 1985, "科长", "人力资源市场科", "市场监管岗", 1000, 700),
        OfficerSpec("马超", M, 1983, "四级主任科员", "劳动保障监察大队", "监察执法岗", 2000, -300),
        OfficerSpec(
            "罗红",
            F,
            1979,
            "科长",
            "政策法规科",
            None,
            900,
            800,
            legal_qualification_no="A20084201000321",
            login_role=Role.LEGAL_REVIEWER,
        ),
    ),
    auxiliary=(
        {
            "name": "宋雨",
            "gender": F,
            "department": "劳动保障监察大队",
            "badge_no": "QKFZ-001",
            "duties": "网格化劳动用工信息采集、欠薪线索登记。",
            "permissions": "不得独立从事行政执法活动，不得单独询问当事人。",
            "badge_style": "白底红字，标注“劳动保障协管”、姓名、照片和编号。",
        },
    ),
    items=(
        ItemSpec(
            name="人力资源服务许可",
            kind=ItemKind.PERMIT,
            code="QKRZ-XK-001",
            conditions="有明确的章程和管理制度、固定场所和相应的专业人员。",
            legal_basis="《人力资源市场暂行条例》第十八条",
            department="人力资源市场科",
            statutory=(20, WD),
            promised=(7, WD),
            materials=(
                "人力资源服务许可申请书",
                "营业执照",
                "场所证明",
                "专业人员证明",
                "工作制度和服务规范",
            ),
            guide={
                "service_targets": "在硚口区登记注册、拟从事职业中介活动的经营性人力资源服务机构",
                "conditions": "有明确的章程和管理制度；\n有开展业务必备的固定场所、办公设施；\n有与开展业务相适应的专业人员。",
                "channel": ServiceChannel.WINDOW,
                "venue": "硚口区政务服务中心人社窗口",
                "process": "申请\n受理\n审查\n实地核查\n决定\n发证",
                "materials_catalogue": "人力资源服务许可申请书\n营业执照\n场所证明\n专业人员证明\n工作制度和服务规范",
                "sample_text": "《人力资源服务许可申请书》示范文本",
                "consultation_phone": "027-8000 4013",
            },
        ),
        ItemSpec(
            name="对人力资源服务机构的监督检查",
            kind=ItemKind.INSPECTION,
            code="QKRZ-JC-001",
            legal_basis="《人力资源市场暂行条例》第三十四条",
            department="人力资源市场科",
            random_inspection={
                "inspection_targets": "辖区内经营性人力资源服务机构",
                "method": InspectionMethod.RANDOM,
                "target_base": 210,
                "ratio_percent": Decimal("10.00"),
                "frequency": "每年一次",
                "basis": "《人力资源市场暂行条例》第三十四条",
            },
        ),
        ItemSpec(
            name="对未经许可擅自从事职业中介活动的行政处罚",
            kind=ItemKind.PENALTY,
            code="QKRZ-CF-001",
            legal_basis="《人力资源市场暂行条例》第四十二条",
            department="人力资源市场科",
            discretion=(
                {
                    "violation": "未经许可擅自从事职业中介活动",
                    "level": DiscretionLevel.GENERAL,
                    "circumstances": "经营时间 3 个月以下，违法所得 1 万元以下",
                    "penalty_range": "责令停止，没收违法所得，并处 1 万元以上 3 万元以下罚款",
                    "basis": "《人力资源市场暂行条例》第四十二条",
                },
                {
                    "violation": "未经许可擅自从事职业中介活动",
                    "level": DiscretionLevel.HEAVIER,
                    "circumstances": "经营时间 3 个月以上，或者造成劳动者财产损失",
                    "penalty_range": "予以关闭，没收违法所得，并处 3 万元以上 5 万元以下罚款",
                    "basis": "《人力资源市场暂行条例》第四十二条",
                },
            ),
        ),
        ItemSpec(
            name="对用人单位违反劳动保障法律法规行为的行政检查",
            kind=ItemKind.INSPECTION,
            code="QKRZ-JC-002",
            legal_basis="《劳动保障监察条例》第十一条",
            department="劳动保障监察大队",
            random_inspection={
                "inspection_targets": "辖区内用人单位",
                "method": InspectionMethod.RANDOM,
                "target_base": 5600,
                "ratio_percent": Decimal("5.00"),
                "frequency": "每年一次",
                "basis": "《劳动保障监察条例》第十五条",
            },
        ),
    ),
    hearing=(
        {
            "item": "对未经许可擅自从事职业中介活动的行政处罚",
            "party_type": "法人或者其他组织",
            "condition": "拟予以关闭，或者拟处较大数额罚款",
            "fine_threshold_yuan": 50000,
            "basis": HEARING_BASIS,
        },
    ),
)

DONGXIHU_SFJ = AgencySpec(
    slug="dongxihu-sfj",
    name="武汉市东西湖区司法局",
    cert_prefix="4201120",
    info={
        "subject_kind": SubjectKind.STATUTORY,
        "functions": "负责全区公共法律服务、人民调解、法律援助等司法行政工作，承担行政给付、行政奖励及其他行政权力事项。",
        "staffing": "机关行政编制 28 名（演示数据）",
        "staffing_quota": 28,
        "division_of_duties": (
            "公共法律服务管理科：法律援助、公共法律服务；\n基层工作科：人民调解；\n"
            "依法行政科：重大执法决定事项目录审核、法制审核；\n办公室：信息公开审核。"
        ),
        "jurisdiction": "东西湖区行政区域内的司法行政执法事项",
        "enforcement_area": "武汉市东西湖区",
        "office_phone": "027-8000 5001",
        "supervision_phone": "027-8000 5099",
        "address": "武汉市东西湖区（演示地址）",
        "office_hours": "工作日 9:00—12:00，13:30—17:00",
    },
    departments=(
        {
            "name": "公共法律服务管理科",
            "kind": DepartmentKind.ENFORCEMENT,
            "duties": "法律援助、公共法律服务体系建设及监督。",
            "phone": "027-8000 5011",
        },
        {
            "name": "基层工作科",
            "kind": DepartmentKind.ENFORCEMENT,
            "duties": "指导人民调解工作，人民调解员补贴发放。",
            "phone": "027-8000 5012",
        },
        {
            "name": "依法行政科",
            "kind": DepartmentKind.LEGAL,
            "duties": "重大执法决定事项目录审核、备案；法制审核。",
            "phone": "027-8000 5021",
        },
        {
            "name": "办公室",
            "kind": DepartmentKind.OFFICE,
            "duties": "执法信息公开审核、音像记录设备配备。",
            "phone": "027-8000 5031",
        },
    ),
    posts=(
        {
            "name": "法律援助审查岗",
            "department": "公共法律服务管理科",
            "duties": "法律援助申请审查、指派，法律援助补贴审核。",
            "headcount": 2,
        },
        {
            "name": "人民调解指导岗",
            "department": "基层工作科",
            "duties": "人民调解组织指导、调解员补贴及表彰奖励。",
            "headcount": 2,
        },
    ),
    officers=(
        OfficerSpec(
            "邓志华",
            M,
            1977,
            "科长",
            "公共法律服务管理科",
            "法律援助审查岗",
            1000,
            600,
            legal_qualification_no="A20054201000111",
            login_role=Role.SECTION_HEAD,
        ),
        OfficerSpec(
            "曹雪",
            F,
            1991,
            "一级科员",
            "公共法律服务管理科",
            "法律援助审查岗",
            350,
            1450,
            login_role=Role.OFFICER,
        ),
        OfficerSpec("彭军", M, 1984, "科长", "基层工作科", "人民调解指导岗", 1600, 21),
        OfficerSpec("袁媛", F, 1986, "四级主任科员", "基层工作科", "人民调解指导岗", 2100, -60),
        OfficerSpec(
            "谢文",
            M,
            1980,
            "科长",
            "依法行政科",
            None,
            700,
            1100,
            legal_qualification_no="A20064201000222",
            login_role=Role.LEGAL_REVIEWER,
        ),
    ),
    auxiliary=(),
    items=(
        ItemSpec(
            name="法律援助",
            kind=ItemKind.BENEFIT,
            code="DXHS-JF-001",
            conditions="申请人因经济困难没有委托代理人，且申请事项属于法律援助范围。",
            legal_basis="《中华人民共和国法律援助法》第四十一条、第四十三条",
            department="公共法律服务管理科",
            statutory=(7, TimeLimitUnit.DAY),
            promised=(5, WD),
            materials=(
                "法律援助申请表",
                "身份证件",
                "经济困难状况说明表",
                "与所申请法律援助事项有关的材料",
            ),
            guide={
                "service_targets": "因经济困难没有委托代理人的公民，以及法律援助法规定的其他人员",
                "conditions": "申请事项属于法律援助范围；\n符合东西湖区法律援助经济困难标准（法律规定免予核查的除外）。",
                "channel": ServiceChannel.BOTH,
                "venue": "东西湖区公共法律服务中心",
                "process": "申请\n审查（七日内作出决定）\n决定给予或不予法律援助\n指派承办人员\n结案归档",
                "materials_catalogue": "法律援助申请表\n身份证件\n经济困难状况说明表\n相关案件材料",
                "sample_text": "《法律援助申请表》填写示例",
                "consultation_phone": "12348",
            },
        ),
        ItemSpec(
            name="人民调解员“以案定补”补贴发放",
            kind=ItemKind.BENEFIT,
            code="DXHS-JF-002",
            conditions="人民调解委员会依法调解并制作调解协议书的纠纷，案卷经审核合格。",
            legal_basis="《中华人民共和国人民调解法》第六条；《湖北省人民调解条例》",
            department="基层工作科",
            random_inspection={
                "inspection_targets": "辖区人民调解委员会案卷",
                "method": InspectionMethod.DOCUMENTS,
                "target_base": 150,
                "ratio_percent": Decimal("20.00"),
                "frequency": "每季度一次",
                "basis": "东西湖区司法局实施办法 三(一)1：明确执法检查计划信息",
            },
        ),
        ItemSpec(
            name="人民调解工作先进集体和先进个人表彰奖励",
            kind=ItemKind.REWARD,
            code="DXHS-JL-001",
            conditions="在人民调解工作中作出突出贡献的人民调解委员会和人民调解员。",
            legal_basis="《中华人民共和国人民调解法》第六条",
            department="基层工作科",
        ),
        ItemSpec(
            name="基层法律服务工作者执业核准初审",
            kind=ItemKind.OTHER,
            code="DXHS-QT-001",
            conditions="符合《基层法律服务工作者管理办法》规定的执业条件，经实习合格。",
            legal_basis="《基层法律服务工作者管理办法》",
            department="公共法律服务管理科",
            statutory=(20, WD),
            promised=(10, WD),
            materials=("执业核准申请表", "身份证明", "学历证明", "实习鉴定材料"),
        ),
    ),
)

AGENCIES: tuple[AgencySpec, ...] = (WUHAN_KJJ, WUHAN_RSJ, LIUZHOU_KJJ, QIAOKOU_RZJ, DONGXIHU_SFJ)


# --- the builder -----------------------------------------------------------------------------


def build_demo(*, stdout: Writer, today: datetime.date | None = None) -> list[DemoLogin]:
    """Build the demo data into the (empty, migrated) database; return the logins to print."""
    today = today or timezone.localdate()
    password_hash = make_password(DEMO_PASSWORD)
    logins: list[DemoLogin] = []
    with transaction.atomic():
        system = _system_actor()
        for spec in AGENCIES:
            stdout.write(f"· {spec.name} ({spec.slug}) …\n")
            logins += _build_agency(spec, actor=system, today=today, password_hash=password_hash)
        supervisor = _make_user(
            SUPERVISOR_USERNAME, None, Role.SUPERVISOR, "市司法局执法监督员", password_hash
        )
        services.grant_registry_admin(supervisor)
        logins.append(DemoLogin(SUPERVISOR_USERNAME, Role.SUPERVISOR.label, "全部执法主体（只读）"))
        case_count = 0
        review_count = 0
        for spec in AGENCIES:
            cases = _build_sample_cases(spec.slug, today=today)
            case_count += len(cases)
            review_count += _build_sample_review(spec.slug, cases, today=today)
        # A signed checkpoint per agency, so the demo's ledgers verify against a tree head.
        for agency in Agency.objects.order_by("id"):
            create_checkpoint(agency=agency)
    stdout.write(
        f"· {len(AGENCIES)} 个执法主体，{len(logins)} 个演示账号，{case_count} 件演示案件，"
        f"{review_count} 件法制审核送审\n"
    )
    return logins


def _system_actor() -> User:
    """The superuser that adds the agencies; it has no password and cannot log in."""
    user = create_user(
        actor=None,
        username=SYSTEM_USERNAME,
        agency=None,
        password=None,
        display_name="演示数据生成",
    )
    # No service makes superusers (only the console does, with createsuperuser).
    User.objects.filter(pk=user.pk).update(is_superuser=True)
    user.refresh_from_db()
    return user


def _make_user(
    username: str, agency: Agency | None, role: Role, display_name: str, password_hash: str
) -> User:
    # Created by the console (actor=None) through the accounts service, so the account and its
    # role are in the audit trail and the ledger. The password is set afterwards from one shared
    # Argon2 hash: hashing it again for each of 36 users would cost seconds for nothing.
    user = create_user(
        actor=None,
        username=username,
        agency=agency,
        password=None,
        roles=[role],
        display_name=display_name,
    )
    User.objects.filter(pk=user.pk).update(password=password_hash)
    user.password = password_hash
    return user


def _build_agency(
    spec: AgencySpec, *, actor: User, today: datetime.date, password_hash: str
) -> list[DemoLogin]:
    agency = services.do_create_agency(actor=actor, slug=spec.slug, name=spec.name, **spec.info)
    users: dict[Role, User] = {}
    logins: list[DemoLogin] = []
    for role in AGENCY_ROLES:
        username = f"{spec.slug}.{_ROLE_SUFFIX[role]}"
        users[role] = _make_user(username, agency, role, f"{spec.name}{role.label}", password_hash)
        logins.append(DemoLogin(username, role.label, spec.name))
    admin = services.grant_registry_admin(users[Role.AGENCY_ADMIN])

    def create(model: type[Any], **fields: Any) -> Any:
        return services.create_registry_object(actor=admin, agency=agency, model=model, **fields)

    departments = {d["name"]: create(Department, **d) for d in spec.departments}
    posts = {
        p["name"]: create(EnforcementPost, **{**p, "department": departments[p["department"]]})
        for p in spec.posts
    }
    for number, officer in enumerate(spec.officers, start=1):
        user = users.get(officer.login_role) if officer.login_role else None
        create(
            Officer,
            name=officer.name,
            gender=officer.gender,
            birth_year=officer.birth_year,
            title=officer.title,
            department=departments[officer.department],
            post=posts[officer.post] if officer.post else None,
            cert_no=f"{spec.cert_prefix}{number:04d}",
            cert_issuer="湖北省人民政府"
            if spec.cert_prefix.startswith("42")
            else "广西壮族自治区人民政府",
            cert_valid_from=today - datetime.timedelta(days=officer.issued_days_ago),
            cert_valid_until=today + datetime.timedelta(days=officer.expires_in_days),
            cert_status=officer.status,
            enforcement_area=spec.info["enforcement_area"],
            has_legal_qualification=bool(officer.legal_qualification_no),
            legal_qualification_no=officer.legal_qualification_no,
            user=user,
        )
    for aux in spec.auxiliary:
        create(AuxiliaryStaff, **{**aux, "department": departments[aux["department"]]})
    items = {
        item.name: _build_item(item, create=create, departments=departments) for item in spec.items
    }
    for hearing in spec.hearing:
        create(
            HearingStandard,
            **{**hearing, "item": items[hearing["item"]] if hearing["item"] else None},
        )
    return logins


def _build_item(
    item: ItemSpec, *, create: Any, departments: dict[str, Department]
) -> EnforcementItem:
    limits: dict[str, Any] = {}
    if item.statutory:
        limits.update(statutory_limit=item.statutory[0], statutory_limit_unit=item.statutory[1])
    if item.promised:
        limits.update(promised_limit=item.promised[0], promised_limit_unit=item.promised[1])
    fee: dict[str, Any] = {}
    if item.fee:
        fee = {"charges_fee": True, "fee_standard": item.fee[0], "fee_basis": item.fee[1]}
    row: EnforcementItem = create(
        EnforcementItem,
        code=item.code,
        name=item.name,
        kind=item.kind,
        legal_basis=item.legal_basis,
        acceptance_conditions=item.conditions,
        department=departments[item.department],
        is_random_inspection=item.random_inspection is not None,
        materials="\n".join(item.materials),
        **limits,
        **fee,
    )
    if item.random_inspection:
        create(RandomInspectionItem, item=row, **item.random_inspection)
    for standard in item.discretion:
        create(DiscretionStandard, item=row, **standard)
    if item.guide:
        create(ServiceGuide, item=row, **item.guide)
    return row


# --- sample cases ------------------------------------------------------------------------------
#
# Each agency gets cases of every kind its pack enables, each walked through the cases services
# (so every step is checked by the gates and ledgered) to a different depth of its procedure: just
# registered, part-way, and closed. Cases opened long ago and left part-way have deadlines that
# ran out: the officer's home page and the case list show them as overdue.


@dataclass(frozen=True)
class CaseSpec:
    kind: str
    procedure: str
    path: tuple[str, ...]  # the stages after the initial one, to closure
    facts: dict[str, Any]
    titles: tuple[str, ...]  # one per sample case of this kind (its count sets how many)
    parties: tuple[str, ...]
    step_days: int = 1


_PERMIT = {"application_complete": True, "permit_granted": True, "service_method": "direct"}
_FILED = {"case_accepted": True, "service_method": "direct"}
_PENALTY = {
    **_FILED,
    "on_site_enforcement": True,
    "party_kind": "organization",
    "fine_amount": 10000.0,
}
_APPLICATION = ("acceptance", "verify", "examination", "decision", "service", "closed")
_DONGXIHU = ("investigation", "decision", "service", "archived")

SAMPLE_CASES: dict[str, tuple[CaseSpec, ...]] = {
    "wuhan-kjj": (
        CaseSpec(
            "permit",
            "standard",
            _APPLICATION,
            {**_PERMIT, "application_channel": "counter"},
            (
                "某生物医药公司聘用外籍研发人员工作许可",
                "某高校聘用外籍教师工作许可",
                "某汽车零部件公司聘用外籍工程师工作许可",
                "某软件公司聘用外籍技术总监工作许可",
            ),
            (
                "武汉某生物医药有限公司",
                "武汉某大学",
                "武汉某汽车零部件有限公司",
                "武汉某软件有限公司",
            ),
        ),
        CaseSpec(
            "permit",
            "extension",
            ("acceptance", "examination", "decision", "service", "closed"),
            {},
            (
                "某光电公司外籍员工工作许可延期",
                "某咨询公司外籍顾问工作许可延期",
                "某贸易公司外籍经理工作许可延期",
            ),
            ("武汉某光电科技有限公司", "武汉某管理咨询有限公司", "武汉某国际贸易有限公司"),
        ),
        CaseSpec(
            "inspection",
            "general",
            ("filing", "investigation", "notice", "decision", "service", "closed"),
            {**_FILED, "on_site_enforcement": True},
            (
                "对某外资企业聘用外国人情况的监督检查",
                "对某培训机构外籍教师持证情况的检查",
                "对某酒店聘用外籍厨师情况的检查",
                "对某设计公司外籍员工在岗情况的检查",
            ),
            (
                "武汉某外资企业有限公司",
                "武汉某语言培训学校",
                "武汉某国际酒店有限公司",
                "武汉某建筑设计有限公司",
            ),
        ),
    ),
    "wuhan-rsj": (
        CaseSpec(
            "penalty",
            "general",
            (
                "filing",
                "investigation",
                "notice",
                "legal_review",
                "decision",
                "service",
                "execution",
                "closed",
            ),
            _PENALTY,
            (
                "某建筑劳务公司拖欠农民工工资案",
                "某物流公司未依法缴纳社会保险费案",
                "某餐饮公司违法延长劳动者工作时间案",
                "某电子厂未签订书面劳动合同案",
                "某保洁公司违反最低工资规定案",
            ),
            (
                "武汉某建筑劳务有限公司",
                "武汉某物流有限公司",
                "武汉某餐饮管理有限公司",
                "武汉某电子有限公司",
                "武汉某保洁服务有限公司",
            ),
            step_days=3,
        ),
        CaseSpec(
            "permit",
            "standard",
            _APPLICATION,
            _PERMIT,
            (
                "某人力资源公司人力资源服务许可",
                "某猎头公司人力资源服务许可",
                "某劳务派遣公司人力资源服务许可",
            ),
            ("武汉某人力资源有限公司", "武汉某企业管理咨询有限公司", "武汉某劳务派遣有限公司"),
        ),
        CaseSpec(
            "inspection",
            "general",
            ("opinion", "service", "closed"),
            _FILED,
            (
                "对某商场劳动用工情况的日常巡查",
                "对某工地农民工工资支付情况的检查",
                "对某制造企业社会保险缴纳情况的双随机抽查",
            ),
            ("武汉某商业管理有限公司", "武汉某建设工程有限公司", "武汉某机械制造有限公司"),
        ),
        CaseSpec(
            "confirmation",
            "standard",
            _APPLICATION,
            _PERMIT,
            (
                "特殊工种提前退休资格确认（王某）",
                "特殊工种提前退休资格确认（陈某）",
                "工伤认定（刘某）",
            ),
            ("王某某", "陈某某", "刘某某"),
        ),
        CaseSpec(
            "levy",
            "standard",
            _APPLICATION,
            _PERMIT,
            (
                "某公司社会保险费补缴核定",
                "某个体工商户社会保险费征收核定",
                "某企业工伤保险费征收核定",
            ),
            ("武汉某实业有限公司", "武汉某个体商户", "武汉某制造有限公司"),
        ),
    ),
    "liuzhou-kjj": (
        CaseSpec(
            "penalty",
            "general",
            ("investigation", "notice", "decision", "service", "execution", "closed"),
            {"on_site_enforcement": True},
            (
                "某科技公司虚报科技计划项目经费案",
                "某研究所违规使用科研经费案",
                "某企业骗取高新技术企业认定案",
            ),
            ("柳州某科技有限公司", "柳州某研究所", "柳州某新材料有限公司"),
        ),
        CaseSpec(
            "permit",
            "standard",
            (
                "acceptance",
                "site_check",
                "draft_decision",
                "decision",
                "service",
                "execution",
                "archived",
            ),
            {**_PERMIT, "application_channel": "oral"},
            (
                "某汽车公司聘用外籍专家工作许可",
                "某机械公司聘用外籍技师工作许可",
                "某职业学院聘用外籍教师工作许可",
            ),
            ("柳州某汽车有限公司", "柳州某机械股份有限公司", "柳州某职业技术学院"),
        ),
        CaseSpec(
            "approval",
            "standard",
            ("acceptance", "draft_decision", "decision", "service", "execution", "archived"),
            {"application_complete": True, "service_method": "lodged"},
            ("某企业技术中心认定", "某孵化器备案审批", "某众创空间备案审批"),
            ("柳州某工业有限公司", "柳州某科技企业孵化器有限公司", "柳州某众创空间管理有限公司"),
        ),
        CaseSpec(
            "inspection",
            "general",
            ("site_check", "draft_decision", "decision", "service", "execution", "archived"),
            {},
            (
                "科技计划项目实施情况监督检查（某项目）",
                "科技计划项目经费使用情况检查（某课题）",
                "对某高新技术企业的抽查",
            ),
            ("柳州某电子科技有限公司", "柳州某生物技术有限公司", "柳州某智能装备有限公司"),
        ),
    ),
    "qiaokou-rzj": (
        CaseSpec(
            "penalty",
            "general",
            ("filing", "investigation", "notice", "decision", "service", "execution", "closed"),
            _PENALTY,
            (
                "某超市克扣劳动者工资案",
                "某快递网点未缴纳社会保险费案",
                "某装修公司拖欠农民工工资案",
                "某美容店使用童工案",
            ),
            (
                "硚口区某超市有限公司",
                "硚口区某快递服务部",
                "硚口区某装饰工程有限公司",
                "硚口区某美容美发店",
            ),
        ),
        CaseSpec(
            "coercion",
            "seizure",
            ("implementation", "handling", "closed"),
            {"coercive_measure": True, "party_present": False},
            ("查封某公司转移财产以逃避支付工资的设备", "扣押某工地账册资料"),
            ("硚口区某建材有限公司", "硚口区某建筑工程有限公司"),
        ),
        CaseSpec(
            "coercion",
            "general",
            ("decision", "service", "implementation", "closed"),
            {"coercive_measure": True},
            ("某公司拒不履行支付工资决定的强制执行", "某企业拒不缴纳社会保险费的强制措施"),
            ("硚口区某贸易有限公司", "硚口区某服装有限公司"),
        ),
        CaseSpec(
            "inspection",
            "general",
            ("inquiry", "opinion", "service", "closed"),
            {},
            (
                "对某酒店劳动用工情况的专项检查",
                "对某工地实名制管理情况的检查",
                "对某商场劳动合同签订情况的检查",
            ),
            ("硚口区某酒店有限公司", "硚口区某建设有限公司", "硚口区某商场有限公司"),
        ),
    ),
    "dongxihu-sfj": (
        CaseSpec(
            "benefit",
            "general",
            _DONGXIHU,
            {"dispute_likely": True},
            (
                "法律援助申请（张某劳动争议）",
                "法律援助申请（李某交通事故赔偿）",
                "法律援助申请（赵某追索劳动报酬）",
                "法律援助申请（孙某婚姻家庭纠纷）",
            ),
            ("张某某", "李某某", "赵某某", "孙某某"),
        ),
        CaseSpec(
            "reward",
            "general",
            _DONGXIHU,
            {},
            ("某街道人民调解委员会先进集体表彰", "人民调解员周某先进个人表彰"),
            ("东西湖区某街道人民调解委员会", "周某某"),
        ),
        CaseSpec(
            "other_power",
            "general",
            _DONGXIHU,
            {"service_method": "lodged", "high_public_attention": True},
            ("基层法律服务工作者执业核准初审（吴某）", "基层法律服务工作者执业核准初审（郑某）"),
            ("吴某某", "郑某某"),
        ),
        CaseSpec(
            "inspection",
            "general",
            ("site_check", "decision", "archived"),
            {},
            (
                "对某人民调解委员会案卷的检查",
                "对某法律服务所执业活动的检查",
                "对某社区矫正工作的检查",
            ),
            ("东西湖区某社区人民调解委员会", "东西湖区某法律服务所", "东西湖区某街道司法所"),
        ),
    ),
}


def _sample_depths(n_cases: int, n_stages: int) -> list[int]:
    """How far each sample case of one kind goes: the first stays where it opened, the last is
    closed, the others spread between, so that together they stand in different stages."""
    if n_cases == 1:
        return [n_stages]
    return [round(i * n_stages / (n_cases - 1)) for i in range(n_cases)]


def _sample_opened(depth: int, n_stages: int, today: datetime.date) -> datetime.datetime:
    """When a sample case was opened. Part-way cases were opened about four months ago, so the
    deadlines their steps started (90 days for 处罚, 20 working days for 许可 …) have run out:
    they are the overdue ones. The others are recent."""
    if depth == 0:
        back = 2
    elif depth < n_stages:
        back = 120 - 10 * depth
    else:
        back = 60
    day = today - datetime.timedelta(days=back)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(9, 30)))


def _demo_payload(record_type: str, moment: datetime.datetime) -> dict[str, Any]:
    from sanxiang.cases.records import fields_for

    values: dict[str, Any] = {}
    for spec in fields_for(record_type):
        if spec.kind == "bool":
            values[spec.name] = True
        elif spec.kind == "list":
            values[spec.name] = [f"{spec.label}（演示）"]
        elif spec.kind == "number":
            values[spec.name] = 1
        elif spec.kind == "date":
            values[spec.name] = moment.date().isoformat()
        elif spec.kind == "datetime":
            values[spec.name] = moment.isoformat()
        else:
            values[spec.name] = f"{spec.label}（演示数据）"
    return values


def _demo_av(moment: datetime.datetime, officers: list[Officer], party: str) -> dict[str, Any]:
    return {
        "device_check": True,
        "opening_statement": {
            "time": f"{moment:%Y-%m-%d %H:%M}",
            "place": f"{party}经营场所",
            "officers": "、".join(o.name for o in officers),
            "party": party,
            "step": "现场执法",
        },
        "continuous": True,
        "interruptions": [],
        "file_ref": f"AV-{moment:%Y%m%d%H%M}",
    }


def _fill_stage(
    case: Any, *, actor: User, team: list[Officer], moment: datetime.datetime, party: str
) -> None:
    from sanxiang.cases import gates
    from sanxiang.cases import services as case_services
    from sanxiang.policy.selectors import pack_for_agency

    pack = pack_for_agency(case.agency)
    for rule in gates.missing_records(case, pack):
        needs_av = pack.av_required(rule, gates.facts_of(case))
        case_services.record(
            actor=actor,
            case=case,
            record_type=rule.id,
            payload=_demo_payload(rule.id, moment),
            officers=team,
            av=_demo_av(moment, team, party) if needs_av else None,
            at=moment,
        )


def _build_sample_cases(slug: str, *, today: datetime.date) -> list[Any]:
    """The sample cases of one agency, opened and walked by its officer login."""
    from sanxiang.cases import services as case_services

    agency = Agency.objects.get(slug=slug)
    actor = User.objects.get(username=f"{slug}.{_ROLE_SUFFIX[Role.OFFICER]}")
    lead = Officer.objects.get(agency=agency, user=actor)
    earliest = today - datetime.timedelta(days=130)
    # Two certified officers for every step (处罚法 第四十二条): the login's own officer leads.
    others = [
        o
        for o in Officer.objects.filter(agency=agency).exclude(pk=lead.pk).order_by("id")
        if o.certificate_valid_on(earliest) and o.certificate_valid_on(today)
    ]
    team = [lead, others[0]]
    cases = []
    for spec in SAMPLE_CASES[slug]:
        depths = _sample_depths(len(spec.titles), len(spec.path))
        for title, party, depth in zip(spec.titles, spec.parties, depths, strict=True):
            moment = _sample_opened(depth, len(spec.path), today)
            individual = not any(
                word in party
                for word in (
                    "公司",
                    "委员会",
                    "所",
                    "院",
                    "学",
                    "店",
                    "部",
                    "器",
                    "空间",
                    "超市",
                    "商场",
                    "酒店",
                )
            )
            case = case_services.open_case(
                actor=actor,
                agency=agency,
                kind=spec.kind,
                procedure=spec.procedure,
                source="application"
                if spec.kind not in ("penalty", "inspection", "coercion")
                else "ex_officio",
                title=title,
                parties=[{"kind": "individual" if individual else "organization", "name": party}],
                facts=spec.facts,
                officers=team,
                at=moment,
            )
            for stage in spec.path[:depth]:
                _fill_stage(case, actor=actor, team=team, moment=moment, party=party)
                moment += datetime.timedelta(days=spec.step_days)
                case_services.advance(
                    actor=_approver_for(case, stage, actor), case=case, to_stage=stage, at=moment
                )
            cases.append(case)
    return cases


def _approver_for(case: Any, to_stage: str, officer: User) -> User:
    """Who moves a sample case to ``to_stage``: the officer, or the agency's demo login of the
    role the pack gives that approval to (立案 the section head or a leader, 决定 a leader)."""
    from sanxiang.cases import gates
    from sanxiang.policy.selectors import pack_for_agency

    pack = pack_for_agency(case.agency)
    transition = gates.check_transition(case, pack, to_stage)
    approval = gates.approval_for(case, pack, transition, to_stage)
    if approval is None:
        return officer
    role = Role(approval.role)
    return User.objects.get(username=f"{case.agency.slug}.{_ROLE_SUFFIX[role]}")


def _build_sample_review(slug: str, cases: list[Any], *, today: datetime.date) -> int:
    """One complete 送审 per agency, waiting in its legal reviewer's queue (法制审核)."""
    from sanxiang.policy.selectors import pack_for_agency
    from sanxiang.review import rules
    from sanxiang.review.services import submit

    open_cases = [c for c in cases if not c.is_closed]
    if not open_cases:
        return 0
    case = open_cases[-1]
    actor = User.objects.get(username=f"{slug}.{_ROLE_SUFFIX[Role.OFFICER]}")
    pack = pack_for_agency(case.agency)
    moment = timezone.make_aware(datetime.datetime.combine(today, datetime.time(10)))
    submit(
        actor=actor,
        case=case,
        proposal=f"拟对“{case.title}”依法作出决定",
        reasons="经调查，事实清楚，证据确凿",
        legal_basis="依据本机关执法事项清单所列法律、法规、规章",
        materials={m.id: f"{m.label}（已随案移送）" for m in rules.materials(pack)},
        at=moment,
    )
    return 1
