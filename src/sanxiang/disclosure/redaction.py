"""Redaction of decision texts before publication (去标识化) — a pure module, no Django.

What is removed follows the packs' ``[disclosure] redaction`` rules and 政府信息公开条例 第十五条
(个人隐私不予公开): personal names, addresses, resident ID numbers, phone numbers, bank accounts,
property-certificate numbers and contact details. Organisation names and unified social credit
codes stay: they identify the legal person, whose penalty the 公示 must show (市人社局 第九条,
柳州 第八条 list 相对人名称).

Detection has two sources:

* ``Known`` data from the case record (parties, witnesses, informants and their numbers and
  addresses) is removed wherever it appears, however the text was written;
* patterns for the rest: checksummed numbers (GB 11643 for ID numbers, Luhn for bank cards),
  phone formats, address shapes, and names found after a role word (当事人、证人…) or before a
  gender/ID phrase, with a Chinese surname list. A name found once is removed everywhere;
* a statistical word tagger (jieba, see ``tagger``) for names with no cue around them, under the
  same surname and context checks.

Names the publisher must keep (law-enforcement officers: their names and certificate numbers are
published anyway, 行政处罚法 第四十二条) are passed as ``keep``.

The result is the redacted text and the spans (start, end, kind, reason) in the *original*
text, so a publisher can review each removal, add or undo one, and ``apply_spans`` rebuilds the
derivative. Only that derivative is meant to be stored for the public.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from sanxiang.disclosure import tagger


class Kind(StrEnum):
    ID_NUMBER = "id_number"
    PHONE = "phone"
    BANK_ACCOUNT = "bank_account"
    PROPERTY_CERT = "property_cert"
    ADDRESS = "address"
    NAME = "name"
    CONTACT = "contact"
    MANUAL = "manual"


KIND_LABELS: dict[Kind, str] = {
    Kind.ID_NUMBER: "身份证号码",
    Kind.PHONE: "电话号码",
    Kind.BANK_ACCOUNT: "银行账号",
    Kind.PROPERTY_CERT: "不动产权证号",
    Kind.ADDRESS: "地址",
    Kind.NAME: "姓名",
    Kind.CONTACT: "联系方式",
    Kind.MANUAL: "已隐去内容",
}

# When two detections overlap the higher-ranked one wins (a checksummed ID over a bank-card
# guess over a phone inside it, a known name over a pattern address that swallowed it).
_RANK: dict[Kind, int] = {
    Kind.MANUAL: 9,
    Kind.ID_NUMBER: 8,
    Kind.PROPERTY_CERT: 7,
    Kind.BANK_ACCOUNT: 6,
    Kind.PHONE: 5,
    Kind.CONTACT: 4,
    Kind.ADDRESS: 3,
    Kind.NAME: 2,
}


@dataclass(frozen=True, order=True)
class Span:
    start: int
    end: int
    kind: str
    reason: str = ""

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end

    def as_dict(self) -> dict[str, object]:
        return {"start": self.start, "end": self.end, "kind": self.kind, "reason": self.reason}


@dataclass(frozen=True)
class Known:
    """Personal data the case record holds: removed wherever it appears."""

    names: tuple[str, ...] = ()
    numbers: tuple[str, ...] = ()
    addresses: tuple[str, ...] = ()
    # Names that stay (officers); a known name is never kept.
    keep: tuple[str, ...] = ()


@dataclass(frozen=True)
class Redaction:
    text: str
    spans: tuple[Span, ...] = field(default_factory=tuple)


# --- checksums -------------------------------------------------------------------------------

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


def id_checksum_ok(number: str) -> bool:
    """GB 11643-1999: the 18th character is the ISO 7064 MOD 11-2 check of the first 17."""
    if len(number) != 18 or not number[:17].isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(number[:17], _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11] == number[17].upper()


def _plausible_birth(yyyymmdd: str) -> bool:
    year, month, day = int(yyyymmdd[:4]), int(yyyymmdd[4:6]), int(yyyymmdd[6:8])
    return 1900 <= year <= 2100 and 1 <= month <= 12 and 1 <= day <= 31


def is_resident_id(number: str) -> bool:
    """An 18-digit ID with a valid region digit, birth date and checksum (GB 11643)."""
    return id_checksum_ok(number) and number[0] in "12345678" and _plausible_birth(number[6:14])


def luhn_ok(digits: str) -> bool:
    """ISO/IEC 7812 (Luhn): the check used by bank card numbers (银行卡号)."""
    if not digits.isdigit() or len(digits) < 12:
        return False
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


_USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def uscc_ok(code: str) -> bool:
    """GB 32100-2015 unified social credit code check character (MOD 31)."""
    code = code.upper()
    if len(code) != 18 or any(c not in _USCC_ALPHABET for c in code):
        return False
    total = sum(_USCC_ALPHABET.index(c) * w for c, w in zip(code[:17], _USCC_WEIGHTS, strict=True))
    return _USCC_ALPHABET[(31 - total % 31) % 31] == code[17]


# --- surnames and role words -------------------------------------------------------------------

# The ~130 most common single-character surnames (第七次全国人口普查 order, abridged) and the usual
# compound ones. A surname alone is never evidence: detection needs a role word or a gender/ID
# phrase next to it (see ``_name_candidates``).
SURNAMES_SINGLE = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶"
    "程魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺"
    "毛郝顾龚邵万覃武钱戴严莫孔向常汤康易乔赖文施洪辛柯庄甘聂凌牛齐祝尤鲁葛俞翟包左欧阳"
    "温季霍庞詹关代蒙申兰岳殷柴苗单伍樊项佘符穆梅蓝习耿成储卜饶宁廉麦席尚艾车滕应"
    "颜喻倪骆华谷焦涂管卫裴商阎邢鲍谈宫童傅吉古晏娄靳巩杭鄢湛边卓屈蔺褚解隆缪衡舒柏植"
    # Less common ones (百家姓 beyond the top 200, and regional ones: 邝 粤, 覃 蓝 韦 桂), minus
    # characters that are mostly words (和 路 山 门 来 从 那 查 党 富 权 费 全 农 简 …).
    "冉阮桂訾濮牟逯钮卞苟隋麻谌敖甄容纪盛竺奚郁仇揭栾房皮冷敬邝练祁巫凤戚邬满封屠秋米芦"
    "鞠池阙扈卿毕宗寇浦荣鲜殳郦晋蒲闵勾冀郜雍仲邴翁伏桑粟佟苑芮裘宓贝臧戈邸弓隗匡禄"
    # round 4: surnames that are mostly everyday characters, taken only in the strict shape
    # of ``_WEAK_SURNAMES``
    "时原况乐"
)
# 时代华 is a name, 时收取 is not: after one of these, every given-name character must be a
# common one, and a two-character name must end at punctuation.
_WEAK_SURNAMES = frozenset("时原况乐")
SURNAMES_COMPOUND = frozenset(
    {
        "欧阳",
        "司马",
        "上官",
        "诸葛",
        "东方",
        "皇甫",
        "尉迟",
        "公孙",
        "慕容",
        "令狐",
        "长孙",
        "宇文",
        "司徒",
        "夏侯",
        "轩辕",
        "端木",
        "百里",
        "呼延",
        "南宫",
        "独孤",
        "万俟",
        "闻人",
        "赫连",
    }
)

# Words after which a person's name follows (当事人：张三 / 证人李四称…).
_ROLE_WORDS = (
    "当事人|姓名|申请人|被申请人|法定代表人|负责人|经营者|业主|户主|证人|见证人|举报人|投诉人|"
    "委托代理人|代理人|联系人|监护人|被检查人|被询问人|询问对象|陪同人|在场人|家属|"
    "妻子|丈夫|儿子|女儿|父亲|母亲|员工|职工|工人|劳动者|店主|司机|驾驶人|驾驶员|承租人|出租人|"
    "股东|受害人|患者|参保人|养老保险参保人|申报人|受理人|收款人|付款人|借款人|雇员|学员|厨师|"
    "保安|店员|收银员|会计|出纳|经理|主管|工作人员|邻居|房东|租户|业户|签收人|受送达人|律师|调解员|"
    "鉴定人|被鉴定人|矫正对象|求职者|老板|雇佣|雇用|招用|代理|保洁员|木工|技术经纪人|接待人|"
    "代表|陪同人员|在场人员|联系人员|我叫|名叫|叫做|老板叫|姓名为|本人|侄子|侄女|外甥|外甥女|孙子|"
    "孙女|亲属|配偶|朋友|同事|同学|哥哥|弟弟|姐姐|妹妹|儿媳|女婿|户名|持卡人|开户人|参保人员|"
    "被处罚人|被告知人|被调查人|受害者|学生|村民|居民|农民工|劳务人员|网格员|"
    "受援人|受助人|求助人|承担人|名单|"
    # round 3: owners, partners and parties of a review, heirs, people who sign or receive
    "实际经营者|实际控制人|合伙人|投资人|出资人|担保人|保证人|被投诉人|被举报人|申诉人|上诉人|"
    "被上诉人|原告|被告|第三人|继承人|近亲属|车主|房主|经手人|领款人|代收人|代领人|代签人|"
    "曾用名|别名|又名|化名|专家|店长|厂长|站长|园长|校长|"
    "退休人员|离职人员|务工人员|研发人员|班组长|包工头|带班人|"
    # kinship after a person (受援人之子…) and everyday jobs in labour cases
    "之子|之女|之妻|之夫|之父|之母|之兄|之弟|之姐|之妹|"
    "帮厨|电工|焊工|瓦工|木匠|钢筋工|杂工|小工|普工|学徒|服务员|营业员|销售员|业务员|快递员|骑手|"
    "护工|保姆|月嫂|家政员|技术员|操作工|搬运工|装卸工|水电工|油漆工|"
    # round 4: kinship after 其 (其父常德胜、其妻高慧), more jobs and helpers, foreigners
    "其父|其母|其兄|其弟|其姐|其妹|其妻|其夫|其子|其女|其父亲|其母亲|其妻子|其丈夫|其儿子|其女儿|其哥哥|其弟弟|其姐姐|其妹妹|财务|志愿者|实习人员|实习生|见习人员|"
    "证明人|工头|外籍教师|外籍人员|外籍员工|外籍专家|外国专家|外籍|中文译名|译名|中文名|中文姓名|"
    "英文名|外文名|外籍教员|外籍雇员|外国人|持证人|第一完成人|完成人|特派员|科技特派员|执业人员|"
    "相对人|行政相对人|作者|第一作者|其他作者|通讯作者|合作者|署名人|财务人员|行政主管|人事主管|"
    "总监|财务总监|组长|专员|人事专员|研究生|博士生|硕士生|成员|组员|项目组成员|课题组成员|"
    "网格员|社工|志愿者|"
    # round 9: former spouses and in-laws, step and foster kin, interpreters, company heads
    "前夫|前妻|亡夫|亡妻|养父|养母|继父|继母|养子|养女|继子|继女|未婚夫|未婚妻|男友|女友|"
    "公公|婆婆|岳父|岳母|姐夫|妹夫|嫂子|弟媳|长子|次子|长女|次女|"
    "翻译人员|翻译员|译员|总经理|副总经理|董事长|执行董事|监事|"
    # round 10: kin in running text (经其舅舅田大富介绍)
    "舅舅|舅妈|叔叔|婶婶|姑姑|姑父|姑妈|姨妈|姨父|伯父|伯母|爷爷|奶奶|外公|外婆|祖父|祖母|"
    "表哥|表姐|表弟|表妹|堂哥|堂姐|堂弟|堂妹|堂兄|表兄|"
    # round 12: a natural person as the other side of a contract, a minor employed
    "自然人|未成年人|未成年工|童工|"
    # round 13
    "老板娘|老板的妻子|厂长妻子"
)
# Characters that end a name: a name is 2-4 characters, then the sentence goes on.
_NAME_STOP = set("称说于在的系因等向到与和及将已未作均也曾即就并又亦被把对从自为是有无每所了按")
_VERBS_AFTER_NAME = frozenset(
    [
        "证实",
        "陈述",
        "供述",
        "表示",
        "承认",
        "到场",
        "签字",
        "签名",
        "确认",
        "反映",
        "提供",
        "举报",
        "投诉",
        "经营",
        "负责",
        "作证",
        "介绍",
        "辩称",
        "辩解",
        "交代",
        "出具",
        "指认",
        "同意",
        "拒绝",
        "离开",
        "联系",
        "在场",
        "未能",
        "现场",
        "说明",
        "证明",
        "回忆",
        "讲述",
        "声称",
        "自述",
        "自称",
        "均称",
        "告知",
        "报称",
        "驾驶",
        "购买",
        "销售",
        "支付",
        "收取",
        "租赁",
        "承租",
        "居住",
        "入职",
        "工作",
        "领取",
        "申请",
        "接受",
        "持有",
        "使用",
        "雇佣",
        "招用",
        "称其",
        "称自",
        "当场",
        "口述",
        "出示",
        "两人",
        "二人",
        "等人",
        "本人",
        "家中",
        "一同",
        "一起",
        "共同",
        "分别",
        "系该",
        "系其",
        "同时",
    ]
)
_NOT_NAME_END = set("人市区县省局镇村街路厂店司所院部会号处科队员师副族")
_PLACE_STARTS = frozenset(
    {
        "武汉",
        "柳州",
        "湖北",
        "广西",
        "江汉",
        "江岸",
        "洪山",
        "汉阳",
        "东西",
        "黄陂",
        "硚口",
        "鱼峰",
        "城中",
    }
)
_VERBS_AFTER_NAME = _VERBS_AFTER_NAME | frozenset(
    [
        "离职",  # round 14: 上官明离职不影响…
        "入职",
        "继续",
        "主持",
        "代领",
        "留存",
        "冒领",
        "死亡",
        "去世",
        "介绍",
        "未满",
        "已满",
        "今年",
        "现年",
        "年满",
        "到店",
        "到我",
        "先后",
        "多次",
        "通过",
        "利用",
        "伙同",
        "指使",
        "要求",
        "私自",
        "擅自",
        "拒不",
        "拒绝",
        "签收",
        "女士",
        "先生",
        # round 8
        "参加",
        "参与",
        "提出",
        "出庭",
        "到庭",
        "作出",
        "制作",
        "签订",
        "填写",
        "接受",
        "提交",
        "补交",
    ]
)


# 罗丹执业证: words that follow a name inside a noun phrase (round 10), for _name_at only.
_VERBS_AFTER_NAME_AT = _VERBS_AFTER_NAME | frozenset(["执业"])


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_COMMON_WORDS = _words(
    "代表 单位 严重 安全 许可 关于 于是 成为 方面 金额 程序 任何 全部 "
    "周边 原因 高度 明确 常年 文件 向其 向本 向我 张贴 陈述 林业 石油 "
    "黄金 马上 何时 金属 江边 王府 方式 方法 应当 应该 于是 时间 曾经 "
    "将其 万元 孔明 车辆 车间 房屋 田地 钱款 项目 费用 程度 管理 卫生 "
    "商品 商业 宁可 文化 和解 施工 包括 左右 向上 毛利 温度 季度 伍拾 "
    "柴油 邮箱 艾滋 华中 华南 武装 江苏 "
    "房产 房租 房间 满足 满意 皮革 凤凰 冷库 冷藏 容器 容易 盛开 秋季 纪律 纪要 荣誉 宗教 "
    # Legal prose: 当事人申请…, 申请人向人民法院… (measured on the national laws in the repo).
    "申请 向人 向行 向仲 向外 向法 向有 代理 严加 单方 "
    # round 4
    "申报 申领 申诉 申明 解除 解决 解释 "
    # round 3 (第三人代履行…, 第三人符合本…): words after the new role cues in legal prose.
    "代履 代为 代收 代签 代办 代缴 代扣 代替 符合 向两 向更 向该 向社 向公 向国 向税 向当 "
    "代码 毕业 封存 封条 敬老 练习 仲裁 冀中 宗旨 伏天 桑拿 戈壁 米面 池塘 卿卿 寇仇 "
    # round 13: what follows 本人 (与其本人谈话, 非其本人成果)
    "谈话 成果 "
)
_CJK = "\u4e00-\u9fff"
_GENDER_AFTER = (
    r"(?=[（(，,、\s]*(?:男|女|性别|身份证|公民身份|出生|住址|住所|现住|户籍|年龄|\d{2}岁)"
    # …or an ID number in brackets, whole or masked (文德贵（42010519…）).
    r"|[（(]\d{4}[\d*]{2})"
)

# Phrases that introduce a law-enforcement officer, whose name stays.
_OFFICER_WORDS = re.compile(
    r"(?<![被受])(?:执法人员|执法队员|承办人员|承办人|办案人员|检查人员|核查人员|抽查人员|"
    r"调查人员|调查人|经办人|审核人|批准人|记录人|记录员|书记员|询问人|送达人|监察员|"
    r"听证主持人|主持人|听证员|民警|司法所工作人员|评审专家组组长|专家组组长|"
    # round 12: notaries handling the matter, the agency's staff (局工作人员), and sign-off
    # lines written without 人 (经办：…　审核：…). Mediators are not here: a people's mediator
    # is a private person on a committee, and the evaluation authors disagree on them.
    r"承办公证员|公证员|(?<=局)工作人员|经办(?=[：:])|审核(?=[：:])|"
    r"复核(?=[：:]))[：:\s]*"
)

# Organisation suffixes: a surname-looking sequence inside an organisation name is not a person.
_ORG_SUFFIX = (
    "股份有限公司|有限责任公司|有限公司|分公司|公司|集团|工厂|厂|商行|经营部|门市部|门店|店|超市|"
    "药房|药店|诊所|医院|卫生院|学校|幼儿园|培训中心|中心|合作社|事务所|工作室|酒店|宾馆|餐馆|饭店|"
    "酒楼|火锅|协会|研究院|研究所|委员会|局|分局|政府|街道办事处|银行|支行|分行|市场|加油站|网吧|"
    "鉴定所|司法所|派出所|介绍所|服务部|维修部|幼儿园|会所|便利店|小吃店|服装店|保洁服务部"
)
_ORG_END = re.compile(rf"(?:{_ORG_SUFFIX})")
# Walking back from a suffix, these end an organisation name ("在武汉市张记餐饮有限公司").
# 该/本/其 point back at an organisation already named (魏长青反映该公司…): never inside one.
_ORG_STOP = set("的在与和是为系向对于将把被从由及称等经营诉：:，,。；;、（）() \n该本其到我你他她")


# --- detectors ---------------------------------------------------------------------------------

_MASK = "*＊×xX"
_ID18 = re.compile(r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])")
_ID15 = re.compile(r"(?<![0-9A-Za-z])\d{15}(?![0-9A-Za-z])")
_USCC = re.compile(r"(?<![0-9A-Za-z])[0-9A-HJ-NPQRTUWXY]{18}(?![0-9A-Za-z])")
# Partly masked numbers (4201**********1234, 138****5678, 6222 **** **** 1234).
_MASKED = re.compile(
    r"(?<![0-9A-Za-z*＊×])\d{1,14}(?:[ ]?[*＊×]{2,}[ ]?\d{0,6}){1,4}[Xx]?(?![0-9A-Za-z*＊×])"
)
_MOBILE = re.compile(r"(?<![0-9A-Za-z])(?:\+?86[- ]?)?1[3-9]\d[- ]?\d{4}[- ]?\d{4}(?![0-9A-Za-z])")
_LANDLINE = re.compile(
    r"(?<![0-9A-Za-z])(?:[（(]0\d{2,3}[)）]|0\d{2,3}[- ])"
    r"(?:\d{7,8}|\d{3,4}[ -]\d{4})(?:[-转]\d{1,5})?(?![0-9A-Za-z])"
)
_PHONE_CONTEXT = re.compile(
    r"(?:电话|手机|联系方式|座机|号码|Tel|TEL|tel)[号码]?[：:\s为是]*(\d{7,8})(?!\d)"
)
_DIGITS = re.compile(
    r"(?<![0-9A-Za-z])\d{4,6}(?:[ -]?\d{4}){2,4}(?:[ -]?\d{1,3})?(?![0-9A-Za-z])"
    r"|(?<![0-9A-Za-z])\d{12,19}(?![0-9A-Za-z])"
)
_ACCOUNT_CONTEXT = re.compile(r"(?:账号|帐号|账户|帐户|卡号|银行卡|开户行|存折|收款账|转账至)")
_ID_CONTEXT = re.compile(r"(?:身份证|公民身份|证件号|身份号码)")
_PROVINCE = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
_PROPERTY = re.compile(
    rf"[{_PROVINCE}]\s*[（(]\s*\d{{4}}\s*[）)]\s*[{_CJK}]{{0,12}}?不动产(?:权|证明)第?\s*\d{{3,}}\s*号"
    rf"|[{_CJK}]{{0,3}}(?:房权证|房地证|房产证|土地证|国用|集用)[{_CJK}（）()\d]{{0,12}}?第\s*[A-Za-z]?\d{{3,}}\s*号?"
)
_PROPERTY_KEYED = re.compile(
    rf"(?:不动产权证书?号?|不动产权证号|房产证号?|房屋所有权证号?|土地使用权证号?)[码]?[：:\s为是]*"
    rf"([A-Za-z0-9（）()\-{_CJK}]*\d[A-Za-z0-9（）()\-{_CJK}]{{2,29}}?)(?=[，。；;,、\s]|$)"
)
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
_IM = re.compile(r"(?:QQ|qq|微信|微信号|wechat|WeChat)[号]?[：:\s为是]*([A-Za-z0-9_\-]{5,30})")

# Addresses: introduced by a keyword, or shaped like an address (road + number, or village).
_ADDR_KEY = re.compile(
    r"(?:家庭住址|户籍地址|户籍所在地|现住址|居住地址|住址|住所地|住所|现住|居住于|居住在|住在|"
    r"送达地址|联系地址|通讯地址|经营地址|经营场所|注册地址|地址|坐落于|位于|户籍地|，住所|，住(?![址所]))"
    r"[：:\s为是在于]*"
)
_ADDR_BODY = re.compile(rf"[{_CJK}A-Za-z0-9\-－—#（）()·]{{3,60}}")
_ADDR_TOKEN = re.compile(
    r"省|市|区|县|镇|乡|街道|路|街|巷|村|组|号|栋|幢|单元|室|楼|小区|社区|大道|弄|里|苑|园|城|广场|大厦|公寓"
)
_ADDR_STRONG = re.compile(r"\d+号|\d+室|\d+栋|\d+幢|\d+单元|村|组|\d+楼|小区")
_ADDR_SHAPE = re.compile(
    rf"(?:[{_CJK}]{{2,7}}?(?:省|自治区))?(?:[{_CJK}]{{2,7}}?市)?(?:[{_CJK}]{{1,7}}?(?:区|县))?"
    rf"(?:[{_CJK}]{{1,8}}?(?:街道|镇|乡))?"
    rf"(?:[{_CJK}A-Za-z0-9]{{1,12}}?(?:大道|路|街|巷|弄|村)"
    rf"(?:[{_CJK}A-Za-z0-9]{{0,10}}?\d+[号组]|(?:[{_CJK}]{{1,3}}组))"
    rf"(?:[{_CJK}A-Za-z0-9\-－#]{{0,16}}?(?:栋|幢|单元|室|楼|层|号|门面|铺))*)"
)


# Words an address-shaped match may swallow at its start ("住武汉市…", "位于江汉区…").
_ADDR_LEAD = re.compile(
    r"(?:家住|现住|居住于|居住在|居住|住在|住于|住|位于|坐落于|地处|在|于|至|到|往|从|系|为|是|的)+"
)


_ADDR_BREAK = set("在于住至到从是为系的人，、：:。；")


# Passport and travel-permit numbers after their label (foreigners' work permits).
_PASSPORT = re.compile(
    r"(?:护照号码|护照号|护照编号|护照|通行证号码|通行证号)[：:\s为是]*"
    r"([A-Z]{0,3}\d{6,9}|(?=(?:[A-Z]*\d){4})[A-Z0-9]{7,12})(?![0-9A-Za-z])"
)


def _id_spans(text: str, protected: list[tuple[int, int]]) -> Iterator[Span]:
    for m in _PASSPORT.finditer(text):
        yield Span(m.start(1), m.end(1), Kind.ID_NUMBER, "护照或通行证号码")
    for m in _ID18.finditer(text):
        number = m.group()
        before = text[max(0, m.start() - 14) : m.start()]
        if is_resident_id(number):
            if uscc_ok(number) and "信用代码" in before:
                continue
            yield Span(m.start(), m.end(), Kind.ID_NUMBER, "身份证号码（GB 11643 校验位正确）")
        elif _ID_CONTEXT.search(before):
            yield Span(m.start(), m.end(), Kind.ID_NUMBER, "标注为身份证号码的号码（校验位不符）")
    for m in _ID15.finditer(text):
        number = m.group()
        before = text[max(0, m.start() - 14) : m.start()]
        if _ID_CONTEXT.search(before) or (
            number[0] in "12345678" and _plausible_birth("19" + number[6:12])
        ):
            if _ACCOUNT_CONTEXT.search(before) and not _ID_CONTEXT.search(before):
                continue
            yield Span(m.start(), m.end(), Kind.ID_NUMBER, "15 位身份证号码")


def _masked_spans(text: str) -> Iterator[Span]:
    for m in _MASKED.finditer(text):
        raw = m.group()
        compact = raw.replace(" ", "")
        before = text[max(0, m.start() - 14) : m.start()]
        if _ID_CONTEXT.search(before) or len(compact) in (15, 18):
            yield Span(m.start(), m.end(), Kind.ID_NUMBER, "部分遮盖的身份证号码")
        elif len(compact) == 11 and compact.startswith("1"):
            yield Span(m.start(), m.end(), Kind.PHONE, "部分遮盖的手机号码")
        elif _ACCOUNT_CONTEXT.search(before) or len(compact) >= 12:
            yield Span(m.start(), m.end(), Kind.BANK_ACCOUNT, "部分遮盖的银行账号")
        elif len(compact) >= 7:
            yield Span(m.start(), m.end(), Kind.PHONE, "部分遮盖的号码")


def _phone_spans(text: str) -> Iterator[Span]:
    for m in _MOBILE.finditer(text):
        yield Span(m.start(), m.end(), Kind.PHONE, "手机号码")
    for m in _LANDLINE.finditer(text):
        yield Span(m.start(), m.end(), Kind.PHONE, "固定电话号码")
    for m in _PHONE_CONTEXT.finditer(text):
        yield Span(m.start(1), m.end(1), Kind.PHONE, "标注为电话的号码")


def _bank_spans(text: str) -> Iterator[Span]:
    for m in _DIGITS.finditer(text):
        digits = re.sub(r"[ -]", "", m.group())
        before = text[max(0, m.start() - 16) : m.start()]
        if _ACCOUNT_CONTEXT.search(before):
            yield Span(m.start(), m.end(), Kind.BANK_ACCOUNT, "标注为账号的号码")
        elif 16 <= len(digits) <= 19 and luhn_ok(digits) and not _ID_CONTEXT.search(before):
            yield Span(m.start(), m.end(), Kind.BANK_ACCOUNT, "银行卡号（Luhn 校验正确）")


def _property_spans(text: str) -> Iterator[Span]:
    for m in _PROPERTY.finditer(text):
        yield Span(m.start(), m.end(), Kind.PROPERTY_CERT, "不动产权证书号")
    for m in _PROPERTY_KEYED.finditer(text):
        yield Span(m.start(1), m.end(1), Kind.PROPERTY_CERT, "标注为权属证书号的号码")


def _contact_spans(text: str) -> Iterator[Span]:
    for m in _EMAIL.finditer(text):
        yield Span(m.start(), m.end(), Kind.CONTACT, "电子邮箱")
    for m in _IM.finditer(text):
        yield Span(m.start(1), m.end(1), Kind.CONTACT, "即时通讯账号")


def _address_spans(text: str) -> Iterator[Span]:
    for key in _ADDR_KEY.finditer(text):
        body = _ADDR_BODY.match(text, key.end())
        if body and _ADDR_TOKEN.search(body.group()) and _ADDR_STRONG.search(body.group()):
            end = body.end()
            # An address that ends in a parenthesised note keeps the note.
            value = body.group()
            cut = max(value.rfind("（"), value.rfind("("))
            if cut > 3 and not re.search(r"\d", value[cut:]):
                end = body.start() + cut
            yield Span(body.start(), end, Kind.ADDRESS, "地址")
    for m in _ADDR_SHAPE.finditer(text):
        start = m.start()
        # The lazy province/city prefix may start inside the sentence ("当事人苏文在武汉市…"):
        # the address begins after the last word that cannot be part of one.
        head_end = next(
            (i for i in range(start, m.end()) if text[i] in "省市区县镇乡街路村"), start
        )
        for i in range(head_end - 1, start - 1, -1):
            if text[i] in _ADDR_BREAK:
                start = i + 1
                break
        if text[start : start + 1] in ("所", "址") and text[start - 1 : start] == "住":
            start += 1  # 住所/住址 split at 住 (a break character): the label is not the address
        lead = _ADDR_LEAD.match(text, start, m.end())
        if lead:
            start = lead.end()
        if m.end() - start >= 5:
            yield Span(start, m.end(), Kind.ADDRESS, "地址（门牌形态）")


# An agency's own contact line and an organisation's registered premises are published, not
# personal data (the 公示 names the legal person and where to ask: 市人社局 第九条, 柳州 第八条).
# Detector hits there are left alone — only landlines and addresses, never a mobile, and never
# what the case record holds (those spans come from ``Known`` and are not filtered):
# * a landline or address in a clause naming the agency side (经办人, 联系人, 本局, 监督电话 …)
#   with no private role in its line (当事人, 投诉人, 住址, 手机 …); a line that is only a label
#   (地址：…, 联系电话：…) belongs to the line above;
# * an address under 住所/经营场所/注册地址/地址 that follows an organisation's name or its
#   unified social credit code with nobody named in between (not after 法定代表人 or 经营者:
#   that may be a person's home).
_PUBLIC_SIDE = re.compile(
    r"经办人|联系人|承办人|承办律师|执法人员|执法证|监督电话|咨询电话|投诉电话|举报电话|服务电话|"
    r"本局|我局|本机关|本中心|本委|本所|本院|本办|大队|支队|[^\n]科[，,：:\s（(）)]|科$|"
    r"司法局|人社局|人资局|科技局|办公室|服务中心"
)
_PRIVATE_SIDE = re.compile(
    r"当事人|申请人|相对人|投诉人|举报人|反映人|受送达人|签收人|证人|在场人|被询问人|被调查人|"
    r"家属|亲属|本人|你的|您的|你家|住址|家庭|户籍|居住|现住|家住|身份|个人|手机|微信|受援人|"
    r"矫正对象|[男女][，,、]|出生|生，"
)
_PREMISES_KEY = re.compile(
    r"(?:住所地?|经营场所|经营地址|注册地址|办公场所|办公地址|营业场所|地址)[：:\s]*$"
)
# Where a document is served, or where someone lives, is the person's, whatever stands above it
# (a 送达地址 under the agency's signature or contact line is the recipient's).
_PRIVATE_ADDRESS_KEY = re.compile(r"(?:送达|家庭|居住|户籍|现住|家住|住址)[^，,。；;\n]{0,4}$")
_PERSON_BETWEEN = re.compile(
    r"法定代表人|负责人|经营者|投资人|股东|当事人|申请人|投诉人|举报人|代理人|联系人|"
    r"身份证|性别|出生|民族|[男女][，,、]|住址"
)
_CLAUSE_END = re.compile(r"[。；;！!？?]")


def _public_line(text: str, start: int) -> bool:
    """The span at ``start`` sits in the agency's contact clause (see above)."""
    line_start = text.rfind("\n", 0, start) + 1
    line = text[line_start:start]
    if len(line.strip()) <= 6 and line_start > 0:
        above = text.rfind("\n", 0, line_start - 1) + 1
        line = text[above : line_start - 1] + "\n" + line
    clause = line[max((m.end() for m in _CLAUSE_END.finditer(line)), default=0) :][-40:]
    return bool(_PUBLIC_SIDE.search(clause)) and not _PRIVATE_SIDE.search(line)


