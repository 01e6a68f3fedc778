"""Redaction core: each detector, the checksums, and the evaluation set's recall floor."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sanxiang.disclosure import tagger
from sanxiang.disclosure.redaction import (
    Known,
    Span,
    apply_spans,
    find_spans,
    id_checksum_ok,
    is_resident_id,
    luhn_ok,
    redact,
    uscc_ok,
)

VALID_ID = "11010519491231002X"  # GB 11643-1999 appendix example
EVALSET = Path(__file__).resolve().parent.parent / "evalset" / "decisions.json"


def kinds(text: str, known: Known | None = None) -> list[tuple[str, str]]:
    return [(str(s.kind), text[s.start : s.end]) for s in find_spans(text, known)]


def test_gb11643_checksum() -> None:
    assert id_checksum_ok(VALID_ID)
    assert not id_checksum_ok("110105194912310021")
    assert is_resident_id(VALID_ID)
    # Valid checksum but no such birth date.
    bad_date = "110105194913310"
    body = bad_date + "01"
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    check = "10X98765432"[sum(int(d) * w for d, w in zip(body, weights, strict=True)) % 11]
    assert id_checksum_ok(body + check)
    assert not is_resident_id(body + check)


def test_luhn() -> None:
    assert luhn_ok("4111111111111111")
    assert not luhn_ok("4111111111111112")
    assert not luhn_ok("1234")


def test_uscc_checksum() -> None:
    assert uscc_ok("91350100M000100Y43")
    assert not uscc_ok("91350100M000100Y44")


def test_id_number_with_valid_checksum_removed_anywhere() -> None:
    assert kinds(f"号码{VALID_ID}已核实") == [("id_number", VALID_ID)]


def test_id_with_wrong_checksum_removed_only_with_context() -> None:
    wrong = "110105194912310021"
    assert kinds(f"身份证号码：{wrong}") == [("id_number", wrong)]
    assert ("id_number", wrong) not in kinds(f"编号{wrong}")


def test_masked_numbers() -> None:
    assert kinds("身份证号4201121995******1X") == [("id_number", "4201121995******1X")]
    assert kinds("手机138****5678。") == [("phone", "138****5678")]
    assert kinds("卡号6222 **** **** 1234") == [("bank_account", "6222 **** **** 1234")]


def test_phones() -> None:
    assert kinds("电话13871234567，") == [("phone", "13871234567")]
    assert kinds("电话+86 135 0719 0011") == [("phone", "+86 135 0719 0011")]
    assert kinds("电话027-85551234") == [("phone", "027-85551234")]
    assert kinds("电话（027）87654321") == [("phone", "（027）87654321")]
    # An amount or a case number is not a phone number.
    assert kinds("罚款13871234元改为") != [("phone", "13871234")]


def test_bank_account_luhn_and_context() -> None:
    assert kinds("转入4111111111111111") == [("bank_account", "4111111111111111")]
    assert kinds("转入4111111111111112") == []
    assert kinds("账号：4111111111111112") == [("bank_account", "4111111111111112")]
    assert kinds("账号6217 0000 1234 5678 901") == [("bank_account", "6217 0000 1234 5678 901")]


def test_unified_social_credit_code_stays() -> None:
    text = "武汉市某某科技有限公司，统一社会信用代码91350100M000100Y43，"
    assert kinds(text) == []


def test_property_certificate() -> None:
    text = "不动产权证号：鄂（2021）武汉市不动产权第0123456号。"
    assert kinds(text) == [("property_cert", "鄂（2021）武汉市不动产权第0123456号")]
    assert kinds("武房权证东字第200812345号") == [("property_cert", "武房权证东字第200812345号")]


def test_addresses() -> None:
    text = "当事人住武汉市硚口区解放大道1105号3栋2单元501室，"
    assert ("address", "武汉市硚口区解放大道1105号3栋2单元501室") in kinds(text)
    assert ("address", "走马岭街道汩罗村六组") in kinds("宅基地位于走马岭街道汩罗村六组，")


def test_contacts() -> None:
    assert kinds("邮箱a.b@example.cn") == [("contact", "a.b@example.cn")]
    assert kinds("微信号：wx_abc123。") == [("contact", "wx_abc123")]


def test_names_after_role_words_and_everywhere_after() -> None:
    text = "证人李娟、刘强证实。李娟还称"
    found = kinds(text)
    assert found.count(("name", "李娟")) == 2
    assert ("name", "刘强") in found


def test_names_before_gender_and_compound_surnames() -> None:
    assert ("name", "王小明") in kinds("经查王小明，男，1985年生")
    assert ("name", "诸葛文博") in kinds("当事人：诸葛文博，男")


def test_known_names_removed_wherever_they_appear() -> None:
    text = "本案系小明（即陈小明）经营"
    assert kinds(text, Known(names=("陈小明",))) == [("name", "陈小明")]


def test_organisations_and_officers_stay() -> None:
    text = "当事人：武汉市张记餐饮有限公司。执法人员陈建国、刘敏到场。"
    assert kinds(text) == []
    assert kinds("检查人员张伟在场", Known(keep=("张伟",))) == []


def test_already_anonymised_names_stay() -> None:
    assert kinds("当事人张某某，男") == []


def test_redact_masks_names_with_surname_and_other_kinds_with_a_label() -> None:
    result = redact(f"当事人王小明，男，身份证号{VALID_ID}")
    assert result.text == "当事人王某，男，身份证号［身份证号码已隐去］"
    assert "王小明" not in result.text and VALID_ID not in result.text


def test_apply_spans_with_manual_span_and_undo() -> None:
    text = "当事人王小明在店内"
    spans = find_spans(text)
    manual = Span(7, 9, "manual", "审核人员添加")
    assert apply_spans(text, [*spans, manual]) == "当事人王某在［已隐去内容已隐去］"
    assert apply_spans(text, []) == text


@pytest.mark.parametrize(
    "kind,floor", [("id_number", 0.99), ("phone", 0.99), ("bank_account", 0.99), ("name", 0.95)]
)
def test_evaluation_set_recall(kind: str, floor: float) -> None:
    items = json.loads(EVALSET.read_text(encoding="utf-8"))
    assert len(items) >= 30
    gold = found = 0
    for item in items:
        predicted = [s for s in find_spans(item["text"]) if s.kind == kind]
        for g in item["spans"]:
            if g["kind"] != kind:
                continue
            gold += 1
            covered = set(range(g["start"], g["end"]))
            for p in predicted:
                covered -= set(range(p.start, p.end))
            found += not covered
    assert gold > 0
    assert found / gold >= floor


# Rules added after the third held-out set's first run (names 0.58), each tried on new examples.


def test_kinship_title_and_new_role_cues() -> None:
    assert ("name", "柯文斌") in kinds("受援人之子柯文斌代为申请")
    assert ("name", "邝志强") in kinds("请邝志强先生于三日内到场")
    assert ("name", "冉小兵") in kinds("受援人冉小兵，住同村")
    assert ("name", "房秀英") in kinds("当事人乙：房秀英，住同村")


def test_addressee_of_a_notice() -> None:
    assert ("name", "邬国强") in kinds("柳科听〔2026〕2号\n邬国强：你于2026年3月提出的申请")
    assert kinds("本局决定如下：你单位应当改正") == []


def test_lists_of_names() -> None:
    found = kinds("公示名单：阮秀梅，某某有限公司；桂小龙，某某厂。")
    assert ("name", "阮秀梅") in found and ("name", "桂小龙") in found
    found = kinds("款项支付给了戚建华、满玉芳。")
    assert ("name", "戚建华") in found and ("name", "满玉芳") in found


def test_name_before_an_id_number_in_brackets() -> None:
    assert ("name", "祁德明") in kinds("另查明祁德明（4201**********1234）")
    assert not [k for k in kinds(f"统一社会信用代码（{VALID_ID}）") if k[0] == "name"]


def test_legal_prose_has_no_names() -> None:
    text = "当事人申请行政复议的，申请人向人民法院提起诉讼，代理诉讼的，严加看管。"
    assert [k for k in kinds(text) if k[0] == "name"] == []


@pytest.mark.parametrize("name", ["decisions.json", "heldout.json", "heldout2.json", "dev3.json"])
def test_every_set_meets_the_targets(name: str) -> None:
    items = json.loads(EVALSET.with_name(name).read_text(encoding="utf-8"))
    floors = {"id_number": 0.99, "phone": 0.99, "bank_account": 0.99, "name": 0.95}
    gold = dict.fromkeys(floors, 0)
    found = dict.fromkeys(floors, 0)
    for item in items:
        predicted = find_spans(item["text"])
        for g in item["spans"]:
            if g["kind"] not in floors:
                continue
            gold[g["kind"]] += 1
            covered = set(range(g["start"], g["end"]))
            for p in predicted:
                if p.kind == g["kind"]:
                    covered -= set(range(p.start, p.end))
            found[g["kind"]] += not covered
    for kind, floor in floors.items():
        assert gold[kind] == 0 or found[kind] / gold[kind] >= floor, (name, kind)


# --- round 3: rules that generalise beyond the tuned sets ---------------------------------------


def names(text: str) -> list[str]:
    return [value for kind, value in kinds(text) if kind == "name"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # before what a person says or does, with common given-name characters
        ("争执中，黄建国称：“围墙占了路。”鲁秀芳说：“十年前修的。”", ["黄建国", "鲁秀芳"]),
        ("推荐意见由黄志坚个人代签。", ["黄志坚"]),
        ("该公司拖欠熊志勇等12人工资。", ["熊志勇"]),
        ("刘芳于2026年1月5日向我局投诉。", ["刘芳"]),
        ("杨秀珍系该公司会计。", ["杨秀珍"]),
        ("2026年3月2日，周建华因不服处罚决定申请行政复议。", ["周建华"]),
        ("范志刚未取得执业资格。", ["范志刚"]),
        ("陶春梅与武汉市江夏区福源养老服务中心签订劳动合同。", ["陶春梅"]),
        ("根据冯国华提供的工资条。", ["冯国华"]),
        ("本局收到薛红提交的申请材料。", ["薛红"]),
        # verbs that already end a name after a role word also end one without it
        ("邹建明承认其未与劳动者签订书面劳动合同。", ["邹建明"]),
        ("我局于2026年2月10日对崔海涛进行了询问。", ["崔海涛"]),
        ("经金晓燕同意，单位将其调至后勤岗位。", ["金晓燕"]),
        ("该店店长史小红当场出示了营业执照。", ["史小红"]),
        # new role words
        ("实际经营者龚德明，合伙人戴秋萍。", ["龚德明", "戴秋萍"]),
        ("第三人万丽君。代收人方玉洁。", ["万丽君", "方玉洁"]),
        ("当事人唐晓东（曾用名唐东）无异议。", ["唐晓东", "唐东"]),
        # compound surnames after a role, honorific after a name
        ("法定代表人：诸葛明亮，股东上官婉清。", ["诸葛明亮", "上官婉清"]),
        # a 、 list that ends in a found name, and one that goes on after it
        ("该公司安排陈小龙、赵丽娜二人从事夜班工作。", ["陈小龙", "赵丽娜"]),
        ("胡静、李娜等人到场。", ["胡静", "李娜"]),
        ("将退休人员孟凡荣、柏秋生列为研发人员。", ["孟凡荣", "柏秋生"]),
        # ethnic-minority names after a role word or before a gender phrase
        ("证人热合曼·托合提证实。", ["热合曼·托合提"]),
        ("努尔艾力·艾买提，男，1980年生。", ["努尔艾力·艾买提"]),
        ("受援人扎西次仁，受援人之妻旦增卓玛代为申请。", ["扎西次仁", "旦增卓玛"]),
    ],
)
def test_round3_names_are_found(text: str, expected: list[str]) -> None:
    found = names(text)
    for name in expected:
        assert name in found, (name, found)


def test_a_name_found_once_is_removed_where_an_organisation_is_referred_to() -> None:
    # 该/本/其 end an organisation name, so 魏长青反映该公司 is not read as one.
    text = "关于魏长青举报柳州市瑞丰农业科技有限公司的调查 魏长青反映该公司虚报研发人员。"
    assert names(text) == ["魏长青", "魏长青"]


@pytest.mark.parametrize(
    "text",
    [
        # organisations and places that begin with a surname character
        "武汉市江汉区王家墩街道办事处于2026年1月5日向我局报告。",
        "柳州市鱼峰区白沙镇人民政府因不服该决定申请复议。",
        "武汉长江明珠建设集团有限公司系该项目总承包单位。",
        "东西湖区柏泉街道田园社区居民委员会在该小区设立宣传点。",
        "高新区管委会、东湖新技术开发区于2025年联合发文。",
        # officers stay
        "执法人员周伟、郑雪梅于2026年3月2日到场检查，经办人：张明。",
        # already anonymised forms stay
        "张某某于2025年入职，李某系该公司股东，王某某因不服提出申诉。",
        # legal prose, including the words after the new role cues
        "本决定书送达之日起十五日内，当事人可以申请行政复议。",
        "程序上，应当于15日内作出决定；方式上，向社会公开。",
        "第三人代履行的费用由当事人承担；第三人符合本法规定的条件。",
        "万元以上的罚款，于收到决定书之日起十五日内缴纳。",
    ],
)
def test_round3_rules_leave_organisations_officers_and_prose(text: str) -> None:
    assert names(text) == []


# --- rounds 4 and 5: lists, tables, foreigners, forms of address ------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a list that ends in a head count; every item between is a person
        ("经查，你单位拖欠王芳、高峰、向东等12名劳动者工资。", ["王芳", "高峰", "向东"]),
        ("该厂拖欠牛犇、边疆、叶强三人工资。", ["牛犇", "边疆", "叶强"]),
        ("冒用韦秀英、蓝志明两名专家的评审意见。", ["韦秀英", "蓝志明"]),
        ("同一班组的冯建国、曹丽也是同样情况。", ["冯建国", "曹丽"]),
        ("我们车间小何、阿芳她们都问过。", ["小何", "阿芳"]),
        # a table with a name column
        ("序号 姓名 金额（元） 1 王强 8600 2 欧阳明 7750 3 次仁卓玛 6650", ["王强", "欧阳明"]),
        # kinship after 其, given names that begin with 向/和
        ("其父常德胜、其妻高慧到场。", ["常德胜", "高慧"]),
        ("被告为你的儿子张向阳、张向前。", ["张向阳", "张向前"]),
        # foreigners: after a role, in brackets either way round, the passport number
        ("外籍教师Thomas Brennan已取得工作许可。", ["Thomas Brennan"]),
        ("佐藤健一（SATO KENICHI）：你于2023年10月", ["佐藤健一", "SATO KENICHI"]),
        ("外籍员工KIM MINHO（金敏浩，韩国籍）的工作许可", ["KIM MINHO", "金敏浩"]),
        # forms of address, nicknames, names by halves, dispute titles
        ("鲍先生：你于2026年5月6日投诉。", ["鲍先生"]),
        ("工人们称其为“老何”。班是小邱排的。", ["老何", "小邱"]),
        ("项目组成员名单中的刘某明系冒用他人身份信息。", ["刘某明"]),
        ("经中介人员“Tony刘”介绍入职。", ["Tony刘"]),
        ("调解的“易长青与易长松宅基地纠纷”获评优秀案例。", ["易长青", "易长松"]),
        ("在代理其与胡春生民间借贷纠纷一案中", ["胡春生"]),
        ("协议上覃立新的签名系你代签。", ["覃立新"]),
        # round 6: an organisation name never runs through 到我局; 了 ends a name
        ("你单位委托代理人钟立平到我局接受询问。", ["钟立平"]),
        ("员工高峰、金晶二人到我局投诉。", ["高峰", "金晶"]),
        ("执法人员向网格员柯玲了解情况，柯玲称社区无记录。", ["柯玲"]),
        ("东法援不决〔2024〕第0031号\n刘春华：\n你于2024年8月2日申请法律援助。", ["刘春华"]),
        ("阿依古丽·买买提女士：你于2024年5月7日投诉。", ["阿依古丽·买买提"]),
        ("当事人在工地上被称为“宝哥”。", ["宝哥"]),
        (
            "其外籍教员Maria Gonzalez、Lucas Moreau均持有工作许可。",
            ["Maria Gonzalez", "Lucas Moreau"],
        ),
        ("2024年3月，邓爱华向我局投诉。经核实，杜平的证言与事实相符。", ["邓爱华", "杜平"]),
        # round 7: labels, brackets saying who someone is, foreigners with their nationality
        ("姓名：贲晓光　服务地点：柳江区百朋镇", ["贲晓光"]),
        ("受送达人签收：许文静（该单位行政主管）", ["许文静"]),
        ("该实体实际由刘佳（当事人之表姐）出资经营。", ["刘佳"]),
        ("对财务人员司马丽娟的询问笔录。", ["司马丽娟"]),
        ("该论文署名的其他作者黄蕾、陆一鸣对此不知情。", ["黄蕾", "陆一鸣"]),
        ("准予将其聘用的Rajesh Kumar Sharma（印度籍）许可证变更。", ["Rajesh Kumar Sharma"]),
        ("受送达人：Maria García López 送达地址：见卷", ["Maria García López"]),
        ("外籍人员金敏俊（KIM MINJUN，韩国籍）已离职。", ["金敏俊", "KIM MINJUN"]),
        ("当事人：阿依古丽·买买提，女。阿依古丽称其不知情。", ["阿依古丽·买买提", "阿依古丽"]),
        # round 8: amounts per person, jobs ending in 员, a bracketed full name, verbs after names
        ("明细如下： 1. 张德胜  11,200元 2. 王芳  6,800元", ["张德胜", "王芳"]),
        ("本局接到该公司分拣员黄晓明举报。", ["黄晓明"]),
        ("你提到的同事秦姐（秦桂兰）如愿意作证。", ["秦桂兰"]),
        ("律师冯博参加听证。冯博提出异议。", ["冯博"]),
        ("询问了该公司财务总监上官婉清。", ["上官婉清"]),
    ],
)
def test_round4_names_are_found(text: str, expected: list[str]) -> None:
    found = names(text)
    for name in expected:
        assert name in found, (name, found)


def test_a_passport_number_is_an_identity_number_not_a_phone() -> None:
    text = "持证人：SATO KENTA，日本籍，护照号码：TK4829173，用人单位：武汉某公司"
    assert ("id_number", "TK4829173") in kinds(text)
    assert not [k for k in kinds(text) if k[0] == "phone"]


@pytest.mark.parametrize(
    "text",
    [
        # lists of things, places and words that begin with surname characters
        "检查了营业执照、劳动合同、工资表等3类材料。",
        "涉及江汉、江岸、硚口等三个区。",
        "登记时收取押金，当事人原领取账户已注销。",
        "副主任医师，身份证号码见附件。",
        "Microsoft Office、Windows Server等软件未取得授权。",
        "武汉光谷芯源半导体有限公司（Wuhan Optics Valley Semiconductor Co., Ltd.）",
        "王某明确表示不服。",
        "柳州某高校副教授，通讯地址见卷。",
        "法律法规规章应当集体讨论的，应先组织集体讨论。",
        "联系人：彭涛（本局法制科）",
        "姓名：张某某，性别：男。",
        # a certificate holder is an officer, whatever the label before the name
        "联系人：郑凯（执法证号：42010418007）。",
    ],
)
def test_round4_rules_leave_things_places_and_officers(text: str) -> None:
    assert names(text) == []


def test_a_nationality_in_brackets_is_not_the_names_chinese_form() -> None:
    found = names("外籍员工KIM MINJUN（韩国籍）工作职位变更。")
    assert "KIM MINJUN" in found
    assert "韩国籍" not in "".join(found)


# --- public contact lines and organisations' premises (市人社局 第九条: 家庭住址、通信方式 are
# personal; 柳州 第七条（三）: the agency's place and contact are published) --------------------

USCC_OK = "91420103MA4KX5T82D"  # passes the GB 32100 check (the evaluation set's rsj-01)


def test_the_agencys_contact_line_stays() -> None:
    text = "逾期不改正的，本局将依法处理。\n联系人：本局劳动保障监察科，联系电话：027-85771234"
    assert not [k for k in kinds(text) if k[0] == "phone"]
    text = "如有异议，请向东西湖区司法局公共法律服务管理科反映，电话：027-83215540"
    assert kinds(text) == []
    # A bare label line belongs to the line above it.
    text = "经办人：郑航、殷晓\n地址：武汉市硚口区京汉大道1079号"
    assert not [k for k in kinds(text) if k[0] == "address"]


def test_a_private_number_on_a_contact_line_is_still_removed() -> None:
    # A mobile is never an agency's published line.
    assert ("phone", "13871234567") in kinds("联系人：本局监察科，电话：13871234567")
    # A private role in the line: the party's landline.
    assert ("phone", "027-85771234") in kinds("当事人联系电话：027-85771234，联系人：本局监察科")
    # A number beside a name that is removed is that person's.
    assert ("phone", "027-85771234") in kinds("投诉人反映，联系人张卫东（电话027-85771234）称")
    # The agency's words far back in the line do not make a home address public.
    text = (
        "东西湖区司法局法律援助决定书 受援人：石桂英，女，1962年5月生，"
        "住址武汉市东西湖区径河街三秀社区12栋203室"
    )
    assert ("address", "武汉市东西湖区径河街三秀社区12栋203室") in kinds(text)


def test_what_the_case_record_holds_is_removed_even_on_a_contact_line() -> None:
    text = "联系人：本局监察科，联系电话：027-85771234"
    known = Known(numbers=("027-85771234",))
    assert ("phone", "027-85771234") in kinds(text, known)


def test_an_organisations_registered_premises_stay() -> None:
    text = (
        f"当事人：武汉市鑫达建筑劳务有限公司，统一社会信用代码：{USCC_OK}，"
        "住所：武汉市江汉区建设大道568号2层。"
    )
    assert not [k for k in kinds(text) if k[0] == "address"]
    text = "被检查单位：武汉华研检测技术有限公司，地址武汉东湖新技术开发区高新大道999号B座12楼。"
    assert not [k for k in kinds(text) if k[0] == "address"]


def test_a_persons_address_after_an_organisation_is_removed() -> None:
    # After the legal representative: may be his home.
    text = (
        f"当事人：某某有限公司\n统一社会信用代码：{USCC_OK}\n法定代表人：金鑫\n"
        "住所：武汉市武昌区中北路108号楚天都市花园C座907室"
    )
    assert ("address", "武汉市武昌区中北路108号楚天都市花园C座907室") in kinds(text)
    # An individual party after an organisation party.
    text = (
        f"被投诉单位：某某有限公司，统一社会信用代码{USCC_OK}。"
        "投诉人：王卫东，住所：武汉市江岸区三阳路8号5栋201室"
    )
    assert ("address", "武汉市江岸区三阳路8号5栋201室") in kinds(text)
    # 住址 is a home, whoever precedes it.
    text = f"某某有限公司，统一社会信用代码{USCC_OK}，住址武汉市江岸区三阳路8号5栋201室"
    assert ("address", "武汉市江岸区三阳路8号5栋201室") in kinds(text)


def test_the_label_is_not_part_of_the_address() -> None:
    text = "当事人王卫东，男，住所武汉市汉阳区鹦鹉大道316号3栋201室。"
    assert ("address", "武汉市汉阳区鹦鹉大道316号3栋201室") in kinds(text)


# --- round 9: ledgers line by line, lists closed by a head count, people introduced by job,
# function or kinship, nicknames, parts of foreign names, masked names, passport numbers -----


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a ledger line by line: name, perhaps a job, an amount; full-width or ordinary spaces
        (
            "拖欠下列人员工资：\n邝志明　钢筋工　12,400元\n帅红英　小工　8,300元\n合计　20,700元",
            ["邝志明", "帅红英"],
        ),
        ("欠薪明细：\n熊大海  21,000元\n拉巴  9,800元\n其余5人略。", ["熊大海", "拉巴"]),
        ("明细：\n古丽娜·买买提　13,500元\n龚晓东　11,000元", ["古丽娜·买买提", "龚晓东"]),
        # a list closed by a head count that matches it: surnames the list does not know
        ("抽查发现邬晓光、帅丽、铁木尔三人未参保。", ["邬晓光", "帅丽", "铁木尔"]),
        ("经查，该店招用马秀兰、曾凡、李娜、索南措4名员工。", ["马秀兰", "曾凡", "索南措"]),
        ("为马秀兰、宋玉华、阿依古丽等9名学员颁发证书。", ["阿依古丽"]),
        ("符建新、帅勇、买买提·艾力3人到本局投诉。", ["帅勇", "买买提·艾力"]),
        # a name and its amount, clause by clause; who someone is to another, in brackets
        ("其中：邓建华18,000元，热合曼·托合提12,000元。", ["邓建华", "热合曼·托合提"]),
        ("另向庹志强（庹德明之子）支付8,000元。", ["庹志强"]),
        # introduced by job, function or kinship
        ("副总经理查文华称其不知情。", ["查文华"]),
        ("由翻译人员阮氏兰现场翻译。", ["阮氏兰"]),
        ("项目法定代表人变更为蒋立平。", ["蒋立平"]),
        ("你与前妻邹丽华共同购买的住房一套。", ["邹丽华"]),
        # a nickname in quotes after the name; a foreign name's Chinese part with a title
        ("班组长李德才（工友称其“李老二”）。李老二称未收到款项。", ["李德才", "李老二"]),
        ("外籍员工HANS WEBER（汉斯·韦伯，德国籍）离职后，韦伯博士未再入境。", ["韦伯"]),
        # masked with an asterisk on a party's identification line
        ("3. 受援人王*芳，女，劳动争议纠纷。", ["王*芳"]),
    ],
)
def test_round9_names_are_found(text: str, expected: list[str]) -> None:
    found = names(text)
    for name in expected:
        assert name in found, (name, found)


def test_round9_a_sibling_of_a_known_name_is_found(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "他起诉了贺强、贺敏。"
    assert names(text) == ["贺强", "贺敏"]  # the tagger (round 11) finds both on its own…
    # …and without it, two-character names with no cue: only the record tells.
    monkeypatch.setattr(tagger, "tokens", lambda text: [])
    assert names(text) == []
    found = [v for k, v in kinds(text, Known(names=("贺敏",))) if k == "name"]
    assert found == ["贺强", "贺敏"]
    # …or a cue after it (贺敏支付): the sibling before 、 comes with it
    assert names("事项为要求邓强、邓敏支付赡养费。") == ["邓强", "邓敏"]
    # a different surname before 、 is not taken this way
    other = kinds("他起诉了谈判、贺敏。", Known(names=("贺敏",)))
    assert [v for k, v in other if k == "name"] == ["贺敏"]


def test_round9_a_passport_number_with_letters_inside() -> None:
    text = "持证人：JOHN SMITH，英国籍，护照号码：K7M2P4Q91，工作单位：武汉某公司"
    assert ("id_number", "K7M2P4Q91") in kinds(text)
    assert not [k for k in kinds(text) if k[0] == "phone"]
    assert ("id_number", "E12345678") in kinds("护照号码：E12345678。")
    # a reference made of letters and too few digits is not a passport number
    assert not [k for k in kinds("护照号码：ABCDEF12。") if k[0] == "id_number"]


@pytest.mark.parametrize(
    "text",
    [
        # ledgers and amounts of things, not people
        "费用如下：\n工资　18,600元\n奖金　2,000元\n合计　20,600元",
        "分项如下：\n材料费　8,000元\n人工费　6,000元",
        "其中：定金5,000元，余款24,300元。",
        # lists of jobs or places closed by a count
        "现场有木工、瓦工、电工3人作业。",
        "涉及江汉、江岸、硚口3个区。",
        # job titles and roles with no name after them
        "总经理负责日常管理。",
        "总经理办公会议决定。",
        "负责人变更为本单位法定代表人。",
        "翻译人员应当如实翻译。",
        # a subsidiary in brackets is not kinship; a quote is not a nickname
        "该公司（其母公司为武汉某集团）已整改。",
        "当事人称其“不知情”。",
        # a name this text masked itself, off the identification line
        "投诉人：王某某等4人（联系人张*华，电话139****21）",
    ],
)
def test_round9_rules_leave_things_jobs_and_quotes(text: str) -> None:
    assert names(text) == []


def test_round9_the_agencys_contact_person_stays_a_partys_goes() -> None:
    assert names("如有异议，请与基层工作科联系，联系人：邵丽萍，电话：027-83891234。") == []
    assert names("逾期视为放弃。\n\n联系人：邵丽萍　联系电话：027-83891234\n") == []
    assert names("你单位有权进行陈述和申辩。联系人：邵丽萍，联系电话：027-83891234。") == []
    # a mobile, a party's role or an organisation on the line: the party's contact, removed
    assert names("联系人：邵丽萍，联系电话：13907151234") == ["邵丽萍"]
    assert names("被投诉单位：武汉某公司，联系人：邵丽萍，电话：027-83891234") == ["邵丽萍"]
    assert names("申请人：武汉某公司，联系人：邵丽萍，电话：027-83891234") == ["邵丽萍"]
    # …and one the case record names is removed wherever it stands
    found = kinds("联系人：邵丽萍　联系电话：027-83891234", Known(names=("邵丽萍",)))
    assert ("name", "邵丽萍") in found


# --- round 10 ------------------------------------------------------------------------------------


def test_round10_a_ledger_written_as_clauses_one_person_a_line() -> None:
    text = (
        "核算如下：\n张秀英，出勤120天，应发16000元，已发0元；\n"
        "欧阳明，出勤98天，实发9800元；\n宋建华，出勤101天，应发13000元，已付500元；\n其余2人略。"
    )
    found = names(text)
    assert {"张秀英", "欧阳明", "宋建华"} <= set(found)
    # what an amount is (应发, 实发, 已付) is never a name
    assert not {"应发", "实发", "已发", "已付"} & set(found)
    assert names("本月应发12000元，实发11500元。") == []


def test_round10_a_ledger_with_bank_and_account_cells() -> None:
    text = (
        "转账明细：\n孙玉兰  中国农业银行  6228480018273641235  5200元\n"
        "买买提·艾买提  中国建设银行  6217002860004831235  4800元\n"
        "韩雪  中国工商银行  6212263200015671236  3900元\n"
    )
    found = names(text)
    assert {"孙玉兰", "买买提·艾买提", "韩雪"} <= set(found)
    assert [v for k, v in kinds(text) if k == "bank_account"]  # the accounts still go
    # rows of banks or costs, not people, stay
    assert names("汇总：\n中国农业银行  6228480018273641234  5200元\n合计  5200元\n") == []


def test_round10_kin_in_running_text() -> None:
    assert names("该童工系经其舅舅龚德福介绍到店务工。") == ["龚德福"]
    assert "潘桂香" in names("由其姑姑潘桂香代为领取。")
    assert names("其舅舅已到场。") == []


def test_round10_a_role_the_party_owns_is_a_private_person() -> None:
    assert names("你单位经办人邹芳芳已于2026年3月1日签收。") == ["邹芳芳"]
    assert names("该公司工作人员韦建国陈述如下。") == ["韦建国"]
    # the agency's own officer stays
    assert names("经办人邹芳芳已于2026年3月1日签收。") == []
    assert names("本单位经办人邹芳芳负责。") == []


def test_round10_a_label_and_colon_in_brackets() -> None:
    assert names("对当事人进行了询问（翻译：钟晓燕），当事人承认。") == ["钟晓燕"]
    # officers, numbers, dates and organisation names after a label stay
    assert names("（记录人：钟晓燕）") == []
    assert names("（执法证号：42011925006）（日期：三月五日）（单位：武汉某公司）") == []


def test_round10_latin_names_in_rows_and_lists() -> None:
    assert names("2. Omar Farouk，埃及籍，岗位：工程师。") == ["Omar Farouk"]
    text = "抽查Lucas Bernard、Maria Rossi、Omar Farouk三人的岗位。"
    found = kinds(text, Known(names=("Lucas Bernard",)))
    assert [v for k, v in found if k == "name"] == ["Lucas Bernard", "Maria Rossi", "Omar Farouk"]
    # a company or a university with a nationality-like word stays
    assert names("Google Inc，美国籍企业。") == []


def test_round10_a_job_then_a_name() -> None:
    assert names("微信群管理员为范丽娟（微信号：fanlj2020）。") == ["范丽娟"]
    assert "鲁明" in names("法律服务工作者鲁明执业证已过期。")
    # the job alone, or people in general, stay
    assert names("管理员为本单位指定。") == []
    assert names("工作人员应当出示证件。") == []


def test_round10_false_names_removed() -> None:
    # a job in brackets after a Latin name is not its Chinese form
    found = names("在场人：Peter Lang（外籍教师）、万晓明（人事部主任）")
    assert "外籍教师" not in found and "Peter Lang" in found
    # 向 before a role word is a preposition
    assert names("责令当事人向劳动者支付赔偿金。") == []
    assert names("当事人向申请人道歉。") == []


def test_a_service_address_under_the_agencys_signature_is_removed() -> None:
    # Found at heldout13's first run: the 送达地址 below the agency's name and date (and below
    # its contact line) is the recipient's home, not the agency's or an organisation's premises.
    text = (
        "联系人：黄斌，联系电话：027-85561234。\n\n武汉市人力资源和社会保障局劳动保障监察支队\n"
        "2026年9月25日\n送达地址：武汉市江汉区新华路326号华润置地凯旋门一期3栋904室"
    )
    assert ("address", "武汉市江汉区新华路326号华润置地凯旋门一期3栋904室") in kinds(text)
    text = "联系人：黄斌，联系电话：027-85561234\n送达地址：武汉市江汉区新华路326号3栋904室"
    assert ("address", "武汉市江汉区新华路326号3栋904室") in kinds(text)


# Round 12 (after the first run on heldout15–18). Texts written for the tests.


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # how people call a removed person by the surname
        ("当事人柴国富称：老柴我一个人在后厨干了三年。", ["柴国富", "老柴"]),
        ("财务覃丽萍称，协议是韦总交给她的。法定代表人韦建林未到场。", ["韦总", "韦建林"]),
        # the other side of a suit brought by a removed person
        ("当事人彭翠兰诉高明家庭装修欠款一案已调解。", ["彭翠兰", "高明"]),
        # a natural person as the other side of a contract; a minor employed
        ("出租方为自然人邵国庆，未附产权证明。", ["邵国庆"]),
        ("招用未成年人马小龙从事帮工。", ["马小龙"]),
        # a name before 律师
        ("指派许文华律师承办。", ["许文华"]),
    ],
)
def test_round12_names_are_found(text: str, expected: list[str]) -> None:
    found = names(text)
    for name in expected:
        assert name in found, (name, found)


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # a shop called after its owner is an organisation, not the owner's nickname
        ("经营者王福生（老王家热干面馆）未按时发放工资。", "老王"),
        # 小时 is an hour even when someone called 时… is removed
        ("证人时光明称每天工作十二小时。", "小时"),
        # 承办律师 is a kind of lawyer, not 谈承办
        ("本中心约谈承办律师，其承认未按时会见。", "谈承办"),
        # officers listed with a space, after a department, or before their role
        ("当事人刘大伟。\n执法人员：周立新 陈静怡", "陈静怡"),
        ("当事人刘大伟。\n武汉市科学技术局\n（联系人：规划处 周敏，电话：027-85733105）", "周敏"),
        ("当事人刘大伟。我局指派黎建国、廖婷两名执法人员调查。", "廖婷"),
        ("当事人刘大伟。\n经办：钱进　审核：王小平", "王小平"),
        # an abbreviated document number is not a name
        ("武科成登不〔2026〕5号\n申请人：刘大伟", "武科成"),
    ],
)
def test_round12_what_stays(text: str, kept: str) -> None:
    found = names(text)
    assert kept not in found, found
    assert any(n in found for n in ("刘大伟", "王福生", "时光明")) or "律师" in text


def test_round12_a_part_of_a_recorded_latin_name_is_removed_as_a_whole_word() -> None:
    text = "被许可人：Daniel Kowalski。经查，Kowalski未按期报告，其住所不在Kowalskiego街。"
    found = kinds(text, Known(names=("Daniel Kowalski",)))
    assert found == [("name", "Daniel Kowalski"), ("name", "Kowalski")]


# Round 13 (after the first run on heldout19–22). Texts written for the tests.


def test_round13_every_row_of_a_list_of_people_goes_when_one_does() -> None:
    text = "拖欠下列劳动者工资：\n1.涂晓梅，服务员，欠薪9600元；\n2.胡家俊，厨师，欠薪11250元；\n"
    found = [v for k, v in kinds(text, Known(names=("涂晓梅",))) if k == "name"]
    assert found == ["涂晓梅", "胡家俊"]


def test_round13_rows_need_a_removed_person_and_a_separator() -> None:
    text = "检查项目：\n1.工资支付台账，已建立；\n2.劳动合同，已签订；\n"
    assert names(text) == []


@pytest.mark.parametrize(
    ("text", "known", "expected"),
    [
        # a compound surname or a title after a removed person's surname
        ("申请人欧阳晓琴称…。卷宗记载，欧阳女士当场表示不同意。", (), ["欧阳晓琴", "欧阳女士"]),
        ("行政主管文静陈述：“上官总说试用期过了再签。”", ("上官德明",), ["上官总"]),
        ("当事人邹伟自称“邹律师”。", (), ["邹伟", "邹律师"]),
        # 老板娘 is a role; 按 ends a name
        ("工资以前是老板娘刘小芳用微信转给我。", (), ["刘小芳"]),
        ("装修款系财务黄秋菊按领导意见列支。", (), ["黄秋菊"]),
        # an all-capitals Latin name with a hyphen
        ("外国人姓名：KIM MIN-JUN　国籍：韩国", (), ["KIM MIN-JUN"]),
    ],
)
def test_round13_names_are_found(text: str, known: tuple[str, ...], expected: list[str]) -> None:
    found = [v for k, v in kinds(text, Known(names=known)) if k == "name"]
    for name in expected:
        assert name in found, (name, found)


@pytest.mark.parametrize(
    "text",
    [
        "当事人蓝凤娇，女，苗族，身份证号码见卷宗。",  # an ethnic group is not a name
        "经核实，论文非其本人成果，并已与其本人谈话。",
    ],
)
def test_round13_what_stays(text: str) -> None:
    assert not {"苗族", "成果", "谈话"} & set(names(text))


def test_round14_a_person_inside_what_looks_like_an_organisation() -> None:
    # The organisation range runs back from 公司 over the person: 上官明离职不影响公司 is a clause.
    text = "项目负责人上官明已于2025年离职。该公司认为，上官明离职不影响公司履行义务。"
    spans = [(s.start, s.end) for s in find_spans(text) if s.kind == "name"]
    second = text.index("上官明", 10)
    assert spans == [(5, 8), (second, second + 3)]
    found = [v for k, v in kinds("装修款系财务黄秋菊按公司领导意见列支。") if k == "name"]
    assert found == ["黄秋菊"]


def test_round14_a_shop_named_after_its_owner_keeps_its_name() -> None:
    # A name the detectors found stays inside an organisation's name (the case record's names,
    # by contrast, go wherever they stand).
    text = "当事人胡德厚经营的硚口区胡德厚烧烤店未按时发放工资。"
    spans = [(s.start, s.end) for s in find_spans(text) if s.kind == "name"]
    assert spans == [(3, 6)]
