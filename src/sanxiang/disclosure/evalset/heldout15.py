# ruff: noqa: E501
"""Held-out redaction set 15: decision texts with gold marks and each text's case record.

Written 2026-11-23 (session 6, brief A15) by an independent author who never opened or ran the
redaction detector, its tests, its bench or results, nor any other evaluation set. Voice: a
research assistant at a university administrative-law centre transcribing decisions that the five
agencies post on their websites and 公示 columns, keeping each document's own layout (full 决定书
with headings and signature blocks, short 公示 summaries, table rows rendered as ``字段：值``
lines, 调查终结报告-style narrative).

Rules followed:
- Marks as in build.py: ``⟨K:value⟩``; a trailing ``?`` in I/B means "compute the check
  character". Every occurrence of a personal datum is marked, including surname+title forms
  that point at a named person (``邓女士`` in h15-29 is marked N; the title after a full name,
  as in ``廖振宇先生``, stays outside the mark). Bare 某/某某 forms are never marked. Names inside
  foreign-national work-permit texts are marked N in the form the permit shows (Latin capitals).
- Unmarked (published): officers, 经办人, 审核人, 调解员 acting as mediators, the agency's own
  contact people and phones, organisation names, unified social credit codes, organisation
  registered addresses and business premises, project names, court/agency names.
- Partially masked values: a masked number is marked with its kind when 7 or more of its digits
  remain visible (e.g. ``139****2716`` shows 7 digits → P; ``420104********2316`` shows 10 → I),
  and left unmarked when fewer than 7 digits remain (``1387****`` / ``4502**********`` style).
  Masked names (韦某某, 李某) are unmarked; a masked name with the given name visible (``某春梅``)
  would be marked, but none occurs here.
- Case record (4th element) derived after writing each text, by the brief's role rule: individual
  parties, organisation parties' 法定代表人/负责人, people interviewed (询问/谈话/笔录/陈述),
  witnesses/在场人, complainants/举报人/反映人, informants, and 受送达人/签收人. Mentioned-only people
  (wage-list workers, relatives, people quoted, third parties) are not in the record. Records hold
  full ID-card names; nicknames are marked N in the text but not added to the record. Individual
  parties' id_number/address/phone are held as registered (full number even when the text shows
  only a masked form or none — then the record value does not appear in the text: h15-05,
  h15-28; in h15-17 the employer's record holds its contact's full mobile, the text a masked one).
- Gold marks were settled before any record was written; no one was added to or dropped from a
  record for scoring reasons. Individual parties' number fields follow the file when known.

What it probes: names in many positions (sentence start with no cue, lists, tables, quotes,
先生/女士, compound surnames, Zhuang/Yao names common in Guangxi, names that are ordinary words,
foreign names in work-permit decisions), the record layer vs detector layer (many N marks belong
to mentioned-only people outside the record), and organisation-only texts with no personal data.
"""

from __future__ import annotations