def _org_premises(text: str, start: int, orgs: Sequence[tuple[int, int]]) -> bool:
    """The address at ``start`` is an organisation's premises (see above)."""
    window_start = max(0, start - 160)
    if not _PREMISES_KEY.search(text, max(window_start, start - 12), start):
        return False
    window = text[window_start:start]
    ends = [m.end() for m in _USCC.finditer(window) if uscc_ok(m.group())]
    ends += [e - window_start for s, e in orgs if window_start <= e <= start]
    if not ends:
        return False
    between = window[max(ends) :]
    return "\n\n" not in between and not _PERSON_BETWEEN.search(between)


def _beside_a_name(text: str, start: int, names: Sequence[Span]) -> bool:
    """A name being removed stands earlier in the same line and clause as ``start``."""
    line_start = text.rfind("\n", 0, start) + 1
    clause = max((m.end() for m in _CLAUSE_END.finditer(text, line_start, start)), default=0)
    first = max(line_start, clause)
    return any(first <= n.start < start for n in names)


def _landline(value: str) -> bool:
    return not _MOBILE.fullmatch(value)


def _org_ranges(text: str) -> list[tuple[int, int]]:
    ranges: list[tuple[int, int]] = []
    for m in _ORG_END.finditer(text):
        start = m.start()
        while start > 0 and m.start() - start < 24 and text[start - 1] not in _ORG_STOP:
            start -= 1
        # An organisation name starts at its place name where it has one ("代理鲁晓峰诉武汉某公司").
        places = [text.find(p, start, m.start()) for p in _PLACE_STARTS]
        found = [i for i in places if i != -1]
        if found:
            start = min(found)
        if m.start() - start >= 2:
            ranges.append((start, m.end()))
    return ranges


def _inside(start: int, end: int, ranges: Sequence[tuple[int, int]]) -> bool:
    return any(s <= start and end <= e for s, e in ranges)


def _is_cjk(ch: str) -> bool:
    return bool(ch) and "\u4e00" <= ch <= "\u9fff"


def _surname_at(text: str, pos: int) -> int:
    """Length of the surname starting at ``pos`` (0 if none)."""
    if text[pos : pos + 2] in SURNAMES_COMPOUND:
        return 2
    if pos < len(text) and text[pos] in SURNAMES_SINGLE:
        return 1
    return 0


def _name_at(text: str, pos: int) -> int:
    """Length of a plausible personal name at ``pos`` (surname + 1–2 characters), or 0."""
    sl = _surname_at(text, pos)
    if not sl:
        return 0
    n = 0
    first = pos + sl
    if (
        text[first : first + 1] in _NAME_STOP
        and _is_cjk(text[first + 1 : first + 2])
        and text[first + 1] not in _NAME_STOP
        and text[first + 1] != "某"
        and not _is_cjk(text[first + 2 : first + 3])
        and text[first : first + 2] not in _COMMON_WORDS
    ):
        # 张向阳、李和平。: a given name that starts with a character which usually ends a
        # name (向, 和, 于) — taken only when exactly one more character follows before punctuation.
        return sl + 2
    while n < 2 and pos + sl + n < len(text):
        ch = text[pos + sl + n]
        if not ("\u4e00" <= ch <= "\u9fff") or ch in _NAME_STOP or ch == "某":
            break
        # 刘强证实 → 刘强: the next two characters are a verb, not the end of a given name.
        if n == 1 and text[pos + sl + n : pos + sl + n + 2] in _VERBS_AFTER_NAME_AT:
            break
        n += 1
    if n == 0:
        return 0
    if sl == 1 and text[pos] in _WEAK_SURNAMES:
        given = text[pos + 1 : pos + 1 + n]
        if not all(ch in GIVEN_NAME_CHARS for ch in given) or (
            n == 1 and _is_cjk(text[pos + 2 : pos + 3])
        ):
            return 0
    # 代表、单位、严重: common words that begin with a surname character.
    if text[pos : pos + 2] in _COMMON_WORDS:
        return 0
    # 申请人、武汉市、东西湖区: a surname-initial word, not a name.
    if text[pos + sl + n - 1] in _NOT_NAME_END or text[pos : pos + 2] in _PLACE_STARTS:
        return 0
    if text[pos + sl + n : pos + sl + n + 1] in ("市", "区", "县", "省", "镇", "村", "路"):
        return 0
    # 张某、王某某 are already anonymised.
    if text[pos + sl : pos + sl + 1] == "某":
        return 0
    return sl + n


def _trie_alternation(words: Iterable[str]) -> str:
    """``a(?:b|c)|d…`` grouped by first character: a long plain alternation is slow in ``re``."""
    groups: dict[str, list[str]] = {}
    for word in words:
        groups.setdefault(word[0], []).append(re.escape(word[1:]))
    return "|".join(
        f"{re.escape(head)}(?:{'|'.join(sorted(tails, key=len, reverse=True))})"
        for head, tails in sorted(groups.items())
    )