HELDOUT15: list[tuple[str, str, str, dict[str, object]]] = [
    (
        "h15-01",
        "wuhan-rsj",
        """武汉市人力资源和社会保障局
行政处罚决定书
武人社监罚〔2026〕17号

当事人：武汉鑫楚建筑劳务有限公司
统一社会信用代码：91420106MA4K7R2Q5D
法定代表人：⟨N:喻建军⟩
住所：武汉市武昌区中北路108号楚天大厦1203室

一、违法事实
2026年2月，本局接到群众投诉，反映你单位在江夏区藏龙岛安置房二期项目拖欠农民工工资。经查，你单位自2025年10月至2026年1月未足额支付⟨N:胡德胜⟩、⟨N:熊春芳⟩、⟨N:万小雨⟩等14名劳动者工资共计人民币318,600元。2026年3月12日，本局执法人员陈立新、郑晓岚对你单位项目负责人⟨N:汪志强⟩进行询问并制作询问笔录，⟨N:汪志强⟩承认工资未按月支付的事实。本局于2026年3月20日向你单位下达《劳动保障监察限期改正指令书》，你单位逾期未改正。
以上事实有询问笔录、工资支付台账、考勤记录、现场检查笔录等证据为证。

二、处罚依据和处罚决定
你单位的行为违反了《保障农民工工资支付条例》第十五条的规定。依据该条例第五十七条，本局决定对你单位处以罚款人民币50,000元。

三、履行方式和期限
请于收到本决定书之日起十五日内，将罚款缴至指定代收银行。逾期不缴纳的，每日按罚款数额的百分之三加处罚款。

四、救济途径
如不服本决定，可在收到本决定书之日起六十日内向武汉市人民政府申请行政复议，或者在六个月内向武汉铁路运输法院提起行政诉讼。

本决定书由你单位委托代理人⟨N:周文斌⟩于2026年4月8日签收。

武汉市人力资源和社会保障局
2026年4月3日""",
        {
            "parties": [
                {
                    "kind": "organization",
                    "name": "武汉鑫楚建筑劳务有限公司",
                    "id_number": "91420106MA4K7R2Q5D",
                    "address": "武汉市武昌区中北路108号楚天大厦1203室",
                    "phone": "",
                    "legal_representative": "喻建军",
                },
            ],
            "persons": {"interviewee": ["汪志强"], "recipient": ["周文斌"]},
        },
    ),
    (
        "h15-02",
        "wuhan-rsj",
        """行政处罚结果公示
决定书文号：武人社监罚〔2026〕21号
行政相对人名称：武汉市江汉区佳禾家政服务部（个体工商户）
经营者：⟨N:彭丽娟⟩
违法行为类型：未依法为劳动者办理社会保险登记
处罚依据：《中华人民共和国社会保险法》第八十四条
处罚内容：责令限期改正，罚款人民币3,000元
作出处罚决定日期：2026年4月10日
处罚机关：武汉市人力资源和社会保障局""",
        {
            "parties": [
                {
                    "kind": "organization",
                    "name": "武汉市江汉区佳禾家政服务部",
                    "id_number": "92420103MA4DQ6L81K",
                    "address": "武汉市江汉区唐家墩路32号",
                    "phone": "",
                    "legal_representative": "彭丽娟",
                },
            ],
            "persons": {},
        },
    ),
    (
        "h15-03",
        "wuhan-rsj",
        """武汉市人力资源和社会保障局
行政处罚决定书
武人社保罚〔2026〕3号

当事人：⟨N:蒋桂枝⟩，女，1958年6月出生
身份证号码：⟨I:42010619580614302?⟩
住址：⟨A:武汉市武昌区粮道街昙华林小区7栋2单元501室⟩
联系电话：⟨P:13627185540⟩

经查，当事人之母⟨N:黄秀英⟩于2023年9月去世后，当事人未向社会保险经办机构报告，继续冒领其母基本养老金，至2026年1月共计领取人民币97,342.80元。本局于2026年2月26日对当事人进行询问，当事人对上述事实供认不讳，并陈述“以为老人的钱可以先用着，以后再说”。当事人之弟⟨N:黄建明⟩出具情况说明，证明其母去世时间。
当事人的行为违反了《中华人民共和国社会保险法》第八十八条的规定。鉴于当事人已退回全部冒领金额，本局依据上述规定，决定对当事人处以骗取金额一倍的罚款，即人民币97,342.80元。

当事人应自收到本决定书之日起十五日内缴纳罚款。如不服本决定，可在六十日内申请行政复议或在六个月内提起行政诉讼。

武汉市人力资源和社会保障局
2026年3月18日""",
        {
            "parties": [
                {
                    "kind": "individual",
                    "name": "蒋桂枝",
                    "id_number": "42010619580614302?",
                    "address": "武汉市武昌区粮道街昙华林小区7栋2单元501室",
                    "phone": "13627185540",
                    "legal_representative": "",
                },
            ],
            "persons": {"witness": ["黄建明"]},
        },
    ),
    (
        "h15-04",
        "wuhan-rsj",
        """武汉市人力资源和社会保障局
准予行政许可决定书
武人社许字〔2026〕第045号

武汉英才汇人力资源服务有限公司：
你单位于2026年3月2日提出的经营性人力资源服务许可申请，本局已于同日受理。经审查，你单位申请材料齐全，符合《人力资源市场暂行条例》第十八条规定的条件，本局决定准予行政许可，颁发《人力资源服务许可证》（编号：420100202600045），有效期五年。
许可事项：职业中介活动（为劳动者介绍用人单位、为用人单位推荐劳动者、开展网络招聘）。
服务场所：武汉市洪山区珞喻路727号光谷资本大厦8楼。

武汉市人力资源和社会保障局
2026年3月16日""",
        {
            "parties": [
                {
                    "kind": "organization",
                    "name": "武汉英才汇人力资源服务有限公司",
                    "id_number": "91420111MA49R0TF3X",
                    "address": "武汉市洪山区珞喻路727号光谷资本大厦8楼",
                    "phone": "",
                    "legal_representative": "",
                },
            ],
            "persons": {},
        },
    ),
    (
        "h15-05",
        "wuhan-rsj",
        """骗取社会保险待遇行政处罚公示（2026年第二季度）
序号：1
当事人姓名：⟨N:程国华⟩
身份证号：⟨I:420104********2316⟩
违法事实：以虚假失业登记材料骗取失业保险金12,540元
处罚决定：责令退回，处骗取金额二倍罚款25,080元
决定日期：2026年5月9日
序号：2
当事人姓名：⟨N:闵文⟩
身份证号：4201**********
违法事实：在领取工伤保险长期待遇期间隐瞒再就业事实
处罚决定：责令退回，处骗取金额一倍罚款8,760元
决定日期：2026年5月21日""",
        {
            "parties": [
                {
                    "kind": "individual",
                    "name": "程国华",
                    "id_number": "42010419810914231?",
                    "address": "武汉市硚口区解放大道1189号汉水苑2栋602室",
                    "phone": "",
                    "legal_representative": "",
                },
                {
                    "kind": "individual",
                    "name": "闵文",
                    "id_number": "42010519760218041?",
                    "address": "",
                    "phone": "",
                    "legal_representative": "",
                },
            ],
            "persons": {},
        },
    ),
    (
        "h15-06",
        "wuhan-rsj",
        """关于对武汉卓远职业培训学校的行政检查结果
2026年4月15日，市人社局职业能力建设处会同市劳动保障监察支队对武汉卓远职业培训学校开展“双随机、一公开”检查。检查内容包括办学许可、培训收费公示、师资配备、补贴性培训台账等。检查发现该校补贴性培训考勤记录与视频监控存在3处不一致，已当场责令整改。该校负责人⟨N:欧阳春燕⟩在检查笔录上签字确认。
检查结果：基本符合要求，责令限期整改。
检查人员：刘振宇、饶敏""",
        {
            "parties": [
                {
                    "kind": "organization",
                    "name": "武汉卓远职业培训学校",
                    "id_number": "52420100MJH5739Q8N",
                    "address": "",
                    "phone": "",
                    "legal_representative": "欧阳春燕",
                },
            ],
            "persons": {},
        },
    ),
    (
        "h15-07",
        "qiaokou-rzj",
        """武汉市硚口区人力资源局
劳动保障监察限期改正指令书
硚人资监令〔2026〕12号

武汉汉正街福瑞服饰有限公司：
经查，你单位存在下列违反劳动保障法律、法规或规章的行为：
1. 未与⟨N:江山⟩、⟨N:何平⟩、⟨N:付小红⟩3名员工订立书面劳动合同；
2. 未按时足额支付⟨N:付小红⟩2026年1月至2月工资共计7,200元。
依据《劳动保障监察条例》第三十条，现责令你单位于2026年4月30日前改正上述行为，并将改正情况书面报送本局劳动保障监察大队。逾期不改正的，本局将依法作出行政处罚决定。

联系人：谢丹    联系电话：027-83797012

武汉市硚口区人力资源局
2026年4月20日

签收人：⟨N:邵美玲⟩（你单位行政主管）
签收日期：2026年4月20日""",
        {
            "parties": [
                {
                    "kind": "organization",
                    "name": "武汉汉正街福瑞服饰有限公司",
                    "id_number": "91420104MA4KTW2U7G",
                    "address": "武汉市硚口区汉正街多福路18号",
                    "phone": "",
                    "legal_representative": "",
                },
            ],
            "persons": {"recipient": ["邵美玲"]},
        },
    ),
    (
        "h15-08",
        "qiaokou-rzj",
        """投诉处理告知书
硚人资监告〔2026〕31号

⟨N:付小红⟩：
你于2026年3月27日投诉武汉汉正街福瑞服饰有限公司拖欠工资一案，本局已依法受理并进行了调查。经查，该公司已于2026年4月28日向你补发2026年1月至2月工资7,200元，并与你补签劳动合同。本案已处理完毕，特此告知。
如对处理结果不服，可在收到本告知书之日起六十日内申请行政复议。

武汉市硚口区人力资源局劳动保障监察大队
2026年5月6日""",
        {
            "parties": [
                {
                    "kind": "organization",
                    "name": "武汉汉正街福瑞服饰有限公司",
                    "id_number": "91420104MA4KTW2U7G",
                    "address": "武汉市硚口区汉正街多福路18号",
                    "phone": "",
                    "legal_representative": "",
                },
            ],
            "persons": {"complainant": ["付小红"]},
        },
    ),
    (
        "h15-09",
        "qiaokou-rzj",
        """调查终结报告（摘要）
案由：武汉宏泰餐饮管理有限公司涉嫌克扣劳动者工资案
2026年1月8日，⟨N:叶文静⟩等5名厨房员工到区人资局反映，武汉宏泰餐饮管理有限公司古田二路门店以“损耗赔偿”为名每月从工资中扣款200元至600元不等。承办人熊凯、孙琳于1月12日到该门店检查，调取工资表和扣款明细。门店店长⟨N:戴志勇⟩接受询问称扣款是按总部规定执行，“厨房打碎的碗盘都要算”。1月15日，本局对公司法定代表人⟨N:柯海涛⟩进行询问，⟨N:柯海涛⟩表示扣款规定未经民主程序制定，愿意退还。
扣款明细显示：⟨N:叶文静⟩扣款1,800元，⟨N:邹永红⟩扣款1,400元，⟨N:廖小兵⟩扣款1,200元，⟨N:秦丽⟩扣款900元，⟨N:文静⟩扣款600元。
⟨N:叶文静⟩在1月20日补充陈述中提供了微信聊天记录，其中店长要求员工“不要往外说”。
公司已于1月25日全额退还扣款5,900元。承办人建议：鉴于当事人主动改正，依据《中华人民共和国行政处罚法》第三十三条第一款，不予行政处罚。""",
        {
            "parties": [
                {
                    "kind": "organization",
                    "name": "武汉宏泰餐饮管理有限公司",
                    "id_number": "91420104MA4F8JQ03L",
                    "address": "",
                    "phone": "",
                    "legal_representative": "柯海涛",
                },
            ],
            "persons": {
                "complainant": ["叶文静", "邹永红", "廖小兵", "秦丽", "文静"],
                "interviewee": ["戴志勇", "柯海涛", "叶文静"],
            },
        },
    ),
    (
        "h15-10",
        "qiaokou-rzj",
        """不予行政处罚决定书
硚人资监不罚〔2026〕2号

当事人：武汉宏泰餐饮管理有限公司
统一社会信用代码：91420104MA4F8JQ03L
法定代表人：⟨N:柯海涛⟩
地址：武汉市硚口区古田二路汇丰企业总部5栋301

当事人以“损耗赔偿”名义克扣劳动者工资共计5,900元，违反了《湖北省工资支付规定》第十九条。鉴于当事人在本局立案调查后主动全额退还扣款，违法行为轻微并及时改正，没有造成危害后果，依据《中华人民共和国行政处罚法》第三十三条第一款，本局决定不予行政处罚。
当事人应当引以为戒，依法制定工资支付制度。

武汉市硚口区人力资源局
2026年2月3日""",
        {
            "parties": [
                {
                    "kind": "organization",
                    "name": "武汉宏泰餐饮管理有限公司",
                    "id_number": "91420104MA4F8JQ03L",
                    "address": "武汉市硚口区古田二路汇丰企业总部5栋301",
                    "phone": "",
                    "legal_representative": "柯海涛",
                },
            ],
            "persons": {},
        },
    ),
    (
        "h15-11",
        "qiaokou-rzj",
        """拖欠工资案件处理情况公示
序号 | 用人单位 | 涉及人数 | 欠薪金额 | 处理结果
1 | 武汉市硚口区顺心搬家服务部（经营者：⟨N:雷春生⟩） | 3 | 16,500元 | 已支付
2 | 武汉汉水源建材有限公司 | 7 | 48,300元 | 已支付
3 | 武汉市硚口区老乡鸡快餐店（经营者：⟨N:甘露⟩） | 2 | 5,600元 | 已立案处罚""",
        {
            "parties": [
                {
                    "kind": "organization",
                    "name": "武汉市硚口区顺心搬家服务部",
                    "id_number": "",
                    "address": "",
                    "phone": "",
                    "legal_representative": "雷春生",
                },
                {
                    "kind": "organization",
                    "name": "武汉汉水源建材有限公司",
                    "id_number": "",
                    "address": "",
                    "phone": "",
                    "legal_representative": "",
                },
                {
                    "kind": "organization",
                    "name": "武汉市硚口区老乡鸡快餐店",
                    "id_number": "",
                    "address": "",
                    "phone": "",
                    "legal_representative": "甘露",
                },
            ],
            "persons": {},
        },
    ),
    (
        "h15-12",
        "qiaokou-rzj",
        """武汉市硚口区人力资源局
行政处罚决定书
硚人资监罚〔2026〕9号

当事人：⟨N:甘露⟩（武汉市硚口区老乡鸡快餐店经营者）
公民身份号码：⟨I:42011619900523464?⟩
住所：⟨A:武汉市黄陂区前川街道百秀街36号⟩
电话：⟨P:18086421937⟩

⟨N:甘露⟩于2025年11月至12月拖欠店员⟨N:罗翠萍⟩、⟨N:陶子豪⟩工资共计5,600元。⟨N:罗翠萍⟩于2026年1月6日向本局投诉。本局于1月9日向当事人送达限期改正指令书，当事人逾期未支付。2月2日本局对当事人询问时，当事人称“店里生意不好，等过完年再说”。
依据《劳动保障监察条例》第二十六条，本局责令当事人支付所欠工资，并按应付金额50%的标准向劳动者加付赔偿金2,800元。
送达地址确认书由当事人本人签署。

武汉市硚口区人力资源局
2026年2月16日""",
        {
            "parties": [
                {
                    "kind": "individual",
                    "name": "甘露",
                    "id_number": "42011619900523464?",
                    "address": "武汉市黄陂区前川街道百秀街36号",
                    "phone": "18086421937",
                    "legal_representative": "",
                },
            ],
            "persons": {"complainant": ["罗翠萍"]},
        },
    ),
    (
        "h15-13",
        "wuhan-kjj",
        """武汉市科学技术局
外国人工作许可撤销决定书
武科外撤〔2026〕4号

用人单位：武汉启明国际教育咨询有限公司
统一社会信用代码：91420102MA4L2B6E9P
被许可人：⟨N:MICHAEL JAMES O'CONNOR⟩（国籍：爱尔兰）

经查，你单位为⟨N:MICHAEL JAMES O'CONNOR⟩申请外国人来华工作许可时提交的学历证明系伪造，该证明所载“University College Dublin”学位经核验不存在。2026年3月4日，合作处工作人员对你单位人事主管⟨N:唐雪⟩及被许可人本人进行了谈话，⟨N:唐雪⟩称材料由中介“⟨N:Lucy Wang⟩”提供。
依据《外国人在中国就业管理规定》及外国人来华工作管理服务系统相关规定，本局决定撤销其外国人工作许可，并将你单位列入不良信用记录。

武汉市科学技术局
2026年3月25日""",
        {
            "parties": [
                {
                    "kind": "organization",
                    "name": "武汉启明国际教育咨询有限公司",
                    "id_number": "91420102MA4L2B6E9P",
                    "address": "",
                    "phone": "",
                    "legal_representative": "",
                },
                {
                    "kind": "individual",
                    "name": "MICHAEL JAMES O'CONNOR",
                    "id_number": "",
                    "address": "",
                    "phone": "",
                    "legal_representative": "",
                },
            ],
            "persons": {"interviewee": ["唐雪", "MICHAEL JAMES O'CONNOR"]},
        },
    ),
    (
        "h15-14",
        "wuhan-kjj",
        """外国人来华工作许可不予许可公示
受理编号：420100A26031700118
申请单位：武汉光谷智芯半导体有限公司
申请人：⟨N:KIM MINJUN⟩（韩国）
申请类别：外国专业人才（B类）
不予许可理由：申请人无犯罪记录证明未经认证，补正期限届满未补正。
决定日期：2026年4月2日""",
        {
            "parties": [
                {
                    "kind": "organization",
                    "name": "武汉光谷智芯半导体有限公司",
                    "id_number": "",
                    "address": "",
                    "phone": "",
                    "legal_representative": "",
                },
                {
                    "kind": "individual",
                    "name": "KIM MINJUN",
                    "id_number": "",
                    "address": "",
                    "phone": "",
                    "legal_representative": "",
                },
            ],
            "persons": {},
        },
    ),
    (
        "h15-15",
        "wuhan-kjj",
        """武汉市科学技术局
科研失信行为处理决定书
武科监处〔2026〕2号

被处理人：⟨N:司马文涛⟩，男，武汉某高校副教授
身份证号：⟨I:42011119790312561?⟩
通讯地址：⟨A:武汉市洪山区雄楚大道珞狮南路口锦绣龙城11栋1802室⟩

经调查，被处理人作为2024年度武汉市知识创新专项（基础研究）项目负责人，在项目结题材料中将他人已发表论文的3幅图片经修改后作为本项目成果使用。项目组成员⟨N:向婷⟩、⟨N:卢晓峰⟩在调查谈话中证实，图片由被处理人直接提供。原论文作者⟨N:陈思远⟩已书面确认图片来源。
被处理人在陈述中承认“时间紧，图用错了”。依据《科研失信行为调查处理规则》第二十一条，本局决定：1. 撤销该项目立项，追回已拨付经费20万元；2. 三年内取消其申报市级科技计划项目资格。
如不服本决定，可自收到本决定书之日起15日内提出复查申请。

武汉市科学技术局
2026年5月12日""",
        {
            "parties": [
                {
                    "kind": "individual",
                    "name": "司马文涛",
                    "id_number": "42011119790312561?",
                    "address": "武汉市洪山区雄楚大道珞狮南路口锦绣龙城11栋1802室",
                    "phone": "",
                    "legal_representative": "",
                },
            ],
            "persons": {"interviewee": ["向婷", "卢晓峰", "司马文涛"]},
        },
    ),
    (
        "h15-16",
        "wuhan-kjj",
        """关于2026年度技术合同登记机构检查情况的通报
市科技局于2026年4月对全市12家技术合同认定登记机构开展了专项检查。检查发现，东湖新技术开发区技术市场服务中心等3家机构存在登记审核不严、合同要件缺失等问题；武汉理工大学技术合同登记点登记档案归档不及时。各机构已于5月底前完成整改。
下一步，市科技局将把检查结果纳入年度考核。""",
        {"parties": [], "persons": {}},
    ),
    (
        "h15-17",
        "wuhan-kjj",
        """外国人工作许可信息变更决定
许可证号：420C2024000417
持证人：⟨N:ANNA-LENA SCHMIDT⟩
原工作单位：武汉德汉交流中心
变更事项：工作岗位由“德语教师”变更为“教学主管”
经办人：郭佳
审核：易红
联系电话（单位联系人⟨N:马晓燕⟩）：⟨P:159****0362⟩
变更日期：2026年2月14日""",
        {
            "parties": [
                {
                    "kind": "organization",
                    "name": "武汉德汉交流中心",
                    "id_number": "",
                    "address": "",
                    "phone": "15927180362",
                    "legal_representative": "",
                },
                {
                    "kind": "individual",
                    "name": "ANNA-LENA SCHMIDT",
                    "id_number": "",
                    "address": "",
                    "phone": "",
                    "legal_representative": "",
                },
            ],
            "persons": {},
        },
    ),
    (
        "h15-18",
        "wuhan-kjj",
        """武汉市科学技术局
行政检查结果告知书

湖北楚研生物科技有限公司：
本局于2026年3月18日对你单位承担的2025年度市重点研发计划项目“高通量病原检测芯片研发”开展实地检查。你单位总经理⟨N:聂伟⟩、财务负责人⟨N:阮梅⟩在场，项目负责人⟨N:覃宏亮⟩汇报了项目进展。
经查，项目经费使用基本规范，但存在设备采购合同签订日期晚于付款日期的问题。请于30日内完成整改并报送整改报告。
检查人员：贺俊、汪璐

武汉市科学技术局
2026年3月25日""",
        {
            "parties": [
                {
                    "kind": "organization",
                    "name": "湖北楚研生物科技有限公司",
                    "id_number": "",
                    "address": "",
                    "phone": "",
                    "legal_representative": "",
                },
            ],
            "persons": {"witness": ["聂伟", "阮梅"], "interviewee": ["覃宏亮"]},
        },
    ),
    (
        "h15-19",
        "liuzhou-kjj",
        """柳州市科学技术局
行政检查结果公示
检查对象：柳州市龙腾汽车零部件有限公司
检查事项：高新技术企业认定条件符合性抽查
检查时间：2026年4月9日
检查结果：研发费用归集基本规范，科技人员占比10.2%，符合要求。
执法人员：韦国庆、蒙丽华""",
        {
            "parties": [
                {
                    "kind": "organization",
                    "name": "柳州市龙腾汽车零部件有限公司",
                    "id_number": "",
                    "address": "",
                    "phone": "",
                    "legal_representative": "",
                },
            ],
            "persons": {},
        },
    ),
    (
        "h15-20",
        "liuzhou-kjj",
        """柳州市科学技术局
科技计划项目终止决定书
柳科计〔2026〕11号

项目名称：螺蛳粉预包装产品风味保持关键技术研究
承担单位：柳州市桂香源食品有限公司
法定代表人：⟨N:莫志刚⟩
项目负责人：⟨N:覃海燕⟩

经查，承担单位自2025年8月起停止项目研发，项目负责人⟨N:覃海燕⟩已离职，单位未按合同约定报告。2026年3月10日，本局工作人员到该公司核查，⟨N:莫志刚⟩在询问笔录中称“人走了，项目做不下去”。
依据《柳州市科技计划项目管理办法》第三十二条，本局决定终止该项目，收回结余经费18.6万元。

柳州市科学技术局
2026年3月30日""",
        {
            "parties": [
                {
                    "kind": "organization",
                    "name": "柳州市桂香源食品有限公司",
                    "id_number": "",
                    "address": "",
                    "phone": "",
                    "legal_representative": "莫志刚",
                },
            ],
            "persons": {"interviewee": ["莫志刚"]},
        },
    ),
    (
        "h15-21",
        "liuzhou-kjj",
        """科技特派员考核不合格处理结果公示
姓名：⟨N:蓝春梅⟩
派驻地：三江侗族自治县林溪镇
身份证号：⟨I:45022619860715262?⟩
联系电话：⟨P:13877264519⟩
处理结果：2025年度考核不合格，取消市级科技特派员资格。
事由：全年服务天数不足30天，服务记录与驻点村反馈不符。""",
        {
            "parties": [
                {
                    "kind": "individual",
                    "name": "蓝春梅",
                    "id_number": "45022619860715262?",
                    "address": "",
                    "phone": "13877264519",
                    "legal_representative": "",
                },
            ],
            "persons": {},
        },
    ),
    (
        "h15-22",
        "liuzhou-kjj",
        """柳州市科学技术局
不予行政许可决定书
柳科许不〔2026〕2号

⟨N:韦秀兰⟩：
你于2026年4月7日代表柳州市融安县金桔种植专业合作社申请科技成果登记并请求认定为市级科技成果。经审查，你提交的成果评价报告由不具备资质的机构出具，且合作社理事长⟨N:韦光荣⟩未在申请书上签章。本局于4月14日通知补正，你在电话中表示“理事长⟨N:韦光荣⟩在外地，签不了”，期限届满仍未补正。
依据《中华人民共和国行政许可法》第三十二条、第三十八条，本局决定不予登记。
如不服，可在收到本决定之日起六十日内向柳州市人民政府申请行政复议，或六个月内向柳州市城中区人民法院提起行政诉讼。

柳州市科学技术局
2026年4月28日""",
        {
            "parties": [
                {
                    "kind": "organization",
                    "name": "柳州市融安县金桔种植专业合作社",
                    "id_number": "",
                    "address": "",
                    "phone": "",
                    "legal_representative": "韦光荣",
                },
            ],
            "persons": {"recipient": ["韦秀兰"]},
        },
    ),
    (
        "h15-23",
        "liuzhou-kjj",
        """外国人来华工作许可注销公示
序号1：持证人⟨N:NGUYEN VAN HUNG⟩，工作单位柳州越桂贸易有限公司，注销原因：劳动合同解除。
序号2：持证人⟨N:SOMCHAI PHROMMA⟩，工作单位广西柳工机械股份有限公司，注销原因：工作许可期满未延续。
序号3：持证人⟨N:ELENA PETROVA⟩，工作单位柳州市第一职业技术学校，注销原因：本人申请。""",
        {
            "parties": [
                {
                    "kind": "individual",
                    "name": "NGUYEN VAN HUNG",
                    "id_number": "",
                    "address": "",
                    "phone": "",
                    "legal_representative": "",
                },
                {
                    "kind": "individual",
                    "name": "SOMCHAI PHROMMA",
                    "id_number": "",
                    "address": "",
                    "phone": "",
                    "legal_representative": "",
                },
                {
                    "kind": "individual",
                    "name": "ELENA PETROVA",
                    "id_number": "",
                    "address": "",
                    "phone": "",
                    "legal_representative": "",
                },
            ],
            "persons": {},
        },
    ),
    (
        "h15-24",
        "liuzhou-kjj",
        """投诉举报处理情况告知
⟨N:廖振宇⟩先生：
你于2026年5月6日通过12345热线反映“柳州市鱼峰区某孵化器虚报在孵企业数量骗取补助”一事，我局已核查。经查，柳州鱼峰众创空间2025年度申报的在孵企业中有4家已于申报前迁出，我局已责令其退回相应补助6万元。
感谢你对科技工作的监督。如需了解详情，可联系我局法规与监督诚信科，电话0772-2825113。
柳州市科学技术局
2026年5月29日""",
        {
            "parties": [
                {
                    "kind": "organization",
                    "name": "柳州鱼峰众创空间",
                    "id_number": "",
                    "address": "",
                    "phone": "",
                    "legal_representative": "",
                },
            ],
            "persons": {"complainant": ["廖振宇"]},
        },
    ),
    (
        "h15-25",
        "dongxihu-sfj",
        """武汉市东西湖区司法局
不予法律援助决定书
东司援不〔2026〕7号

申请人：⟨N:熊国强⟩，男，1967年出生
身份证号：⟨I:42011219670821003?⟩
住址：⟨A:武汉市东西湖区径河街道三店农场二分场14号⟩
联系电话：⟨P:15072336418⟩

申请人于2026年3月3日就与其弟⟨N:熊国平⟩之间的宅基地使用权纠纷申请法律援助。经审查，申请人之妻⟨N:胡凤英⟩名下有商品房一套、小型客车一辆，申请人家庭人均收入高于本市法律援助经济困难标准，不符合《中华人民共和国法律援助法》第四十一条规定的条件。本中心决定不予法律援助。
申请人对本决定有异议的，可自收到本决定书之日起十五日内向东西湖区司法局提出。

武汉市东西湖区法律援助中心
2026年3月10日""",
        {
            "parties": [
                {
                    "kind": "individual",
                    "name": "熊国强",
                    "id_number": "42011219670821003?",
                    "address": "武汉市东西湖区径河街道三店农场二分场14号",
                    "phone": "15072336418",
                    "legal_representative": "",
                },
            ],
            "persons": {},
        },
    ),
    (
        "h15-26",
        "dongxihu-sfj",
        """人民调解协议履行情况回访记录（公开摘要）
调解组织：东西湖区将军路街道人民调解委员会
调解员：杜秋云
纠纷类型：邻里相邻关系纠纷
当事人：⟨N:严明⟩、⟨N:汤爱华⟩
2026年4月，双方因⟨N:汤爱华⟩家空调外机排水滴落至⟨N:严明⟩家阳台发生纠纷。经调解，⟨N:汤爱华⟩同意加装排水管，⟨N:严明⟩同意不再追究已造成的损失。回访时⟨N:严明⟩称“管子装好了，现在没事了”。协议已履行完毕。
回访人：杜秋云
回访日期：2026年5月18日""",
        {
            "parties": [
                {
                    "kind": "individual",
                    "name": "严明",
                    "id_number": "",
                    "address": "",
                    "phone": "",
                    "legal_representative": "",
                },
                {
                    "kind": "individual",
                    "name": "汤爱华",
                    "id_number": "",
                    "address": "",
                    "phone": "",
                    "legal_representative": "",
                },
            ],
            "persons": {"interviewee": ["严明"]},
        },
    ),
    (
        "h15-27",
        "dongxihu-sfj",
        """武汉市东西湖区司法局
行政处罚决定书
东司罚〔2026〕1号

当事人：⟨N:钟立新⟩，男，基层法律服务工作者（执业证号：34201122016100873）
身份证号：⟨I:42011219831107601?⟩
住址：⟨A:武汉市东西湖区吴家山街道新城十二路金银湖花园3栋1单元902⟩
执业机构：武汉市东西湖区吴家山法律服务所

经查，当事人在代理⟨N:刘桂芳⟩诉⟨N:陈志华⟩民间借贷纠纷一案中，私自收取委托人⟨N:刘桂芳⟩代理费8,000元，未出具收费票据，也未交由所在法律服务所统一收取。2026年1月19日，⟨N:刘桂芳⟩向本局投诉。本局于1月26日对当事人进行询问，对法律服务所主任⟨N:孔德明⟩进行调查，⟨N:孔德明⟩证实该笔费用未入所账。
当事人的行为违反了《基层法律服务工作者管理办法》第三十五条第（五）项的规定。依据该办法第五十五条，本局决定：给予当事人警告，没收违法所得8,000元。
当事人如不服本决定，可在收到本决定书之日起六十日内向武汉市东西湖区人民政府申请行政复议，或者在六个月内向武汉市东西湖区人民法院提起行政诉讼。

武汉市东西湖区司法局
2026年2月27日""",
        {
            "parties": [
                {
                    "kind": "individual",
                    "name": "钟立新",
                    "id_number": "42011219831107601?",
                    "address": "武汉市东西湖区吴家山街道新城十二路金银湖花园3栋1单元902",
                    "phone": "",
                    "legal_representative": "",
                },
            ],
            "persons": {
                "complainant": ["刘桂芳"],
                "interviewee": ["钟立新", "孔德明"],
            },
        },
    ),
    (
        "h15-28",
        "dongxihu-sfj",
        """东西湖区司法局行政处罚信息公示
案件名称：武汉市东西湖区吴家山法律服务所⟨N:钟立新⟩违规收费案
处罚决定书文号：东司罚〔2026〕1号
违法事实：私自收取委托人代理费
处罚依据：《基层法律服务工作者管理办法》第五十五条
处罚种类：警告；没收违法所得
处罚决定日期：2026年2月27日
处罚机关：武汉市东西湖区司法局""",
        {
            "parties": [
                {
                    "kind": "individual",
                    "name": "钟立新",
                    "id_number": "42011219831107601?",
                    "address": "武汉市东西湖区吴家山街道新城十二路金银湖花园3栋1单元902",
                    "phone": "",
                    "legal_representative": "",
                },
            ],
            "persons": {},
        },
    ),
    (
        "h15-29",
        "dongxihu-sfj",
        """武汉市东西湖区司法局
关于对⟨N:邓红霞⟩投诉事项的答复
⟨N:邓女士⟩：
你于2026年4月2日来信反映湖北金汉律师事务所律师⟨N:黎继光⟩在代理你与武汉金港物流有限公司劳动争议案件时，未按约定出庭。经调查，该律师因法院变更开庭时间，已提前告知你本人并获书面同意，你于2026年3月20日在《开庭时间变更确认单》上签字。你反映的问题与事实不符，本局决定不予立案。
如对答复不服，可在收到本答复之日起六十日内申请行政复议。
联系地址：⟨A:武汉市东西湖区走马岭街道汇通大道9号金港新村6-2-301⟩（收件人：⟨N:邓红霞⟩，电话⟨P:13971538062⟩）

武汉市东西湖区司法局
2026年4月30日""",
        {
            "parties": [],
            "persons": {"complainant": ["邓红霞"], "recipient": ["邓红霞"]},
        },
    ),
    (
        "h15-30",
        "dongxihu-sfj",
        """东西湖区司法局2026年第一季度行政检查结果公示
一、检查对象：湖北汉江司法鉴定所。检查结果：鉴定档案管理规范，未发现问题。
二、检查对象：武汉市东西湖区慈惠法律服务所。检查结果：收费公示牌未更新，已当场整改。
三、检查对象：湖北金汉律师事务所。检查结果：未发现问题。
检查人员：马骏、付佩、吴俊杰""",
        {"parties": [], "persons": {}},
    ),
    (
        "h15-31",
        "dongxihu-sfj",
        """听证告知书
东司听告〔2026〕2号

湖北汉江司法鉴定所：
本局拟对你所作出警告并停止从事司法鉴定业务三个月的行政处罚。事实为：你所鉴定人⟨N:上官卫东⟩、⟨N:沈红⟩在对⟨N:罗志勇⟩伤残等级鉴定中未亲自进行检验，鉴定意见书由助理人员⟨N:谭蕊⟩完成。根据《中华人民共和国行政处罚法》第六十三条、第六十四条，你所有权要求举行听证。如要求听证，应当在收到本告知书之日起五日内向本局提出，逾期视为放弃。
你所负责人⟨N:何建勋⟩于2026年5月8日签收本告知书。

武汉市东西湖区司法局
2026年5月7日""",
        {
            "parties": [
                {
                    "kind": "organization",
                    "name": "湖北汉江司法鉴定所",
                    "id_number": "",
                    "address": "",
                    "phone": "",
                    "legal_representative": "何建勋",
                },
            ],
            "persons": {"recipient": ["何建勋"]},
        },
    ),
    (
        "h15-32",
        "wuhan-rsj",
        """武汉市人力资源和社会保障局
查封（扣押）决定书
武人社监强〔2026〕1号

当事人：武汉天禾园林工程有限公司
法定代表人：⟨N:黄桂英⟩
住所：武汉市蔡甸区蔡甸街道汉阳大街新农村办公楼2楼

因你单位拖欠⟨N:张启明⟩等32名劳动者工资且法定代表人下落不明，为防止财产转移，依据《保障农民工工资支付条例》相关规定及《中华人民共和国行政强制法》第二十四条，本局决定对你单位存放于蔡甸区奓山街道苗圃基地的苗木及工程机械予以查封，期限三十日。
查封现场在场人：奓山街道星光村村委会主任⟨N:万国春⟩、你单位会计⟨N:饶琴⟩。现场清单由⟨N:饶琴⟩签收。
劳动者代表⟨N:张启明⟩（电话⟨P:18971026543⟩）已于2026年5月14日向本局举报该单位转移苗木情况。

武汉市人力资源和社会保障局
2026年5月16日""",
        {
            "parties": [
                {
                    "kind": "organization",
                    "name": "武汉天禾园林工程有限公司",
                    "id_number": "",
                    "address": "武汉市蔡甸区蔡甸街道汉阳大街新农村办公楼2楼",
                    "phone": "",
                    "legal_representative": "黄桂英",
                },
            ],
            "persons": {
                "witness": ["万国春", "饶琴"],
                "recipient": ["饶琴"],
                "complainant": ["张启明"],
            },
        },
    ),
    (
        "h15-33",
        "qiaokou-rzj",
        """欠薪清偿情况确认表（随案公开，已作必要处理）
案号：硚人资监〔2026〕案字第27号
用人单位：武汉市硚口区宝丰装饰工程有限公司
清偿方式：银行代发
姓名：⟨N:聂春林⟩    开户行：中国农业银行武汉宝丰路支行    账号：⟨B:622848001823456701?⟩    金额：9,800元
姓名：⟨N:吴小燕⟩    开户行：中国建设银行武汉汉西路支行    账号：⟨B:621700286004312987?⟩    金额：7,450元
姓名：⟨N:桂新华⟩    开户行：湖北农信硚口支行    账号：⟨B:62310201004158823?⟩    金额：11,200元
投诉人⟨N:聂春林⟩于2026年6月3日在本表签字确认收到全部款项。
经办人：谢丹""",
        {
            "parties": [
                {
                    "kind": "organization",
                    "name": "武汉市硚口区宝丰装饰工程有限公司",
                    "id_number": "",
                    "address": "",
                    "phone": "",
                    "legal_representative": "",
                },
            ],
            "persons": {"complainant": ["聂春林"]},
        },
    ),
    (
        "h15-34",
        "dongxihu-sfj",
        """武汉市东西湖区法律援助中心
给予法律援助决定书
东司援〔2026〕58号

受援人：⟨N:阿依古丽·买买提⟩，女，维吾尔族，1994年出生
身份证号：⟨I:65290119940407182?⟩
住址：⟨A:武汉市东西湖区金银湖街道金山大道1号新华家园23栋2单元1704室⟩
联系方式：⟨P:17786039251⟩，电子邮箱⟨C:ayguli_m94@163.com⟩

你于2026年5月11日申请法律援助，请求为你与武汉东方雨虹物流有限公司追索劳动报酬纠纷提供代理。经审查，你名下无不动产，你原登记的⟨H:鄂(2021)武汉市东西湖不动产权第0031876号⟩房产已于2025年因离婚析产归前夫⟨N:杨浩⟩所有，你目前无固定收入，符合《中华人民共和国法律援助法》第三十一条、第四十一条规定的条件，本中心决定给予法律援助，指派湖北金汉律师事务所律师周斌承办。

武汉市东西湖区法律援助中心
2026年5月18日""",
        {
            "parties": [
                {
                    "kind": "individual",
                    "name": "阿依古丽·买买提",
                    "id_number": "65290119940407182?",
                    "address": "武汉市东西湖区金银湖街道金山大道1号新华家园23栋2单元1704室",
                    "phone": "17786039251",
                    "legal_representative": "",
                },
            ],
            "persons": {},
        },
    ),
    (
        "h15-35",
        "wuhan-kjj",
        """举报处理结果告知
⟨N:鲁红梅⟩：
你于2026年6月1日通过电子邮件（⟨C:luhongmei1982@qq.com⟩）举报武汉江城精科仪器有限公司在高新技术企业认定申报中虚报研发人员一事，本局已会同有关部门核查。经查，该公司申报材料中列为研发人员的⟨N:肖建平⟩、⟨N:朱莉⟩二人实为销售岗位，但剔除后科技人员占比仍为11.3%，不影响认定条件。本局已责令该公司更正申报材料。
特此告知。
武汉市科学技术局高新技术处
2026年6月22日""",
        {
            "parties": [
                {
                    "kind": "organization",
                    "name": "武汉江城精科仪器有限公司",
                    "id_number": "",
                    "address": "",
                    "phone": "",
                    "legal_representative": "",
                },
            ],
            "persons": {"complainant": ["鲁红梅"]},
        },
    ),
    (
        "h15-36",
        "liuzhou-kjj",
        """柳州市科学技术局
行政处罚决定书
柳科罚〔2026〕1号

当事人：⟨N:黄德林⟩，男，壮族，1975年8月出生
身份证号：⟨I:45020319750826351?⟩
住址：⟨A:柳州市鱼峰区箭盘山路6号箭盘山小区12栋3单元401⟩
联系电话：⟨P:13978016624⟩  QQ：⟨C:382716054⟩

经查，当事人以其控制的柳州市宏科技术咨询服务部名义，在2025年柳州市科技创新券兑付申请中伪造服务合同和发票，骗取创新券补助资金4.5万元。当事人的妻子⟨N:梁小玲⟩为该服务部登记的出纳。2026年4月21日，本局对当事人进行询问，当事人承认合同系自行打印，“图个方便”。证人⟨N:莫桂兰⟩（柳州鑫源机电有限公司办公室主任）证实该公司从未接受过相关服务。
依据《柳州市科技创新券管理办法》第二十条，本局决定：追回补助资金4.5万元，并处罚款2万元。
如不服本决定，可在六十日内向柳州市人民政府申请行政复议，或者在六个月内向柳州市城中区人民法院提起行政诉讼。

柳州市科学技术局
2026年5月15日""",
        {
            "parties": [
                {
                    "kind": "individual",
                    "name": "黄德林",
                    "id_number": "45020319750826351?",
                    "address": "柳州市鱼峰区箭盘山路6号箭盘山小区12栋3单元401",
                    "phone": "13978016624",
                    "legal_representative": "",
                },
            ],
            "persons": {"witness": ["莫桂兰"]},
        },
    ),
]