# Longest alternatives first: 陪同人员 before 陪同人, 老板叫 before 老板 (grouped by first
# character, which matches the same words as one flat longest-first alternation, faster).
_ROLE_ALTERNATIVES = sorted(
    {*_ROLE_WORDS.split("|"), "经查", "经调查", "查明", "登记"}, key=len, reverse=True
)
_ROLE = re.compile(
    rf"(?:{_trie_alternation(_ROLE_ALTERNATIVES)})(?:[甲乙丙丁]方?)?(?:（[^）]{{0,8}}）)?(?:签收|签名|签字)?"
    r"[：:，,\s“\"]*"
    r"(?:(?:变更|更换|调整|改)为|为|是|系|叫)?"
)


_ROLE_WORD_AT = re.compile(rf"(?:{_trie_alternation(_ROLE_ALTERNATIVES)})")


# 姓名：贲晓光 — after this label any two to four characters are the name, surname list or not.
_NAME_LABEL = re.compile(rf"姓\s*名[：:]\s*([{_CJK}]{{2,4}})(?=[\s，,。；;（(、]|$)")


def _name_candidates(text: str, orgs: Sequence[tuple[int, int]]) -> Iterator[tuple[str, str]]:
    for m in _NAME_LABEL.finditer(text):
        if "某" not in m.group(1) and m.group(1) not in _COMMON_WORDS:
            yield m.group(1), "姓名栏中的姓名"
    roles = list(_ROLE.finditer(text))  # also read by the ethnic and Latin name rules
    for m in roles:
        pos = m.end()
        while True:
            length = _name_at(text, pos)
            if not length or _inside(pos, pos + length, orgs):
                break
            # 当事人向劳动者加付: 向 begins no name when a role word follows it.
            if _ROLE_WORD_AT.match(text, pos + 1):
                break
            yield text[pos : pos + length], "角色词后的姓名"
            pos += length
            # 证人张三、李四 — a list of names after one role word.
            if pos < len(text) and text[pos] in "、和及与":
                pos += 1
                continue
            break
    gendered = re.compile(rf"[{_CJK}]{{2,4}}{_GENDER_AFTER}")
    for m in gendered.finditer(text):
        # Try each start inside the run: "经查王小明（男…" → 王小明.
        for offset in range(m.end() - m.start() - 1):
            pos = m.start() + offset
            length = _name_at(text, pos)
            if length and pos + length == m.end() and not _inside(pos, m.end(), orgs):
                yield text[pos : pos + length], "性别或身份证号前的姓名"
                break
    # A name ending right before a title or form of address (柏宏亮教授, 覃美华女士).
    for m in _TITLE_AFTER.finditer(text):
        # 承办律师, 代理律师: a kind of lawyer, not a name before the title.
        if m.group() == "律师" and _LAWYER_KIND.search(text, max(0, m.start() - 2), m.start()):
            continue
        name = _name_ending_at(text, m.start(), orgs)
        if name:
            yield name, "称谓前的姓名"
        dot = _DOT_NAME_BEFORE.search(text, max(0, m.start() - 14), m.start())
        if dot and not _inside(dot.start(), dot.end(), orgs):
            yield dot.group(), "称谓前的少数民族姓名"
    # The addressee of a notice: 韩立新：根据你的申请… (a name, a colon, then 你/您).
    for m in _SALUTATION.finditer(text):
        name = _name_ending_at(text, m.start(), orgs)
        if name and m.start() - len(name) >= 0:
            before = text[m.start() - len(name) - 1 : m.start() - len(name)]
            if not before or not ("\u4e00" <= before <= "\u9fff") or before == "号":
                yield name, "通知对象的姓名"
    # A list (名单：郑国庆，某公司；喻红霞，…): each item after ； begins with a name.
    for m in _LIST_HEAD.finditer(text):
        end = text.find("。", m.end())
        body_end = len(text) if end == -1 else end
        for item in re.finditer(r"(?:^|；|;)\s*", text[m.end() : body_end]):
            pos = m.end() + item.end()
            length = _name_at(text, pos)
            follows = text[pos + length : pos + length + 1]
            if length and follows in "，,（(、" and not _inside(pos, pos + length, orgs):
                yield text[pos : pos + length], "名单中的姓名"
    # Two full three-character names joined by 、 (邬晓峰、满春华): a list of people. When
    # every given-name character is a common one (孟凡荣、柏秋生列为…) the list may go on.
    for m in re.finditer("、", text):
        i = m.start()
        left, right = i - 3, i + 1
        after = text[i + 4 : i + 5]
        if left < 0:
            continue
        pair = [(left, i), (right, i + 4)]
        if not all(
            _name_at(text, s) == 3 and _surname_at(text, s) == 1 and not _inside(s, e, orgs)
            for s, e in pair
        ):
            continue
        common = all(ch in GIVEN_NAME_CHARS for s, e in pair for ch in text[s + 1 : e])
        if (after and after not in "。，,；;、等和及") and not (
            common and text[left - 1 : left] in _NAME_LEFT_OK
        ):
            continue
        for s, e in pair:
            yield text[s:e], "并列的姓名"
    # A name right before what people do in a record (黄建国称：, 由黄志坚个人代签,
    # 拖欠熊志勇等12人).
    for m in _NAME_BEFORE.finditer(text):
        name = _scored_name_before(text, m.start(), orgs)
        if name:
            yield name, "动作词前的姓名（常见名字用字）"
    yield from _ethnic_names(text, orgs, roles)
    runs = list(_list_runs(text))
    yield from _listed_names(text, orgs, runs)
    yield from _table_names(text, orgs)
    yield from _more_names(text, orgs)
    yield from _latin_names(text, orgs, roles)
    yield from _dispute_names(text, orgs)
    yield from _nicknames(text)
    yield from _surname_titles(text, orgs)
    yield from _partly_masked(text)
    yield from _latin_given_surname(text)
    yield from _ledger_names(text, orgs)
    yield from _counted_lists(text, orgs, runs)
    yield from _kin_bracket_names(text, orgs)
    yield from _role_unlisted_surname(text, roles, orgs)
    yield from _round10_names(text, orgs)


# 鲍先生, 柯主管: a surname and how people address its bearer.
_SURNAME_TITLE = re.compile(r"(?:先生|女士|师傅|老板|主管|经理|会计|厂长|老师)")


def _surname_titles(text: str, orgs: Sequence[tuple[int, int]]) -> Iterator[tuple[str, str]]:
    for m in _SURNAME_TITLE.finditer(text):
        pos = m.start() - 1
        if pos < 0:
            continue
        before = text[pos - 1 : pos] if pos else ""
        if (
            text[pos] in SURNAMES_SINGLE
            and (not before or before in _NAME_LEFT_OK or before in "是的")
            and not _inside(pos, m.end(), orgs)
        ):
            yield text[pos : m.end()], "姓氏加称谓"


# 刘某明: anonymised by halves — the given-name character still points at the person.
_HALF_MASKED = re.compile(
    rf"([^\W\d_])某([^\W\d_])(?![{_CJK}])|([^\W\d_])某([^\W\d_])(?=[系是在于等称说])"
    # 张*兰，女: masked with an asterisk, only on a party's identification line (a text that
    # masks contacts this way elsewhere, 联系人张*华，电话139****21, means it to stay).
    rf"|([^\W\d_])[*＊×]([^\W\d_]){_GENDER_AFTER}"
)


def _partly_masked(text: str) -> Iterator[tuple[str, str]]:
    for m in _HALF_MASKED.finditer(text):
        surname = m.group(1) or m.group(3) or m.group(5)
        given = m.group(2) or m.group(4) or m.group(6)
        if surname in SURNAMES_SINGLE and given in GIVEN_NAME_CHARS:
            yield m.group(), "部分遮盖的姓名（保留名字用字）"


# Tony刘: an English given name before a Chinese surname.
_LATIN_GIVEN_SURNAME = re.compile(rf"(?<![A-Za-z])[A-Z][a-z]{{2,9}}([^\W\d_])(?![{_CJK}])")


def _latin_given_surname(text: str) -> Iterator[tuple[str, str]]:
    if not _HAS_CAPITAL.search(text):
        return
    for m in _LATIN_GIVEN_SURNAME.finditer(text):
        if m.group(1) in SURNAMES_SINGLE:
            yield m.group(), "英文名加姓氏"


# --- round 9 -------------------------------------------------------------------------------------
# A ledger written line by line (胡建军　木工　18,600元 / 杨帆　26,900元): each line is a person,
# perhaps a job, then an amount, cells parted by ordinary or full-width spaces.
_LEDGER_ROW = re.compile(
    rf"^[ \t\u3000]*([{_CJK}·•]{{2,10}})[ \t\u3000]+(?:[{_CJK}（）()\d]{{1,24}}[ \t\u3000]+){{0,2}}"
    r"(?:人民币)?\d[\d,，.]*\s*万?元[；;。，,]?[ \t\u3000]*$",
    re.MULTILINE,
)
# round 10: the same ledger as clauses, a person a line (李桂兰，出勤142天，应发18600元；).
_CLAUSE_ROW = re.compile(
    rf"^[ \t\u3000]*([{_CJK}·•]{{2,10}})[，,][^\n]{{0,60}}?\d[\d,，.]*\s*万?元[^\n]{{0,60}}$",
    re.MULTILINE,
)
# What a ledger line's first cell is when it is not a person (合计, 其余7人, 小计).
_LEDGER_NOT_NAME = re.compile(r"计|合|共|其余|其他|总|余额|人民币|工资|金额|费")


def _short_person(item: str) -> bool:
    """A 2–4 character item that may be a name whose surname is not on the list (帅国庆, 拉毛措):
    not an everyday word, not ending like an office or a place, no 某."""
    return (
        2 <= len(item) <= 4
        and all(_is_cjk(ch) for ch in item)
        and "某" not in item
        and item[:2] not in _COMMON_WORDS
        and item[-1] not in _NOT_NAME_END
        and item[0] not in _NAME_STOP
        and not _LEDGER_NOT_NAME.search(item)
    )


def _ledger_names(text: str, orgs: Sequence[tuple[int, int]]) -> Iterator[tuple[str, str]]:
    for pattern in (_LEDGER_ROW, _CLAUSE_ROW):
        rows = [m for m in pattern.finditer(text) if not _inside(m.start(1), m.end(1), orgs)]
        if len(rows) < 2:
            continue
        whole = [m for m in rows if _whole_name(m.group(1))]
        people = [
            m
            for m in rows
            if m in whole or _short_person(m.group(1)) or _DOT_NAME.fullmatch(m.group(1))
        ]
        # The rows are a list of people when at least half the possible ones are whole names
        # (合计 and the like aside); then the others are people too.
        if not whole or 2 * len(whole) < len(people):
            continue
        for m in people:
            yield m.group(1), "逐行金额明细中的姓名"


# 申小红、尹东、铁木尔3人 / 王秀英、宋春花、阿依努尔等17名: a list closed by a head count.
_COUNT_AFTER = re.compile(
    rf"([{_CJK}·•]{{2,10}}?)(等)?(\d+|[一二两三四五六七八九十]+)(?:名|人|位)(?![{_CJK}]?[元年月日])"
)
_CHINESE_COUNT = {c: i for i, c in enumerate("零一二三四五六七八九十")} | {"两": 2}


def _count_value(raw: str) -> int:
    if raw.isdigit():
        return int(raw)
    if len(raw) == 1:
        return _CHINESE_COUNT.get(raw, 0)
    return 0


def _counted_lists(
    text: str, orgs: Sequence[tuple[int, int]], runs: Sequence[tuple[int, list[str]]]
) -> Iterator[tuple[str, str]]:
    """Every item of a 、-list that ends in a head count matching it (三人 for three items, or
    等N名 for at least as many), when at least half the items look like names: the surname list
    then need not know the others (帅国庆, 拉毛措, 艾尔肯·吐尔逊)."""
    for run_start, pieces in runs:
        last = _COUNT_AFTER.match(pieces[-1])
        if not last:
            continue
        starts = [run_start]
        for piece in pieces[:-1]:
            starts.append(starts[-1] + len(piece) + 1)
        first = pieces[0]
        # The first item is the name the first piece ends with (员工高峰 → 高峰), or the whole
        # piece when it is short and holds no role word (帅国庆).
        size = next((k for k in (4, 3, 2) if len(first) >= k and _whole_name(first[-k:])), 0)
        if not size and (_DOT_NAME.fullmatch(first) or _short_person(first)):
            size = 0 if _ROLE.search(first) else len(first)
        if not size:
            continue
        items = [(starts[0] + len(first) - size, starts[0] + len(first))]
        items += [(s, s + len(p)) for p, s in zip(pieces[1:-1], starts[1:-1], strict=True)]
        items.append((starts[-1], starts[-1] + len(last.group(1))))
        values = [text[s:e] for s, e in items]
        count = _count_value(last.group(3))
        if count != len(items) and not (last.group(2) and count > len(items)):
            continue
        if not all(_whole_name(v) or _short_person(v) or _DOT_NAME.fullmatch(v) for v in values):
            continue
        # An exact head count needs one name the surname list knows; 等N名 needs half of them.
        whole = sum(1 for v in values if _whole_name(v))
        if not whole or (count != len(items) and 2 * whole < len(values)):
            continue
        for (s, e), value in zip(items, values, strict=True):
            if not _inside(s, e, orgs):
                yield value, "人数前并列的姓名"


# 庹小军（庹德胜之子）: who the person is to another, in brackets after the name.
_KIN_BRACKET = re.compile(
    rf"[（(](?:[{_CJK}]{{2,4}}之|其|系[{_CJK}]{{2,4}}的?|[{_CJK}]{{2,4}}的)"
    r"(?:子|女|妻|夫|父|母|兄|弟|姐|妹|儿子|女儿|妻子|丈夫|父亲|母亲|哥哥|弟弟|姐姐|妹妹|"
    r"孙子|孙女|侄子|侄女|外甥|儿媳|女婿|前夫|前妻)[）)]"
)
# 帅国庆24,300元，尹红16,800元: a clause of a name and its amount (found from the amount back).
_CLAUSE_AMOUNT = re.compile(r"(?<![\d,，.])\d[\d,，.]*万?元(?=[，,、；;。\n]|$)")
_AMOUNT_LABEL = re.compile(r"[应实已未另共合补欠][发付领得收扣补欠缴计]")
_AMOUNT_ITEM = re.compile(r"(?:(?<=[，,、；;：:\n])|^)[^，,、；;：:\n]{2,15}$")


def _kin_bracket_names(text: str, orgs: Sequence[tuple[int, int]]) -> Iterator[tuple[str, str]]:
    for m in _KIN_BRACKET.finditer(text):
        left = max(text.rfind(p, 0, m.start()) for p in "，,、；;：:。\n（(") + 1
        item = text[left : m.start()]
        name = item if _short_person(item) or _DOT_NAME.fullmatch(item) else ""
        name = name or _name_ending_at(text, m.start(), orgs)
        # 另向庹志强（…之子）: a name after a short function word, its surname unlisted.
        for size in (3, 2):
            tail = text[m.start() - size : m.start()]
            left_ok = text[m.start() - size - 1] in _NAME_LEFT_OK
            if not name and len(item) > size and _short_person(tail) and left_ok:
                name = tail
        if name and not _inside(m.start() - len(name), m.start(), orgs):
            yield name, "括注亲属关系前的姓名"
    for m in _CLAUSE_AMOUNT.finditer(text):
        lead = _AMOUNT_ITEM.search(text, max(0, m.start() - 16), m.start())
        if not lead or (lead.start() == max(0, m.start() - 16) and lead.start() > 0):
            continue  # no clause start within reach
        left = lead.start()
        item = lead.group()
        item = item.removesuffix("人民币").removesuffix("本人")
        if _AMOUNT_LABEL.fullmatch(item):
            continue  # 应发18600元, 已付2000元: what the amount is, not whose
        person = (_whole_name(item) and _common_given(item, 0, len(item))) or _DOT_NAME.fullmatch(
            item
        )
        if person and not _inside(left, left + len(item), orgs):
            yield item, "金额前的姓名"


# 总经理查文斌说: after a role word, a three-character name whose surname the list leaves out
# (查, 帅, 庹 are mostly words or rare) when both given-name characters are common ones and
# what follows ends a name.
_AFTER_UNLISTED = re.compile(r"[，,。；;、（(：:]|说|称|表示|讲|认为|告诉|陈述|介绍|$")


def _role_unlisted_surname(
    text: str, roles: Sequence[re.Match[str]], orgs: Sequence[tuple[int, int]]
) -> Iterator[tuple[str, str]]:
    for m in roles:
        pos = m.end()
        item = text[pos : pos + 3]
        if (
            len(item) == 3
            and item[1] in GIVEN_NAME_CHARS
            and item[2] in GIVEN_NAME_CHARS
            and item[0] not in GIVEN_NAME_CHARS
            and _AFTER_UNLISTED.match(text, pos + 3)
            and _short_person(item)
            and not _name_at(text, pos)
            and not _inside(pos, pos + 3, orgs)
        ):
            yield item, "角色词后的姓名（姓氏不在常见表中）"


# A table rendered as text: "序号 姓名 金额（元） 1 王强 8600 2 李娜 7200 …".
_NAME_COLUMN = re.compile(
    r"(?:序号|编号)\s*姓名|姓名\s+(?:性别|身份证|金额|工资|欠薪|应发|职务|岗位)"
)
_TABLE_ROW = re.compile(rf"(?:^|\s)\d{{1,3}}[\s.、]+([{_CJK}·•]{{2,10}})(?=\s)", re.MULTILINE)


# "1. 张德胜  11,200元 2. 王芳  6,800元": numbered rows of a person and an amount.
_AMOUNT_ROW = re.compile(
    rf"(?:^|\s)\d{{1,3}}[.、．]\s*([{_CJK}·•]{{2,10}})[\s：:]+[\d,，.]+\s*元", re.MULTILINE
)
# 分拣员黄晓明, 仓管员李娜: a job ending in 员 right before a name with common characters.
_JOB_BEFORE = re.compile(rf"[{_CJK}]{{1,3}}(?:员|工作者)(?:为|是)?(?=[{_CJK}])")
# 秦姐（秦桂兰）: a full name in brackets after how someone was called.
_BRACKETED_NAME = re.compile(rf"(?<=[{_CJK}])[（(]([{_CJK}]{{2,4}})[）)]")


def _common_given(text: str, start: int, end: int) -> bool:
    """Every given-name character of the name at [start, end) is a common one (· aside)."""
    return all(
        ch in GIVEN_NAME_CHARS
        for ch in text[start + _surname_at(text, start) : end]
        if ch not in "·•．"
    )


def _more_names(text: str, orgs: Sequence[tuple[int, int]]) -> Iterator[tuple[str, str]]:
    for m in _AMOUNT_ROW.finditer(text):
        if _whole_name(m.group(1)) and not _inside(m.start(1), m.end(1), orgs):
            yield m.group(1), "金额明细中的姓名"
    for m in _JOB_BEFORE.finditer(text):
        # 人员 is anyone (工作人员应先…), and officers' names stay
        if m.group().rstrip("为是").endswith("人员") or _OFFICER_WORDS.search(
            text[max(0, m.start() - 4) : m.end() + 1]
        ):
            continue
        pos = m.end()
        for name in _name_list(text, pos):
            if _common_given(name, 0, len(name)) and not _inside(pos, pos + len(name), orgs):
                yield name, "岗位后的姓名"
    for m in _BRACKETED_NAME.finditer(text):
        name = m.group(1)
        if len(name) >= 3 and _whole_name(name) and _common_given(name, 0, len(name)):
            yield name, "括注的姓名"


_AMOUNT_WORD = re.compile(r"[万仟佰拾][元圆]")
_ALL_CJK = re.compile(rf"[{_CJK}]+")
_DOC_NUMBER_AFTER = re.compile(rf"[{_CJK}]{{0,3}}[〔\[［(（]\d{{4}}")


def _tagged_names(text: str) -> Iterator[tuple[str, str]]:
    """Person names the word tagger finds (``tagger``), checked as the rules check theirs.

    A token jieba tags ``nr`` counts when it is not a word of its dictionary (the dictionary
    tags 申请人, 许可证, 童工 … ``nr``: only what its HMM recognises is a name), starts with a
    surname from our list, has at most four characters with one common given-name character,
    and is not followed by what ends a place or an office (市, 局, 路, 证 …). A surname the
    tagger leaves alone (黎 | 志远) takes the short token after it.
    """
    toks = tagger.tokens(text)
    for i, tok in enumerate(toks):
        if not tok.flag.startswith("nr") or not _ALL_CJK.fullmatch(tok.word):
            continue
        surname = _surname_at(text, tok.start)
        if not surname:
            continue
        if surname == len(tok.word):
            after = toks[i + 1] if i + 1 < len(toks) else None
            if after is None or not _ALL_CJK.fullmatch(after.word) or len(after.word) > 2:
                continue
            name = tok.word + after.word
        else:
            name = tok.word.rstrip("".join(_NAME_STOP))  # 胡蓓蓓已 → 胡蓓蓓
        if not 2 <= len(name) <= 4 or len(name) <= surname:
            continue
        end = tok.start + len(name)
        if (
            name in _COMMON_WORDS
            or tagger.in_dictionary(name)
            or _AMOUNT_WORD.search(name)
            or not any(ch in GIVEN_NAME_CHARS for ch in name[surname:])
            or text[end : end + 1] in _NOT_NAME_END
            or text[end : end + 1] in ("证", "法", "元")
            or name[-1] in _NOT_NAME_END  # 林溪镇
            or _DOC_NUMBER_AFTER.match(text, end)  # 武科成登不〔2026〕5号
        ):
            continue
        yield name, "分词模型标注的人名"


def _table_names(text: str, orgs: Sequence[tuple[int, int]]) -> Iterator[tuple[str, str]]:
    for header in _NAME_COLUMN.finditer(text):
        for row in _TABLE_ROW.finditer(text, header.end(), header.end() + 2000):
            item = row.group(1)
            tibetan = (
                len(item) == 4 and item[:2] in TIBETAN_ELEMENTS and item[2:] in TIBETAN_ELEMENTS
            )
            if (_whole_name(item) or tibetan) and not _inside(row.start(1), row.end(1), orgs):
                yield item, "表格姓名列中的姓名"


# Names in Latin letters: foreigners (Thomas Brennan, SATO KENICHI, Michael James O'Connor).
_LATIN_WORD = (
    r"(?:[A-ZÀ-Þ][a-zß-ÿ]*(?:['’\-][A-ZÀ-Þ]?[a-zß-ÿ]+)+|[A-ZÀ-Þ][a-zß-ÿ]+"
    r"|[A-ZÀ-Þ]{2,}(?:-[A-ZÀ-Þ]{2,})+|[A-ZÀ-Þ]{2,})"  # KIM MIN-JUN
)
_LATIN_NAME = re.compile(
    rf"(?<![A-Za-zÀ-ÿ0-9]){_LATIN_WORD}(?:[ \u00a0](?:[A-Z]\.|{_LATIN_WORD})){{1,3}}"
    r"(?![A-Za-zÀ-ÿ0-9])"
)
# Words that make a Latin-letter sequence an organisation, a place or a product, not a person.
_LATIN_NOT_NAME = _words(
    "co ltd inc llc corp corporation company limited group holdings technology technologies "
    "tech university college school institute academy bank street road avenue center centre "
    "china wuhan hubei liuzhou guangxi international trading education consulting services "
    "service industrial industries electronics semiconductor software systems system network "
    "office windows microsoft apple google android ios pro max plus edition version the of and "
    "for department ministry bureau committee association foundation hospital clinic hotel "
    "restaurant store shop club studio media design solutions partners law firm llp plc gmbh"
)


def _latin_person(name: str) -> bool:
    words = re.split(r"[ \u00a0]+", name.lower().replace(".", ""))
    return 2 <= len(words) <= 4 and not any(w in _LATIN_NOT_NAME for w in words)


_HAS_CAPITAL = re.compile(r"[A-Z]")
_LATIN_THEN_CHINESE = re.compile(
    rf"({_LATIN_NAME.pattern})\s*[（(]([{_CJK}·•]{{2,12}})(?=[，,、）)])"
)
# A name in Chinese characters with its Latin form in brackets: 佐藤健一（SATO KENICHI）.
_TRANSLITERATED = re.compile(
    rf"([{_CJK}·•]{{2,14}})[（(]\s*({_LATIN_NAME.pattern})\s*[）)，,、；;]"
)
# Rajesh Kumar Sharma（印度籍）: a Latin name with its nationality is a foreigner's name.
_LATIN_NATIONALITY = re.compile(rf"({_LATIN_NAME.pattern})\s*[（(][{_CJK}]{{1,8}}籍")


def _latin_names(
    text: str, orgs: Sequence[tuple[int, int]], roles: Sequence[re.Match[str]]
) -> Iterator[tuple[str, str]]:
    if not _HAS_CAPITAL.search(text):
        return
    for m in roles:
        pos = m.end()
        # 外籍教员Maria Gonzalez、Lucas Moreau: one role, a list of names
        while (latin := _LATIN_NAME.match(text, pos)) and _latin_person(latin.group()):
            yield latin.group(), "角色词后的外文姓名"
            pos = latin.end()
            if text[pos : pos + 1] not in ("、", "和", "及", "与"):
                break
            pos += 1
    for m in _LATIN_NATIONALITY.finditer(text):
        if _latin_person(m.group(1)):
            yield m.group(1), "国籍前的外文姓名"
    # KIM MINHO（金敏浩，韩国籍）: the Latin name first, its Chinese form in the brackets.
    for m in _LATIN_THEN_CHINESE.finditer(text):
        chinese = m.group(2)
        if chinese.endswith(("籍", "国", "人")) or "国籍" in chinese:
            continue  # Kim Min-jun（韩国籍）: a nationality, not the name's Chinese form
        # Jonathan Miller（外籍教师）: a job or role in the brackets, not the name's Chinese form
        if _ROLE.fullmatch(chinese) or chinese[-1] in _NOT_NAME_END or chinese[-1] in "长任理监":
            continue
        if _latin_person(m.group(1)) and not _inside(m.start(2), m.end(2), orgs):
            yield m.group(1), "括注中文姓名前的外文姓名"
            yield chinese, "外文姓名后括注的中文姓名"
    for m in _TRANSLITERATED.finditer(text):
        if not _latin_person(m.group(2)) or _inside(m.start(1), m.end(1), orgs):
            continue
        yield m.group(2), "括注的外文姓名"
        chinese = m.group(1)
        role = _ROLE.search(chinese)
        if role and role.end() < len(chinese):
            chinese = chinese[role.end() :]
        if len(chinese) >= 2:
            yield chinese, "括注外文姓名前的译名"


# --- round 10 ------------------------------------------------------------------------------------
# 你单位经办人胡蓓蓓: a role the party owns (你单位/该公司/当事人 + 经办人) is a private person's,
# though the same role word alone is the agency's officer.
_PARTY_ROLE = re.compile(
    r"(?:[你该贵](?:单位|公司)|当事人)(?:经办人|承办人)"
    r"|[你该贵](?:单位|公司|企业|店|厂|校)的?(?:办事人员|工作人员|联系人|员工)"
)
# （翻译：赵雪）: a label and a colon inside brackets, then a name that closes the bracket.
_BRACKET_LABEL = re.compile(rf"[（(]([{_CJK}]{{2,6}})[：:]\s*([{_CJK}·•]{{2,10}})[）)]")
_BRACKET_LABEL_NOT = re.compile(r"号|码|电话|地址|时间|日期|金额|编号|证|名称|单位|机关|依据|注")
# 3. Ahmed Hassan，埃及籍 / Ahmed Hassan, 埃及国籍: a Latin name, a comma, then a nationality.
# Found from the nationality back (the Latin pattern is slow to scan a whole text with).
_COMMA_NATIONALITY = re.compile(rf"(?<=[A-Za-zÀ-ÿ])\s*[，,]\s*[{_CJK}]{{1,8}}?籍")
_LATIN_NAME_END = re.compile(rf"(?:{_LATIN_NAME.pattern})$")


def _round10_names(text: str, orgs: Sequence[tuple[int, int]]) -> Iterator[tuple[str, str]]:
    for m in _PARTY_ROLE.finditer(text):
        for name in _name_list(text, m.end()):
            if not _inside(m.end(), m.end() + len(name), orgs):
                yield name, "当事人一方经办人等的姓名"
    for m in _BRACKET_LABEL.finditer(text):
        label, name = m.group(1), m.group(2)
        if _BRACKET_LABEL_NOT.search(label) or _OFFICER_WORDS.match(label + "："):
            continue
        if (_whole_name(name) or _DOT_NAME.fullmatch(name)) and not _inside(
            m.start(2), m.end(2), orgs
        ):
            yield name, "括注标签后的姓名"
    for m in _COMMA_NATIONALITY.finditer(text):
        latin = _LATIN_NAME_END.search(text, max(0, m.start() - 60), m.start())
        if latin and _latin_person(latin.group()):
            yield latin.group(), "国籍前的外文姓名"


# The parties of a dispute named in its title: “易长青与易长松宅基地纠纷”.
_DISPUTE = re.compile(rf"与(?=[{_CJK}]{{2,12}}?纠纷)")


def _dispute_names(text: str, orgs: Sequence[tuple[int, int]]) -> Iterator[tuple[str, str]]:
    for m in _DISPUTE.finditer(text):
        right_len = _name_at(text, m.end())
        if not right_len or _inside(m.end(), m.end() + right_len, orgs):
            continue
        # 代理其与胡春生民间借贷纠纷: the other side of a dispute with 其/你/我.
        if text[m.start() - 1 : m.start()] in ("其", "你", "您", "我", "他", "她"):
            yield text[m.end() : m.end() + right_len], "纠纷当事人的姓名"
            continue
        left = _name_ending_at(text, m.start(), orgs)
        if not left:
            continue
        if text[m.start() - len(left) - 1 : m.start() - len(left)] not in _NAME_LEFT_OK | {"的"}:
            continue
        yield left, "纠纷当事人的姓名"
        yield text[m.end() : m.end() + right_len], "纠纷当事人的姓名"


# 老何, 小邱: a surname after 老/小, quoted or before what a person says or does.
_NICKNAME = re.compile(
    r"(?:(?<=[“\"「])[老小]([^\W\d_])(?=[”\"」])"
    r"|[老小]([^\W\d_])(?=说|称|讲|排|叫|让|要|答应|承诺|多次|表示|告诉|安排|负责|介绍))"
)


_CALLED = re.compile(
    rf"(?:称为|称作|叫作|叫做|人称|外号|绰号)[：:]?[“\"「]([{_CJK}]{{2,3}})[”\"」]"
)
# 胡德才（工友称其“胡老三”）: what people call him, when it looks like a form of address (a
# surname or 老/小/阿 first) — 称其“不知情” quotes what someone said, not a name.
_CALLED_HIM = re.compile(rf"(?:称|叫|喊)(?:其|他|她)为?[：:]?[“\"「]([{_CJK}]{{2,3}})[”\"」]")


def _nicknames(text: str) -> Iterator[tuple[str, str]]:
    # 当事人在工地上被称为“宝哥”: what people call someone is a name.
    for m in _CALLED.finditer(text):
        yield m.group(1), "称呼或外号"
    for m in _CALLED_HIM.finditer(text):
        if m.group(1)[0] in SURNAMES_SINGLE or m.group(1)[0] in "老小阿":
            yield m.group(1), "称呼或外号"
    for m in _NICKNAME.finditer(text):
        surname = m.group(1) or m.group(2)
        before = text[m.start() - 1 : m.start()]
        if surname in SURNAMES_SINGLE and (m.group(1) or before in _NAME_LEFT_OK | {"是"}):
            yield m.group(), "老/小加姓氏的称呼"


# A 、-joined run of items ("拖欠王芳、高峰、向东等12名劳动者") inside one clause.
_CLAUSE = re.compile(r"[^，,。；;：:\s“”\"（）()]+")
# What may follow a list of people: a head count (等12名, 三人, 两名专家, 等人).
_HEAD_COUNT = re.compile(
    r"(?:等|共)?(?:\d+|[一二两三四五六七八九十]+)[名人位]|等人|她们|他们|二人|两人|俩"
)
# What people in a list go on to do or be (冯建国、曹丽也是…): weaker, so only for whole names.
_PLURAL_AFTER = re.compile(r"也|都|均|分别|一起|一同")
_ROLE_BEFORE = re.compile(rf"(?:{_trie_alternation(_ROLE_ALTERNATIVES)})[：:]?$")
_MASKED_NAME = re.compile(rf"^[{_CJK}]{{1,2}}(?:某{{1,2}}|[*＊×]{{1,3}})$")


def _whole_name(item: str) -> bool:
    return (
        (2 <= len(item) <= 4 and _name_at(item + "。", 0) == len(item))
        or bool(_DOT_NAME.fullmatch(item))
        # 小何、阿芳: what coworkers call each other
        or (len(item) == 2 and item[0] in "老小" and item[1] in SURNAMES_SINGLE)
        or (len(item) == 2 and item[0] == "阿" and item[1] in GIVEN_NAME_CHARS)
    )


def _list_runs(text: str) -> Iterator[tuple[int, list[str]]]:
    """(start, pieces) of each run ``first、item、…、last`` in a clause, where the items between
    are 2–8 characters (a longer piece ends one run and begins the next). Linear in the text."""
    for clause in _CLAUSE.finditer(text):
        body = clause.group()
        if "、" not in body:
            continue
        pieces = body.split("、")
        starts = [clause.start()]
        for piece in pieces[:-1]:
            starts.append(starts[-1] + len(piece) + 1)
        i = 0
        while i < len(pieces) - 1:
            j = i + 1
            while j < len(pieces) - 1 and 2 <= len(pieces[j]) <= 8:
                j += 1
            run = pieces[i : j + 1]
            cut = max(0, len(run[0]) - 14)  # only the end of a long first piece can be a name
            yield starts[i] + cut, [run[0][cut:], *run[1:]]
            i = j


def _listed_names(
    text: str, orgs: Sequence[tuple[int, int]], runs: Sequence[tuple[int, list[str]]]
) -> Iterator[tuple[str, str]]:
    """Names in a list that ends in a head count, or a list of three or more full names.

    The first item is the longest name that ends the run's first piece (拖欠王芳 → 王芳), the last
    the name that starts its last piece (向东等12名 → 向东); every item between must be a whole
    name (or an anonymised one, 石**, which is skipped)."""
    for run_start, pieces in runs:
        starts = [run_start]
        for piece in pieces[:-1]:
            starts.append(starts[-1] + len(piece) + 1)
        items: list[tuple[int, int]] = []
        first = pieces[0]
        for size in (4, 3, 2):
            if len(first) >= size and _whole_name(first[-size:]):
                items.append((starts[0] + len(first) - size, starts[0] + len(first)))
                break
        else:
            if not _MASKED_NAME.match(first[-3:]):
                continue
        last_start = starts[-1]
        dot = _DOT_NAME.match(text, last_start)
        length = (dot.end() - last_start) if dot else _name_at(text, last_start)
        if not length and _whole_name(text[last_start : last_start + 2]):
            length = 2  # 小何、阿芳她们
        if not length:
            continue
        # 叶强三人: the name is as long as leaves a head count after it.
        for shorter in range(length, 1, -1):
            if _HEAD_COUNT.match(text, last_start + shorter):
                length = shorter
                break
        # 牛犇、时雨、边疆三人: with a head count every item between is a person, whatever the
        # characters; without one, each must look like a name.
        counted = bool(_HEAD_COUNT.match(text, last_start + length))
        middle_ok = True
        for piece, start in zip(pieces[1:-1], starts[1:-1], strict=True):
            if _whole_name(piece) or (counted and 2 <= len(piece) <= 4 and _is_cjk(piece[0])):
                items.append((start, start + len(piece)))
            elif not _MASKED_NAME.match(piece):
                middle_ok = False
                break
        if not middle_ok:
            continue
        items.append((last_start, last_start + length))
        common_chars = all(_common_given(text, s, e) for s, e in items)
        common = len(items) >= 3 and common_chars
        first_start = items[0][0] if items else starts[0]
        after_role = bool(_ROLE_BEFORE.search(text, max(0, first_start - 8), first_start))
        plural = (
            len(items) >= 2
            and common_chars
            and bool(_PLURAL_AFTER.match(text, last_start + length))
        )
        if not (counted or common or len(items) >= 4 or after_role or plural):
            continue
        for s, e in items:
            if not _inside(s, e, orgs):
                yield text[s:e], "并列的姓名（名单或人数）"


# Characters common in given names (the few hundred that make up most of them). A candidate
# found *without* a role word (before a verb, in a list) must have every given-name character
# here: 黄志坚个人代签 is a name, 方案本人 is not.
GIVEN_NAME_CHARS = frozenset(
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国兰玉萍红梅琴云莲珍凤彬斌辉亮"
    "鹏飞宇浩然轩子涵欣怡梓博文俊峰志坤海波林森宏昌成康健新永德福贵祥瑞安庆春秋冬雪"
    "晓小大少立仁义礼智信忠孝诚勤学思雅婷婉清莉蓉慧颖佳琳璐倩晶燕蕾薇菲雯琪瑶嘉欢心"
    "一二三四五六七八九东南西北中正天地山水金木火土石光阳晨旭日月星龙虎凯旋胜利达进"
    "兴旺富荣昊宁泽楠帆杨柳松柏竹菊荷兵武威猛力锋钢铁铭鑫淼焱垚森磊晶品喜乐恩惠爱"
    "家邦振宗祖耀先培育长生发根有才宝堂世荣继承光宗军民红卫东彪虹霓翠翔鸿鹰燕鸣凤"
    "春花香芬芝蕊蓓莹洁婕媛媚娇妹姝妍姣娥嫦素贞淑静怀远彦修齐治启迪君臣华夏亚欧美"
    "丹青琼瑛璋琦琨瑾璇瑜珊珠宝钰铃锦绣纯霖露霜雨晴岚峻岩嵩崇峥嵘江河湖海洪波涛浪"
    "泉溪源清澈浩渊深沛润泓滨鹤鹏雁莺鸥鹃骏驰腾飞跃登高升伦理维纲纪绪秀敏捷聪颖睿哲"
    "道德彩霞丰收满仓银铜存富余庭廷朝昭晖曦晔晟昆仑岳峦巍嵬冠群超越卓杰俊彦豪毅刚坚"
    "梁栋材杉桐桦榕樱桃李梨杏梅兰桂樟楷模范标榜帅旗凌霄宵云海潮汐渡舟航船帆远征途"
    "玲琴媛娅妮姗婵莎悦玥萱馨茜茹芸娴锐彤晗钧昕奕宸熙琛铮尧舜禹汉桓凡广全友双银元贤"
    "运禄寿夏莲来顺卫兵革援朝跃凤娣妹弟"
)


# Verbs and phrases a person's name comes right before, outside any role cue.
_NAME_BEFORE = re.compile(
    r"(?:称[：:]|说[：:]|诉称|辩称|陈述|证实|供述|表示|反映|举报|投诉|个人|本人|签字|签名|"
    r"先生|女士|师傅|同志|等\d+人|等[一二三四五六七八九十]+人|等人|[二两三]人|"
    # narrative: 刘芳于2026年…, 杨秀珍系该公司会计, 周建华因不服…, 王建军在武汉市…
    r"于(?:\d|同日|当日|次日|今年|去年)|系(?:该|本|其|某)|因不服|在(?:武汉|柳州|该|本|其|某)|"
    r"送达|领取|代为|签收|到场|到我局|未到|"
    # …and what a person does in a decision's facts (范志刚未取得…, 陶春梅与…签订, 根据冯国华提供)
    r"未取得|未经|未按|擅自|私自|提供|提交|出具|之间|与(?:武汉|柳州|该|本|其|某)|"
    r"的(?:儿子|女儿|妻子|丈夫|父亲|母亲|家属|亲属|代理人)|研究员|教授|工程师|医生|律师|"
    r"拖欠|进行|于收到|为该|为本|的(?:签名|签字|工资|银行卡|账户|身份证|证言|证词|陈述|询问笔录|笔录)|"
    # 刘佳（当事人之表姐）, 许文静（该单位行政主管）: who the person is, in brackets
    r"[（(](?:当事人|申请人|该单位|该公司|该店|本单位|其)|"
    r"向(?:我局|本局|我中心|本中心|我委|本委)|到(?:我局|本局|我中心|本中心)|"
    + _trie_alternation(_VERBS_AFTER_NAME)
    + ")"
    # …and every verb that already ends a name after a role word (承认, 同意, 当场 …).
)
# What may come right before such a name: punctuation, the start, or a short function word.
_NAME_LEFT_OK = set('由经与及和到收请、，,。：:；;“”"「」（)( \n\t其向对将让给叫找把被据于欠上') | {
    ""
}

# Ethnic-minority names: Uyghur and other transliterated names joined by ·, and Tibetan names made
# of two common two-character elements (扎西次仁, 旦增卓玛).
_DOT_NAME = re.compile(rf"[{_CJK}]{{2,6}}[·•．][{_CJK}]{{2,6}}")
_DOT_NAME_BEFORE = re.compile(rf"[{_CJK}]{{2,6}}[·•．][{_CJK}]{{2,6}}$")
TIBETAN_ELEMENTS = _words(
    "扎西 次仁 旦增 卓玛 达瓦 尼玛 多吉 格桑 央金 拉姆 平措 顿珠 次旦 索朗 德吉 普布 边巴 "
    "洛桑 白玛 曲珍 强巴 益西 仁增 罗布 巴桑 群培 贡布 丹增 米玛 拉巴 琼达 措姆 桑珠 嘎玛 "
    "才让 卓嘎 央宗 德庆 次珍 旺堆 旺姆 普赤 玉珍 阿旺 土登 加措 嘉措 贡嘎 晋美"
)


def _scored_name_before(
    text: str, end: int, orgs: Sequence[tuple[int, int]], *, any_left: bool = False
) -> str:
    """A 2–3 character name ending at ``end``: clean left boundary, common given-name characters."""
    for size in (3, 2):
        pos = end - size
        if pos < 0:
            continue
        # _name_at is greedy (薛红提交 → 薛红提): the cue after the name decides where it ends.
        if _name_at(text, pos) < size or _inside(pos, end, orgs):
            continue
        # Next to a name already found (安排陈小龙、赵丽娜二人) a full three-character name
        # needs no clean left boundary.
        if text[pos - 1 : pos] not in _NAME_LEFT_OK and not (any_left and size == 3):
            continue
        sl = _surname_at(text, pos)
        if sl < size and _common_given(text, pos, end):
            return text[pos:end]
    return ""


def _trim_dot_name(name: str) -> str:
    """The transliterated name without the verb that follows it (热合曼·托合提证实 → …托合提)."""
    dot = max(name.find("·"), name.find("•"), name.find("．"))
    for i in range(dot + 3, len(name)):
        if name[i] in _NAME_STOP or name[i : i + 2] in _VERBS_AFTER_NAME:
            return name[:i]
    return name


def _ethnic_names(
    text: str, orgs: Sequence[tuple[int, int]], roles: Sequence[re.Match[str]]
) -> Iterator[tuple[str, str]]:
    for m in roles:
        dot = _DOT_NAME.match(text, m.end())
        if dot and not _inside(dot.start(), dot.end(), orgs):
            yield _trim_dot_name(dot.group()), "角色词后的少数民族姓名"
            continue
        four = text[m.end() : m.end() + 4]
        if len(four) == 4 and four[:2] in TIBETAN_ELEMENTS and four[2:] in TIBETAN_ELEMENTS:
            yield four, "角色词后的少数民族姓名"
    for m in _DOT_NAME.finditer(text):
        if re.match(_GENDER_AFTER, text[m.end() :]) and not _inside(m.start(), m.end(), orgs):
            yield m.group(), "性别或身份证号前的少数民族姓名"


_PART_TITLE = r"(?:博士|先生|女士|教授|老师|医生|律师|经理|总监)"
_TITLE_AFTER = re.compile(r"(?:女士|先生|同志|教授|老师|师傅|医生|大爷|大妈|阿姨|律师)")
_LAWYER_KIND = re.compile(
    r"(?:承办|代理|执业|专职|兼职|值班|公职|援助|委托|辩护|主办|指派|见证|实习|公司|社会|法律)$"
)
_SALUTATION = re.compile(r"[：:](?=\s*[^。\n]{0,12}[你您])")
_LIST_HEAD = re.compile(r"名单[：:]")


def _name_ending_at(text: str, end: int, orgs: Sequence[tuple[int, int]]) -> str:
    """The longest plausible name that ends exactly at ``end`` (or "")."""
    for size in (4, 3, 2):
        pos = end - size
        if pos < 0:
            continue
        if _name_at(text, pos) == size and not _inside(pos, end, orgs):
            return text[pos:end]
    return ""


def _officer_names(text: str) -> set[str]:
    names: set[str] = set()
    for m in _OFFICER_WORDS.finditer(text):
        # 你单位经办人胡蓓蓓: a role the party owns is not the agency's (round 10)
        if text[max(0, m.start() - 3) : m.start()] in _PARTY_OWNERS:
            continue
        names.update(_name_list(text, m.end(), spaced=True))
    # 指派黎建国、廖婷两名执法人员调查: officers named before their role.
    for m in _ASSIGNED_OFFICERS.finditer(text):
        names.update(_name_list(text, m.end()))
    # 联系人：郑凯（执法证号：42010418007）: whoever carries an enforcement certificate.
    for m in _CERTIFICATE_AFTER.finditer(text):
        name = _name_ending_at(text, m.start(), ())
        if name:
            names.add(name)
    # 联系人：袁立　联系电话：027-85790123 at the foot of a notice: the agency's own contact
    # person, published with the agency's number (a mobile, a private role or an organisation
    # on the line — 被投诉单位：…，联系人：… — make it a party's contact, which is removed).
    for m in _CONTACT_PERSON.finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        sentence = max(
            (c.end() for c in _CLAUSE_END.finditer(text, line_start, m.start())), default=0
        )
        line_end = text.find("\n", m.end())
        line = text[m.end() : len(text) if line_end == -1 else line_end]
        if (
            _public_line(text, m.end())
            and not _MOBILE.search(line)
            and not _PARTY_ORG.search(text, max(line_start, sentence), m.start())
        ):
            # 联系人：规划处 周敏: the agency's department before the name.
            dept = _DEPARTMENT.match(text, m.end())
            names.update(_name_list(text, dept.end() if dept else m.end()))
    return names


_PARTY_OWNERS = frozenset(["你单位", "该单位", "贵单位", "你公司", "该公司", "贵公司", "当事人"])
_CONTACT_PERSON = re.compile(r"联系人[：:]\s*")
_DEPARTMENT = re.compile(rf"[{_CJK}]{{1,8}}(?:处|科|室|股|办公室|中心|大队|支队)[\s\u3000]*")
_PARTY_ORG = re.compile(r"单位|公司|企业|商行|合作社|事务所|工作室|经营部|门市部|[^本我]店|厂")


_CERTIFICATE_AFTER = re.compile(
    r"[（(](?:执法证号|执法证件号|执法证|行政执法证号?|本局|本中心|本委|我局|我中心)"
)


def _name_list(text: str, pos: int, *, spaced: bool = False) -> Iterator[str]:
    """The names at ``pos`` and after it joined by 、和及与 (证人张三、李四); with ``spaced``
    also by one space, as a signature line lists officers (执法人员：周立新 陈静怡)."""
    while True:
        length = _name_at(text, pos)
        if not length:
            return
        for shorter in range(length, 1, -1):  # 叶强三人 → 叶强
            if _HEAD_COUNT.match(text, pos + shorter):
                length = shorter
                break
        yield text[pos : pos + length]
        pos += length
        # 刘洋（42010426003）、高娟（…）: a certificate number between the names.
        bracket = _BRACKETED.match(text, pos)
        if bracket:
            pos = bracket.end()
        if pos < len(text) and text[pos] in "、和及与":
            pos += 1
            continue
        if spaced and text[pos : pos + 1] in (" ", "\u3000") and _name_at(text, pos + 1):
            pos += 1
            continue
        return


_ASSIGNED_OFFICERS = re.compile(
    rf"指派(?=(?:[{_CJK}]{{2,4}}[、和及与]?){{1,4}}[两二三四]?名?执法人员)"
)
_BRACKETED = re.compile(r"[（(][^）)\n]{0,24}[）)]")


def _occurrences(text: str, needle: str) -> Iterator[tuple[int, int]]:
    if not needle:
        return
    start = text.find(needle)
    while start != -1:
        yield start, start + len(needle)
        start = text.find(needle, start + len(needle))


def _known_spans(text: str, known: Known) -> Iterator[Span]:
    for name in known.names:
        if len(name) >= 2:
            for s, e in _occurrences(text, name):
                yield Span(s, e, Kind.NAME, "案件记录中的姓名")
    for number in known.numbers:
        compact = re.sub(r"\s", "", number)
        if len(compact) < 6:
            continue
        kind = Kind.ID_NUMBER if len(compact) in (15, 18) else Kind.PHONE
        if len(compact) not in (11, 15, 18) and compact.isdigit() and len(compact) >= 12:
            kind = Kind.BANK_ACCOUNT
        for s, e in _occurrences(text, compact):
            yield Span(s, e, kind, "案件记录中的号码")
    for address in known.addresses:
        if len(address) >= 4:
            for s, e in _occurrences(text, address):
                yield Span(s, e, Kind.ADDRESS, "案件记录中的地址")


def _resolve(spans: Iterable[Span]) -> list[Span]:
    """Non-overlapping spans: rank first, then the longer one."""
    chosen: list[Span] = []
    for span in sorted(spans, key=lambda s: (-_RANK[Kind(s.kind)], -(s.end - s.start), s.start)):
        if span.end <= span.start:
            continue
        same = [c for c in chosen if span.overlaps(c)]
        if same and all(c.kind == span.kind for c in same) and Kind(span.kind) is Kind.NAME:
            # Two name guesses overlapping (代表田 / 田大勇): remove the union, never leave a part.
            for c in same:
                chosen.remove(c)
            start = min(span.start, *(c.start for c in same))
            end = max(span.end, *(c.end for c in same))
            chosen.append(Span(start, end, span.kind, span.reason))
            continue
        if same:
            # A lower-ranked span that overlaps is dropped, unless it reaches beyond: then the
            # part outside the chosen spans is kept (an address around a known name).
            rest = _remainder(span, chosen)
            chosen.extend(rest)
            continue
        chosen.append(span)
    return sorted(chosen)


def _remainder(span: Span, chosen: Sequence[Span]) -> list[Span]:
    if Kind(span.kind) is not Kind.ADDRESS:
        return []
    pieces = [(span.start, span.end)]
    for c in chosen:
        nxt: list[tuple[int, int]] = []
        for s, e in pieces:
            if c.end <= s or e <= c.start:
                nxt.append((s, e))
                continue
            if s < c.start:
                nxt.append((s, c.start))
            if c.end < e:
                nxt.append((c.end, e))
        pieces = nxt
    return [Span(s, e, span.kind, span.reason) for s, e in pieces if e - s >= 2]


_SURNAME_FORM = re.compile(rf"[老小]([{_CJK}])(?![记家号店馆铺])")
# 老/小 + a surname character that is an ordinary word (小时, 小于, 老师 …).
_NOT_SURNAME_FORMS = _words(
    "小时 小于 小区 小学 小心 小组 小吃 小额 小型 小计 小孩 小米 小麦 小姐 小伙 小说 小店 小微 "
    "小康 小卖 小车 小工 小包 小项 小批 老年 老师 老家 老人 老板 老化 老旧 老乡 老公 老婆 老大 "
    "老实 老式 老字 老伴 老总 老宅 老城 老街 老厂 老区 老龄 老弱 老幼 老少 老兵 老表 老汉 老者"
)


_SURNAME_TITLE_AFTER = (
    r"(?:总(?![额计量数体部局队站和共经监])|师傅|老板|经理|女士|先生|律师|老师|医生)"
)
# A line that starts with a person: an optional row number, a name, then a separator.
_ROW_START = re.compile(rf"^[ \t\u3000]*(?:\d{{1,3}}[.．、)）]\s*)?(?=[{_CJK}])", re.MULTILINE)
_ROW_SEPARATOR = re.compile(r"[，,：:\t\u3000]| {1,}")


def _row_runs(text: str) -> Iterator[list[tuple[int, str]]]:
    """Runs of two or more consecutive lines that each start with a name and a separator."""
    run: list[tuple[int, str]] = []
    last_line = -2
    line, counted = 0, 0
    for m in _ROW_START.finditer(text):
        line += text.count("\n", counted, m.start())  # counted once, left to right
        counted = m.start()
        length = _name_at(text, m.end())
        ok = bool(length) and _ROW_SEPARATOR.match(text, m.end() + length) is not None
        if ok and line == last_line + 1 and run:
            run.append((m.end(), text[m.end() : m.end() + length]))
        else:
            if len(run) >= 2:
                yield run
            run = [(m.end(), text[m.end() : m.end() + length])] if ok else []
        last_line = line if ok else -2
    if len(run) >= 2:
        yield run


def _latin_bounded(text: str, start: int, end: int) -> bool:
    """A Latin-script name counts only as a whole word (Wang, not Wangfujing)."""
    if not text[start : start + 1].isascii():
        return True
    return not (
        (start > 0 and text[start - 1].isascii() and text[start - 1].isalpha())
        or (end < len(text) and text[end].isascii() and text[end].isalpha())
    )


def find_spans(text: str, known: Known | None = None) -> list[Span]:
    """Every span to remove from ``text``, non-overlapping, in order."""
    known = known or Known()
    orgs = _org_ranges(text)
    spans: list[Span] = []
    spans.extend(_known_spans(text, known))
    spans.extend(_id_spans(text, orgs))
    spans.extend(_masked_spans(text))
    # Landlines and addresses on the agency's contact line or at an organisation's premises:
    # decided once the names are known (a number beside a name we remove is that person's).
    public: list[Span] = []
    for phone in _phone_spans(text):
        if _landline(text[phone.start : phone.end]) and _public_line(text, phone.start):
            public.append(phone)
        else:
            spans.append(phone)
    spans.extend(_bank_spans(text))
    spans.extend(_property_spans(text))
    spans.extend(_contact_spans(text))
    for address in _address_spans(text):
        if _PRIVATE_ADDRESS_KEY.search(text, max(0, address.start - 8), address.start):
            spans.append(address)
        elif _public_line(text, address.start) or _org_premises(text, address.start, orgs):
            public.append(address)
        else:
            spans.append(address)

    keep = (set(known.keep) | _officer_names(text)) - set(known.names)
    found = {name: reason for name, reason in _name_candidates(text, orgs) if name not in keep}
    # Names with no cue at all (胡文已于…): the statistical tagger, after every rule.
    for name, reason in _tagged_names(text):
        if name not in keep:
            found.setdefault(name, reason)
    # 张红梅、李德胜等: a list that continues from a name found elsewhere is a list of names.
    for name in list(found) + [n for n in known.names if len(n) >= 2]:
        for start, end in _occurrences(text, name):
            # …and one that ends in it (胡静、李娜等人): the name before 、 with common
            # given-name characters.
            if start > 0 and text[start - 1] in "、和及与":
                before = _scored_name_before(text, start - 1, orgs, any_left=True)
                if before and before not in keep:
                    found.setdefault(before, "与已识别姓名并列的姓名")
                # 贺强、贺敏: a two-character name of the same family right before it.
                sibling = text[start - 3 : start - 1]
                if (
                    len(name) <= 3
                    and start >= 3
                    and sibling[:1] == name[:1]
                    and _name_at(text, start - 3) == 2
                    and sibling not in keep
                    and not _inside(start - 3, start - 1, orgs)
                ):
                    found.setdefault(sibling, "与已识别姓名并列的同姓姓名")
            if end < len(text) and text[end] in "、和及与":
                for other in _name_list(text, end + 1):
                    if other not in keep and not _inside(end + 1, end + 1 + len(other), orgs):
                        found.setdefault(other, "与已识别姓名并列的姓名")
                # Jonathan Miller、Sophie Dubois、Ahmed Khan: a list of Latin names goes on.
                pos = end
                while (
                    text[pos : pos + 1] in ("、", "和", "及", "与")
                    and (latin := _LATIN_NAME.match(text, pos + 1))
                    and _latin_person(latin.group())
                ):
                    if latin.group() not in keep:
                        found.setdefault(latin.group(), "与已识别姓名并列的外文姓名")
                    pos = latin.end()
    # 阿依古丽·买买提 … 阿依古丽称: a part of a ·-joined name used alone.
    for name in [n for n in list(found) + list(known.names) if "·" in n]:
        for part in re.split("[·•．]", name):
            if len(part) >= 3 and part not in keep:
                found.setdefault(part, "少数民族或外国姓名的一部分")
            # 托马斯·穆勒 … 穆勒博士: a two-character part with a title after it.
            elif len(part) == 2 and part not in keep and re.search(part + _PART_TITLE, text):
                found.setdefault(part, "少数民族或外国姓名的一部分（带称谓）")
    removed = [n for n in list(found) + list(known.names) if n not in keep]
    # Daniel Kowalski … Kowalski: a part of a removed Latin-script name used alone.
    for name in [n for n in removed if " " in n.strip()]:
        for part in name.split():
            if len(part) >= 4 and part[:1].isupper() and part.lower() not in _LATIN_NOT_NAME:
                found.setdefault(part, "外文姓名的一部分")
    # How people call a removed person by the surname (rounds 12, 13): 老柴, 小喻 …
    surnames = {n[:2] if n[:2] in SURNAMES_COMPOUND else n[:1] for n in removed if _is_cjk(n[:1])}
    for m in _SURNAME_FORM.finditer(text):
        if m.group(1) in surnames and m.group() not in _NOT_SURNAME_FORMS and m.group() not in keep:
            found.setdefault(m.group(), "已识别人员的姓氏称呼")
    # …and the surname, compound ones too, with a title: 韦总, 龚师傅, 上官总, 欧阳女士, 邹律师.
    for surname in surnames:
        for m in re.finditer(re.escape(surname) + _SURNAME_TITLE_AFTER, text):
            # 欧阳女士 is not 阳女士 for someone called 阳…
            inside_compound = len(surname) == 1 and _surname_at(text, m.start() - 1) == 2
            if m.group() not in keep and not inside_compound:
                found.setdefault(m.group(), "已识别人员的姓氏称呼")
    # Rows of people, one per line (1.涂小燕，服务员… / 覃春燕　车位工　3个月): when one row's
    # person is removed, every row's is.
    for rows in _row_runs(text):
        if any(name in removed for _start, name in rows):
            for start, name in rows:
                if name not in keep and not _inside(start, start + len(name), orgs):
                    found.setdefault(name, "与已识别人员同列的姓名")
    # 彭翠兰诉高明…纠纷: the other side of a suit brought by a removed person.
    for name in [n for n in removed if len(n) >= 2]:
        for _s, e in _occurrences(text, name):
            if text[e : e + 1] == "诉" and (length := _name_at(text, e + 1)):
                if length == 3 and text[e + 3 : e + 5] in ("家庭", "家里", "家中"):
                    length = 2  # 诉高明家庭装修欠款 → 高明
                other = text[e + 1 : e + 1 + length]
                if other not in keep and not _inside(e + 1, e + 1 + length, orgs):
                    found.setdefault(other, "诉讼或纠纷另一方的姓名")
    for name, reason in found.items():
        for s, e in _occurrences(text, name):
            # 上官明离职不影响公司…: a person already identified, followed by what ends a name,
            # is a person even where an organisation range seems to run over it.
            person_here = text[e : e + 1] in _NAME_STOP or text[e : e + 2] in _VERBS_AFTER_NAME
            if (person_here or not _inside(s, e, orgs)) and _latin_bounded(text, s, e):
                spans.append(Span(s, e, Kind.NAME, reason))
    names = [n for n in spans if n.kind == Kind.NAME]
    spans.extend(p for p in public if _beside_a_name(text, p.start, names))
    return _resolve(spans)


def mask(original: str, kind: str) -> str:
    """What a removed span becomes: 张某 for a name (the usual 公示 form), a label otherwise."""
    if kind == Kind.NAME:
        surname = original[:2] if original[:2] in SURNAMES_COMPOUND else original[:1]
        return (
            f"{surname}某" if surname in SURNAMES_SINGLE or surname in SURNAMES_COMPOUND else "某某"
        )
    label = KIND_LABELS.get(Kind(kind), KIND_LABELS[Kind.MANUAL]) if kind in Kind else "已隐去内容"
    return f"［{label}已隐去］"


def apply_spans(text: str, spans: Iterable[Span]) -> str:
    """The redacted derivative of ``text`` with ``spans`` (original offsets) replaced."""
    out: list[str] = []
    pos = 0
    for span in sorted(spans):
        if span.start < pos:
            continue
        out.append(text[pos : span.start])
        out.append(mask(text[span.start : span.end], span.kind))
        pos = span.end
    out.append(text[pos:])
    return "".join(out)


def redact(text: str, known: Known | None = None) -> Redaction:
    spans = find_spans(text, known)
    return Redaction(text=apply_spans(text, spans), spans=tuple(spans))
