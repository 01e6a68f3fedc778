# ruff: noqa: E501
"""Held-out redaction set 14: marked decision texts with the case record each came from.

Written 2026-11-23 (about 20:30-21:00 UTC) by an independent author (a session-5 helper writing
in the voice of a newly hired clerk at one of the five agencies), who never opened or ran the
detector, its tests, the bench, its results, git history, or any other evalset text. Sources for
wording: the agencies' 三项制度 seeds under /work/shared/seeds/ and the laws under /work/shared/law/.

Rules followed
- Marks as build.py says: ``⟨K:value⟩``; a trailing ``?`` on I/B means "compute the check
  character". Every ID number here is completed by build (all valid); there are no bank numbers
  written wrong on purpose.
- Unmarked (published): officers, 经办人, 审核人, 记录人, the agency's mediators and contact people,
  organisation names, unified social credit codes, organisation premises / registered addresses,
  agency and organisation switchboard numbers (e.g. 027-8xxxxxxx 举报电话).
- Marked: individuals' names in every form (full name, 老X / 小X nicknames, name + 先生/女士, foreign
  names in Latin letters or transliterated), resident ID numbers, personal mobiles and home
  phones, bank accounts, property certificate numbers, home/personal addresses (住址, 现住, 户籍地),
  e-mail / WeChat / QQ of individuals.
- Partially masked values: a name reduced to surname + 某/某某 (张某, 王某某) reveals nothing and is
  unmarked; a name with a given-name character still visible (刘*华) is marked N. A phone is
  unmarked when fewer than 7 of its digits remain visible (139******07) and marked P when 7 or
  more do (186****3927 shows 7: marked). A resident ID number is unmarked when its birth-date
  digits (7-14) are hidden (4201**********078X) and marked I otherwise. An address cut down to a
  district or a nameless place (硚口区某小区) is unmarked; one still naming the building/room is
  marked A.
- Case record: filled by the brief's objective rule after the text was written — individual
  parties, organisation parties' 法定代表人/负责人, people interviewed, witnesses / 在场人,
  complainants / 举报人 / 反映人, informants, 受送达人 / 签收人. People merely mentioned (workers on a
  wage list who did not complain, relatives, lawyers' clients, people quoted) are not in it.
  Party fields hold only what the text shows (the case would hold exactly that); otherwise "".
  h14-30 is a 公示 summary already masked by its writer (张某某): its record holds the party's
  real name and numbers, which therefore do not appear in the text — this is deliberate.
  Likewise in h14-26 the interviewee the text shows as 刘*华 (marked N) is held as 刘春华.

What it probes: wage-arrears and social-insurance decisions with wage lists rendered as lines,
foreign-expert work-permit decisions (Latin and transliterated names), 柳州 science-project
fund recovery, 东西湖 lawyer / 基层法律服务工作者 / mediation / notary matters (one property
certificate number), short 公示 lines,
organisation-only texts, names that are common words (高峰, 王平安, 金色), compound surnames
(欧阳, 司马, 上官), minority names (阿依古丽·买买提, 韦秀英, 覃), and names opening a sentence.
"""

from __future__ import annotations

HELDOUT14: list[tuple[str, str, str, dict[str, object]]] = [
    (
        "h14-01",
        "wuhan-rsj",
        """武汉市人力资源和社会保障局
行政处罚决定书
武人社监罚〔2026〕17号

当事人：武汉恒達建筑劳务有限公司
统一社会信用代码：91420103MA4K2L7X5R
法定代表人：⟨N:邹国强⟩
住所：武汉市江岸区解放大道1266号新华大厦9层

经查，你单位承接汉口北某商业综合体项目劳务分包，自2025年10月起拖欠⟨N:李春生⟩、⟨N:何小兵⟩、⟨N:冉德福⟩等23名农民工工资共计人民币41.6万元。本局于2026年3月9日向你单位送达《劳动保障监察限期改正指令书》，责令你单位于2026年3月19日前支付上述工资，你单位逾期未改正。

上述事实有举报人⟨N:冉德福⟩的举报材料、对你单位项目负责人⟨N:陶文杰⟩的询问笔录、工资发放表、考勤表等证据证实。

依据《保障农民工工资支付条例》第五十四条，本局决定对你单位处以罚款人民币伍万元整。

请你单位自收到本决定书之日起十五日内，到指定银行缴纳罚款。逾期不缴纳的，每日按罚款数额的百分之三加处罚款。

如不服本决定，可在收到本决定书之日起六十日内向武汉市人民政府申请行政复议，或者在六个月内向人民法院提起行政诉讼。

执法人员：陈志远、刘静
武汉市人力资源和社会保障局
2026年4月2日""",
        {
            "parties": [
                {
                    "kind": "organization",
                    "name": "武汉恒達建筑劳务有限公司",
                    "id_number": "91420103MA4K2L7X5R",
                    "address": "",
                    "phone": "",
                    "legal_representative": "邹国强",
                }
            ],
            "persons": {"complainant": ["冉德福"], "interviewee": ["陶文杰"]},
        },
    ),
    (
        "h14-02",
        "wuhan-rsj",
        """行政处罚决定书（简易程序）
当事人：⟨N:欧阳秋萍⟩，女，身份证号⟨I:42010619850317442?⟩，住⟨A:武汉市武昌区中北路108号3栋2单元1102室⟩，联系电话⟨P:13871556204⟩。
违法事实：当事人以个人名义在武昌区某写字楼内开展职业中介活动，未取得人力资源服务许可证。
处罚依据：《人力资源市场暂行条例》第四十二条。
处罚决定：罚款人民币壹万元。
执法人员：王晓东 证号42010023；张蕾 证号42010031
当事人签名：⟨N:欧阳秋萍⟩ 2026年5月11日""",
        {
            "parties": [
                {
                    "kind": "individual",
                    "name": "欧阳秋萍",
                    "id_number": "42010619850317442?",
                    "address": "武汉市武昌区中北路108号3栋2单元1102室",
                    "phone": "13871556204",
                    "legal_representative": "",
                }
            ],
            "persons": {"recipient": ["欧阳秋萍"]},
        },
    ),
    (
        "h14-03",
        "wuhan-rsj",
        """关于准予武汉才聚人力资源服务有限公司人力资源服务许可的决定
武人社许〔2026〕第058号

武汉才聚人力资源服务有限公司：
你公司于2026年6月3日提出的人力资源服务许可申请，经审查，符合《人力资源市场暂行条例》第十八条规定的条件，本局决定准予许可，许可服务范围为：为劳动者介绍用人单位、为用人单位推荐劳动者、开展人力资源供求信息的收集和发布。许可证有效期五年。

经办人：胡敏 联系电话：027-85678341
武汉市人力资源和社会保障局
2026年6月17日""",
        {
            "parties": [
                {
                    "kind": "organization",
                    "name": "武汉才聚人力资源服务有限公司",
                    "id_number": "",
                    "address": "",
                    "phone": "",
                    "legal_representative": "",
                }
            ],
            "persons": {},
        },
    ),
    (
        "h14-04",
        "wuhan-rsj",
        """投诉处理告知书

⟨N:高峰⟩先生：
你于2026年7月8日投诉武汉鑫源餐饮管理有限公司拖欠2026年5月至6月工资一事，本局已受理并调查。经查，该公司已于7月21日通过银行转账向你支付工资8640元（收款账户⟨B:621700286000452183?⟩），你在询问笔录中确认已收到。本局对该投诉作结案处理。

另，你反映的你妻子⟨N:金色⟩被该公司扣押身份证一事，因未提供相关证据，本局已告知你可另行提供线索。

如对处理结果有异议，可依法申请行政复议或提起行政诉讼。

承办人：郑可 027-85896650
武汉市劳动保障监察支队
2026年7月25日""",
        {
            "parties": [
                {
                    "kind": "organization",
                    "name": "武汉鑫源餐饮管理有限公司",
                    "id_number": "",
                    "address": "",
                    "phone": "",
                    "legal_representative": "",
                }
            ],
            "persons": {"complainant": ["高峰"], "interviewee": ["高峰"], "recipient": ["高峰"]},
        },
    ),
    (
        "h14-05",
        "wuhan-rsj",
        """劳动保障监察责令改正决定书
武人社监改〔2026〕41号

用人单位：武汉长江智造电子科技有限公司
地址：武汉市东湖新技术开发区高新大道999号
负责人：⟨N:司马晓光⟩（总经理）

本局于2026年8月12日对你单位进行劳动保障专项检查。检查时你单位人事主管⟨N:龚丽⟩在场并接受询问。经查，你单位存在以下问题：
一、未与下列劳动者签订书面劳动合同：
姓名：⟨N:韦秀英⟩  岗位：装配工  入职日期：2026年3月2日
姓名：⟨N:覃海⟩  岗位：质检员  入职日期：2026年4月15日
姓名：⟨N:王平安⟩  岗位：仓管员  入职日期：2026年5月6日
二、未按规定为上述人员缴纳社会保险费。

根据《劳动保障监察条例》第十八条、第二十七条，责令你单位于2026年9月12日前改正，并将改正情况书面报送本局。

执法人员：刘静、范小川
2026年8月20日""",
        {
            "parties": [
                {
                    "kind": "organization",
                    "name": "武汉长江智造电子科技有限公司",
                    "id_number": "",
                    "address": "",
                    "phone": "",
                    "legal_representative": "司马晓光",
                }
            ],
            "persons": {"interviewee": ["龚丽"], "witness": ["龚丽"]},
        },
    ),
    (
        "h14-06",
        "wuhan-rsj",
        """行政处罚结果公示：武汉市江汉区佳美家政服务部（经营者⟨N:程永红⟩），未在规定期限内办理人力资源服务备案，被处以警告。决定文号：武人社罚〔2026〕22号，决定日期：2026年9月3日。""",
        {
            "parties": [
                {
                    "kind": "organization",
                    "name": "武汉市江汉区佳美家政服务部",
                    "id_number": "",
                    "address": "",
                    "phone": "",
                    "legal_representative": "程永红",
                }
            ],
            "persons": {},
        },
    ),
    (
        "h14-07",
        "wuhan-rsj",
        """社会保险基金追回决定书

⟨N:阿依古丽·买买提⟩：
身份证号码：⟨I:65010219790812262?⟩
现住址：⟨A:武汉市洪山区珞狮南路147号南湖花园12栋503室⟩

经查，你在2024年1月至2025年12月领取失业保险金期间已在武汉某物流公司就业，冒领失业保险金共计人民币3.42万元。经本局工作人员于2026年9月10日对你进行询问，你对上述事实无异议。你丈夫⟨N:艾力·吐尔逊⟩当日陪同到场并在笔录上签字见证。

依据《社会保险法》第八十八条，本局责令你于2026年10月15日前退回冒领的失业保险金，退款账户为武汉市社会保险基金专户。

武汉市人力资源和社会保障局
2026年9月18日""",
        {
            "parties": [
                {
                    "kind": "individual",
                    "name": "阿依古丽·买买提",
                    "id_number": "65010219790812262?",
                    "address": "武汉市洪山区珞狮南路147号南湖花园12栋503室",
                    "phone": "",
                    "legal_representative": "",
                }
            ],
            "persons": {"interviewee": ["阿依古丽·买买提"], "witness": ["艾力·吐尔逊"]},
        },
    ),
    (
        "h14-08",
        "qiaokou-rzj",
        """硚口区人力资源局
劳动保障监察限期改正指令书
硚人资监令〔2026〕9号

武汉汉正街福满楼服装有限公司：
经调查，你单位拖欠下列员工2026年6月、7月工资：
1. ⟨N:周丽华⟩ 身份证号⟨I:42010419920506152?⟩ 应发6200元
2. ⟨N:黄春燕⟩ 身份证号⟨I:42011719881123384?⟩ 应发5800元
3. ⟨N:刘亮⟩ 身份证号⟨I:42900119950209081?⟩ 应发5450元
以上事实有投诉人⟨N:周丽华⟩的投诉材料及你单位出纳⟨N:柯美玲⟩的询问笔录为证。
限你单位于2026年8月30日前支付上述工资。逾期不改正的，本局将依法处理。

签收人：⟨N:柯美玲⟩
执法人员：孙建华、罗琴
2026年8月22日""",
        {
            "parties": [
                {
                    "kind": "organization",
                    "name": "武汉汉正街福满楼服装有限公司",
                    "id_number": "",
                    "address": "",
                    "phone": "",
                    "legal_representative": "",
                }
            ],
            "persons": {
                "complainant": ["周丽华"],
                "interviewee": ["柯美玲"],
                "recipient": ["柯美玲"],
            },
        },
    ),
    (
        "h14-09",
        "qiaokou-rzj",
        """关于⟨N:上官婷⟩投诉事项的处理告知书

⟨N:上官婷⟩女士（电话：⟨P:18627093315⟩）：
你反映的武汉宝丰路某美容店未退还培训押金一事，经核查，该事项属于民事合同纠纷，不属于劳动保障监察管辖范围。建议你通过协商、向消费者权益保护组织投诉或向人民法院起诉等途径解决。

特此告知。
硚口区人力资源局劳动保障监察大队
2026年3月30日""",
        {
            "parties": [],
            "persons": {"complainant": ["上官婷"], "recipient": ["上官婷"]},
        },
    ),
    (
        "h14-10",
        "qiaokou-rzj",
        """调查终结报告（摘要）

一、案件来源
2026年4月2日，⟨N:付建军⟩、⟨N:孟凡⟩等4人到我局反映武汉市硚口区利济北路一处装修工地拖欠工资。

二、调查经过
4月3日，执法人员赵明、许文涛到工地检查，现场负责人⟨N:谭志刚⟩称其受武汉美居装饰工程有限公司委托管理工地，工人工资由公司统一发放。4月7日，执法人员对该公司法定代表人⟨N:闵晓峰⟩进行询问，⟨N:闵晓峰⟩承认因业主拖欠工程款导致未能支付工资。⟨N:谭志刚⟩提供的考勤记录显示，除反映人外，⟨N:吴国庆⟩、⟨N:杨帆⟩两人亦被拖欠工资。

三、处理意见
建议向该公司下达限期改正指令书，责令其于4月20日前支付⟨N:付建军⟩等6人工资共计7.8万元。

承办人：赵明
审核人：许文涛
2026年4月9日""",
        {
            "parties": [
                {
                    "kind": "organization",
                    "name": "武汉美居装饰工程有限公司",
                    "id_number": "",
                    "address": "",
                    "phone": "",
                    "legal_representative": "闵晓峰",
                }
            ],
            "persons": {
                "complainant": ["付建军", "孟凡"],
                "interviewee": ["谭志刚", "闵晓峰"],
            },
        },
    ),
    (
        "h14-11",
        "qiaokou-rzj",
        """行政处罚决定书
硚人资罚〔2026〕5号

当事人：⟨N:鲁志斌⟩（个体工商户“鲁记热干面馆”经营者）
性别：男  出生日期：1981年9月14日
公民身份号码：⟨I:42010419810914003?⟩
住址：⟨A:武汉市硚口区解放大道372号附3号⟩
联系电话：⟨P:027-83790261⟩

经查，你于2026年1月招用未满十六周岁的未成年人⟨N:小杨⟩（2010年出生）在店内从事洗碗工作，时间达2个月。上述事实有你的陈述笔录、证人⟨N:朱红梅⟩（邻店经营者）的证言等证据证实。

依据《禁止使用童工规定》第六条，本局决定对你处以罚款人民币壹万元。

你有权在收到本决定书之日起六十日内申请行政复议，或者六个月内提起行政诉讼。

硚口区人力资源局
2026年3月4日""",
        {
            "parties": [
                {
                    "kind": "individual",
                    "name": "鲁志斌",
                    "id_number": "42010419810914003?",
                    "address": "武汉市硚口区解放大道372号附3号",
                    "phone": "027-83790261",
                    "legal_representative": "",
                }
            ],
            "persons": {"interviewee": ["鲁志斌"], "witness": ["朱红梅"]},
        },
    ),
    (
        "h14-12",
        "qiaokou-rzj",
        """劳动保障书面审查结果通知
武汉硚口区荣华物业服务有限公司：
你单位报送的2025年度劳动保障书面审查材料已审查完毕。经审查，你单位劳动合同签订率、社会保险参保率符合规定，未发现违法行为，审查结果为A级。
硚口区人力资源局
2026年5月20日""",
        {
            "parties": [
                {
                    "kind": "organization",
                    "name": "武汉硚口区荣华物业服务有限公司",
                    "id_number": "",
                    "address": "",
                    "phone": "",
                    "legal_representative": "",
                }
            ],
            "persons": {},
        },
    ),
    (
        "h14-13",
        "qiaokou-rzj",
        """不予行政处罚决定书
硚人资不罚〔2026〕3号

当事人：武汉启明教育咨询有限公司
法定代表人：⟨N:段文清⟩
统一社会信用代码：91420104MA49R3KT2D

经查，你公司2026年2月未按时足额支付员工⟨N:蔡子涵⟩、⟨N:马骏⟩工资合计9100元，在本局立案调查后即于3月5日全额补发，未造成危害后果，且系首次违法。投诉人⟨N:蔡子涵⟩（联系电话⟨P:186****3927⟩）于3月6日出具情况说明，确认工资已到账。

依据《行政处罚法》第三十三条第一款，本局决定对你公司不予行政处罚。

硚口区人力资源局
2026年3月15日""",
        {
            "parties": [
                {
                    "kind": "organization",
                    "name": "武汉启明教育咨询有限公司",
                    "id_number": "91420104MA49R3KT2D",
                    "address": "",
                    "phone": "",
                    "legal_representative": "段文清",
                }
            ],
            "persons": {"complainant": ["蔡子涵"]},
        },
    ),
    (
        "h14-14",
        "qiaokou-rzj",
        """送达回证
送达文书：硚人资监令〔2026〕14号 劳动保障监察限期改正指令书
受送达人：武汉众联搬家服务有限公司
送达地点：武汉市硚口区古田二路86号
送达方式：直接送达
收件人签名：⟨N:吕晨⟩（公司行政）  联系方式：⟨P:15927318840⟩
见证人：⟨N:包爱华⟩（社区网格员）
送达人：罗琴、孙建华
2026年6月9日""",
        {
            "parties": [
                {
                    "kind": "organization",
                    "name": "武汉众联搬家服务有限公司",
                    "id_number": "",
                    "address": "",
                    "phone": "",
                    "legal_representative": "",
                }
            ],
            "persons": {"recipient": ["吕晨"], "witness": ["包爱华"]},
        },
    ),
    (
        "h14-15",
        "wuhan-kjj",
        """外国人工作许可决定书
武科许〔2026〕外字第0312号

申请单位：武汉光谷生物医药研究院有限公司
申请人：⟨N:Michael Anderson⟩（⟨N:迈克尔·安德森⟩），美国籍
经审查，申请人符合外国高端人才（A类）条件，根据《外国人入境就业管理规定》，本局决定准予其来华工作许可，工作岗位为首席科学家，许可期限至2028年9月30日。

申请单位联系人：⟨N:叶思远⟩ ⟨P:13995602718⟩ ⟨C:yesiyuan@gbmri.cn⟩
武汉市科学技术局（武汉市外国专家局）
2026年10月8日""",
        {
            "parties": [
                {
                    "kind": "individual",
                    "name": "Michael Anderson",
                    "id_number": "",
                    "address": "",
                    "phone": "",
                    "legal_representative": "",
                },
                {
                    "kind": "organization",
                    "name": "武汉光谷生物医药研究院有限公司",
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
        "h14-16",
        "wuhan-kjj",
        """不予行政许可决定书

武汉英睿外语培训学校有限公司：
你单位为⟨N:Emily Carter⟩申请外国人来华工作许可（B类）。经审查，申请人提交的学历证书经核查系伪造，不符合《外国人来华工作许可服务指南（暂行）》规定的条件。根据《行政许可法》第三十八条第二款，本局决定不予许可。

你单位经办人⟨N:潘蕾⟩于2026年5月14日接受询问时称材料由申请人本人提供。

如不服本决定，可自收到本决定书之日起六十日内申请行政复议，或六个月内提起行政诉讼。

武汉市科学技术局
2026年5月28日""",
        {
            "parties": [
                {
                    "kind": "organization",
                    "name": "武汉英睿外语培训学校有限公司",
                    "id_number": "",
                    "address": "",
                    "phone": "",
                    "legal_representative": "",
                },
                {
                    "kind": "individual",
                    "name": "Emily Carter",
                    "id_number": "",
                    "address": "",
                    "phone": "",
                    "legal_representative": "",
                },
            ],
            "persons": {"interviewee": ["潘蕾"]},
        },
    ),
    (
        "h14-17",
        "wuhan-kjj",
        """撤销行政许可决定书
武科撤〔2026〕2号

被许可人：⟨N:Kim Min-jun⟩（⟨N:金敏俊⟩），韩国籍
聘用单位：武汉汉韩文化交流有限公司（法定代表人：⟨N:朴成浩⟩）

经查，被许可人已于2026年4月与聘用单位解除劳动合同，聘用单位未在规定时限内申请注销其外国人工作许可。经本局书面通知，聘用单位法定代表人⟨N:朴成浩⟩到局说明情况。依据《行政许可法》第七十条，本局决定注销被许可人的外国人工作许可证（证号略）。

联系人：杜伟 027-85733521
武汉市科学技术局
2026年7月1日""",
        {
            "parties": [
                {
                    "kind": "individual",
                    "name": "Kim Min-jun",
                    "id_number": "",
                    "address": "",
                    "phone": "",
                    "legal_representative": "",
                },
                {
                    "kind": "organization",
                    "name": "武汉汉韩文化交流有限公司",
                    "id_number": "",
                    "address": "",
                    "phone": "",
                    "legal_representative": "朴成浩",
                },
            ],
            "persons": {"interviewee": ["朴成浩"]},
        },
    ),
    (
        "h14-18",
        "wuhan-kjj",
        """行政检查结果公示
检查对象：武汉智芯半导体有限公司
检查事项：外国人来华工作许可事中事后监管
检查结果：未发现问题
检查人员：杜伟、林晓
检查日期：2026年8月26日""",
        {
            "parties": [
                {
                    "kind": "organization",
                    "name": "武汉智芯半导体有限公司",
                    "id_number": "",
                    "address": "",
                    "phone": "",
                    "legal_representative": "",
                }
            ],
            "persons": {},
        },
    ),
    (
        "h14-19",
        "wuhan-kjj",
        """行政处罚决定书
武科罚〔2026〕1号

当事人：武汉蓝海国际教育科技有限公司
统一社会信用代码：91420100MA4F7N8Q1C
法定代表人：⟨N:姚静怡⟩
地址：武汉市江汉区建设大道568号新世界国贸大厦I座35层

2026年3月，本局接到举报，反映你公司聘用外籍人员⟨N:Olivier Martin⟩在未取得工作许可的情况下从事英语教学工作。举报人⟨N:石磊⟩提供了课程表及教学视频。本局执法人员于3月18日到你公司检查，你公司教务主管⟨N:陆婉清⟩在场，并对⟨N:Olivier Martin⟩进行了询问，其承认自2025年11月起在你公司授课。

上述行为违反了《出境入境管理法》第四十三条。依据该法第八十条第三款，本局移送公安机关处理，并依据相关规定将你公司列入重点监管名单。

武汉市科学技术局
2026年4月12日""",
        {
            "parties": [
                {
                    "kind": "organization",
                    "name": "武汉蓝海国际教育科技有限公司",
                    "id_number": "91420100MA4F7N8Q1C",
                    "address": "",
                    "phone": "",
                    "legal_representative": "姚静怡",
                }
            ],
            "persons": {
                "complainant": ["石磊"],
                "witness": ["陆婉清"],
                "interviewee": ["Olivier Martin"],
            },
        },
    ),
    (
        "h14-20",
        "wuhan-kjj",
        """变更行政许可决定
武汉东湖未来能源研究院有限公司：
你单位申请将外籍人员⟨N:Tanaka Hiroshi⟩（⟨N:田中浩⟩）的工作许可岗位由“高级工程师”变更为“研发总监”，经审查符合规定，本局准予变更。原许可期限不变。
武汉市科学技术局 2026年9月22日""",
        {
            "parties": [
                {
                    "kind": "organization",
                    "name": "武汉东湖未来能源研究院有限公司",
                    "id_number": "",
                    "address": "",
                    "phone": "",
                    "legal_representative": "",
                },
                {
                    "kind": "individual",
                    "name": "Tanaka Hiroshi",
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
        "h14-21",
        "liuzhou-kjj",
        """柳州市科学技术局
关于追回柳州市科技计划项目资金的决定
柳科决〔2026〕6号

项目承担单位：柳州市凯达汽车零部件有限公司
项目负责人：⟨N:韦建宁⟩
联系电话：⟨P:13807726519⟩

你单位承担的“新能源汽车轻量化底盘构件研发”项目（编号2023AB01015）于2026年3月进行结题验收。经专家组审查及本局核查，项目未完成合同约定的主要考核指标，且存在将项目资金3.6万元用于支付项目负责人亲属⟨N:韦小燕⟩个人消费的情况。本局工作人员于2026年4月10日与项目负责人⟨N:韦建宁⟩、财务人员⟨N:梁秀芬⟩进行了谈话。

依据《柳州市科技计划项目管理办法》，本局决定：一、项目不予通过验收；二、追回已拨付财政资金20万元；三、项目负责人三年内不得申报市级科技计划项目。

请你单位于2026年6月30日前将上述资金退回柳州市科学技术局账户。

柳州市科学技术局
2026年5月16日""",
        {
            "parties": [
                {
                    "kind": "organization",
                    "name": "柳州市凯达汽车零部件有限公司",
                    "id_number": "",
                    "address": "",
                    "phone": "",
                    "legal_representative": "",
                }
            ],
            "persons": {"interviewee": ["韦建宁", "梁秀芬"]},
        },
    ),
    (
        "h14-22",
        "liuzhou-kjj",
        """技术合同认定登记不予登记通知书

⟨N:覃丽萍⟩：
你以个人名义申请登记的《螺蛳粉保鲜工艺技术转让合同》（受让方：柳州市鹿寨县某食品厂），经审查，合同标的不具有技术秘密的特征，属于一般商业信息，依据《技术合同认定规则》第十条，不予登记。

通讯地址：⟨A:柳州市城中区三中路38号8栋2单元401号⟩
身份证号：⟨I:45020219870305302?⟩

柳州市技术合同认定登记站
2026年6月3日""",
        {
            "parties": [
                {
                    "kind": "individual",
                    "name": "覃丽萍",
                    "id_number": "45020219870305302?",
                    "address": "柳州市城中区三中路38号8栋2单元401号",
                    "phone": "",
                    "legal_representative": "",
                }
            ],
            "persons": {"recipient": ["覃丽萍"]},
        },
    ),
    (
        "h14-23",
        "liuzhou-kjj",
        """行政检查记录（公示版）
被检查单位：柳州市桂中科技企业孵化器有限公司
检查内容：市级科技企业孵化器年度绩效核查
在场人员：⟨N:莫少华⟩（孵化器运营负责人） 电话：⟨P:13878026415⟩
检查情况：孵化场地面积、在孵企业数量与申报一致；抽查在孵企业3家，其中1家已迁出未及时更新名单。
处理意见：责令30日内更新在孵企业名单并报备。
检查人员：黎明、苏桂兰
2026年7月14日""",
        {
            "parties": [
                {
                    "kind": "organization",
                    "name": "柳州市桂中科技企业孵化器有限公司",
                    "id_number": "",
                    "address": "",
                    "phone": "",
                    "legal_representative": "",
                }
            ],
            "persons": {"witness": ["莫少华"]},
        },
    ),
    (
        "h14-24",
        "liuzhou-kjj",
        """柳州市科学技术局关于撤销2025年度柳州市科技特派员资格的决定

经查，科技特派员⟨N:黄永福⟩（柳州市融安县人）在服务期内未按协议开展技术服务，所服务的融安县金桔种植合作社理事长⟨N:龙德明⟩两次向我局反映其长期不到岗。⟨N:黄永福⟩在接受谈话时表示因个人原因无法履约。根据《柳州市科技特派员管理办法》第二十一条，决定撤销其科技特派员资格，收回已发放的工作补助1.2万元。

送达对象：⟨N:黄永福⟩，住⟨A:柳州市融安县长安镇东兴街27号⟩，电话⟨P:15977213846⟩。

柳州市科学技术局
2026年8月5日""",
        {
            "parties": [
                {
                    "kind": "individual",
                    "name": "黄永福",
                    "id_number": "",
                    "address": "柳州市融安县长安镇东兴街27号",
                    "phone": "15977213846",
                    "legal_representative": "",
                }
            ],
            "persons": {
                "complainant": ["龙德明"],
                "interviewee": ["黄永福"],
                "recipient": ["黄永福"],
            },
        },
    ),
    (
        "h14-25",
        "liuzhou-kjj",
        """准予外国人来华工作许可决定
柳科外许〔2026〕15号
申请单位：上汽通用五菱汽车股份有限公司
外籍人员：⟨N:Rajesh Kumar⟩，印度籍，岗位：电池系统高级工程师
审查结论：符合B类条件，准予许可，期限一年。
柳州市科学技术局 2026年9月9日""",
        {
            "parties": [
                {
                    "kind": "organization",
                    "name": "上汽通用五菱汽车股份有限公司",
                    "id_number": "",
                    "address": "",
                    "phone": "",
                    "legal_representative": "",
                },
                {
                    "kind": "individual",
                    "name": "Rajesh Kumar",
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
        "h14-26",
        "liuzhou-kjj",
        """高新技术企业认定异议核查处理结果
2026年7月，本局收到实名举报，反映柳州市恒信智能装备有限公司在申报高新技术企业时虚报研发人员数量。本局会同市财政局、市税务局进行了核查，询问了该公司研发部经理⟨N:罗建华⟩和人事专员⟨N:刘*华⟩，调取了社保缴纳记录。核查结果：该公司研发人员占比为11.3%，符合不低于10%的要求，举报事项不成立。
已将核查结果书面告知举报人。举报人联系电话139******07。
柳州市科学技术局
2026年9月28日""",
        {
            "parties": [
                {
                    "kind": "organization",
                    "name": "柳州市恒信智能装备有限公司",
                    "id_number": "",
                    "address": "",
                    "phone": "",
                    "legal_representative": "",
                }
            ],
            "persons": {"interviewee": ["罗建华", "刘春华"]},
        },
    ),
    (
        "h14-27",
        "dongxihu-sfj",
        """东西湖区司法局
行政处罚决定书
东司罚〔2026〕3号

当事人：⟨N:汪德胜⟩，男，1968年4月出生，汉族
身份证号：⟨I:42011219680422151?⟩
住所：⟨A:武汉市东西湖区吴家山街七雄路52号金银湖小区6栋301室⟩
执业证号：34201000120119（基层法律服务工作者）
执业机构：武汉市东西湖区吴家山法律服务所

经查，2025年9月至12月，你在代理⟨N:柏小龙⟩与⟨N:任春梅⟩民间借贷纠纷一案中，违反规定私自收取委托人⟨N:柏小龙⟩代理费8000元未出具票据、未交所在法律服务所统一收取。委托人⟨N:柏小龙⟩于2026年1月向我局投诉。我局于2026年2月6日对你进行了询问，你对上述事实供认不讳；你所在法律服务所主任⟨N:陈国平⟩亦接受了调查。

依据《基层法律服务工作者管理办法》第四十九条，我局决定：给予你警告，没收违法所得8000元。

你如不服本决定，可在收到本决定书之日起六十日内向东西湖区人民政府申请行政复议，也可在六个月内直接向人民法院提起行政诉讼。

东西湖区司法局
2026年3月10日""",
        {
            "parties": [
                {
                    "kind": "individual",
                    "name": "汪德胜",
                    "id_number": "42011219680422151?",
                    "address": "武汉市东西湖区吴家山街七雄路52号金银湖小区6栋301室",
                    "phone": "",
                    "legal_representative": "",
                }
            ],
            "persons": {
                "complainant": ["柏小龙"],
                "interviewee": ["汪德胜", "陈国平"],
            },
        },
    ),
    (
        "h14-28",
        "dongxihu-sfj",
        """听证告知书
东司听告〔2026〕1号

⟨N:范志勇⟩律师：
你涉嫌在代理案件中向对方当事人⟨N:郝建新⟩泄露委托人⟨N:曹敏⟩的个人信息一案，我局拟对你作出停止执业三个月的行政处罚。根据《行政处罚法》第六十三条、第六十四条，你有权要求听证。如要求听证，应当在收到本告知书之日起五日内向我局提出。逾期视为放弃。

联系人：彭慧 联系电话：027-83891150
地址：武汉市东西湖区吴家山七雄路18号东西湖区司法局

受送达人（签名）：⟨N:范志勇⟩
2026年4月21日""",
        {
            "parties": [
                {
                    "kind": "individual",
                    "name": "范志勇",
                    "id_number": "",
                    "address": "",
                    "phone": "",
                    "legal_representative": "",
                }
            ],
            "persons": {"recipient": ["范志勇"]},
        },
    ),
    (
        "h14-29",
        "dongxihu-sfj",
        """人民调解协议履行情况回访记录（公开摘要）
调解组织：东西湖区将军路街道人民调解委员会
调解员：宋玉兰
纠纷双方：⟨N:熊长江⟩（甲方，住⟨A:东西湖区将军路街宏图大道1号城北小区3栋4楼⟩，电话⟨P:13554126387⟩）与⟨N:邵金花⟩（乙方）
纠纷事由：相邻关系纠纷，甲方装修漏水致乙方房屋受损。
协议内容：甲方赔偿乙方维修费4500元，于2026年5月31日前付清。
回访情况：2026年6月8日电话回访，乙方⟨N:邵金花⟩确认已收到款项；乙方儿子⟨N:邵勇⟩代为签收了回访单。
回访人：宋玉兰""",
        {
            "parties": [
                {
                    "kind": "individual",
                    "name": "熊长江",
                    "id_number": "",
                    "address": "东西湖区将军路街宏图大道1号城北小区3栋4楼",
                    "phone": "13554126387",
                    "legal_representative": "",
                },
                {
                    "kind": "individual",
                    "name": "邵金花",
                    "id_number": "",
                    "address": "",
                    "phone": "",
                    "legal_representative": "",
                },
            ],
            "persons": {"recipient": ["邵勇"]},
        },
    ),
    (
        "h14-30",
        "dongxihu-sfj",
        """行政处罚信息公示
行政相对人名称：张某某
证件号码：4201**********078X
处罚事由：基层法律服务工作者以律师名义执业
处罚依据：《基层法律服务工作者管理办法》第四十九条
处罚结果：警告
处罚机关：东西湖区司法局
处罚日期：2026年5月19日""",
        {
            "parties": [
                {
                    "kind": "individual",
                    "name": "张晓霞",
                    "id_number": "42011219900218078?",
                    "address": "",
                    "phone": "",
                    "legal_representative": "",
                }
            ],
            "persons": {},
        },
    ),
    (
        "h14-31",
        "dongxihu-sfj",
        """法律援助不予援助决定书

申请人：⟨N:贺文斌⟩，男，身份证号码⟨I:42220219730611573?⟩，住⟨A:武汉市东西湖区径河街道三秀路新村17号⟩，手机⟨P:18162620473⟩，微信号⟨C:hwb_1973⟩。
申请事项：与武汉某建材公司劳动报酬纠纷。
经审查，申请人家庭成员（妻子⟨N:陶莉⟩、儿子⟨N:贺晨阳⟩）月人均收入高于本市法律援助经济困难标准，且所提出事项不属于可免予经济困难审查的情形。根据《法律援助法》第四十一条、第四十三条，决定不予法律援助。
申请人如有异议，可在收到本决定之日起十五日内向东西湖区司法局提出。
东西湖区法律援助中心
2026年7月3日""",
        {
            "parties": [
                {
                    "kind": "individual",
                    "name": "贺文斌",
                    "id_number": "42220219730611573?",
                    "address": "武汉市东西湖区径河街道三秀路新村17号",
                    "phone": "18162620473",
                    "legal_representative": "",
                }
            ],
            "persons": {},
        },
    ),
    (
        "h14-32",
        "dongxihu-sfj",
        """东西湖区司法局关于武汉市东西湖区金湖律师事务所年度检查考核结果的公告
经考核，武汉市东西湖区金湖律师事务所2025年度检查考核结果为“合格”。
东西湖区司法局
2026年6月1日""",
        {
            "parties": [
                {
                    "kind": "organization",
                    "name": "武汉市东西湖区金湖律师事务所",
                    "id_number": "",
                    "address": "",
                    "phone": "",
                    "legal_representative": "",
                }
            ],
            "persons": {},
        },
    ),
    (
        "h14-33",
        "dongxihu-sfj",
        """询问笔录（摘录，附于东司罚〔2026〕7号案卷）
时间：2026年8月14日
地点：东西湖区司法局三楼询问室
询问人：彭慧、谢斌  记录人：谢斌
被询问人：⟨N:聂红霞⟩  性别：女  身份证号：⟨I:42011219820930404?⟩
住址：⟨A:武汉市东西湖区金银湖街金山大道128号碧桂园18栋1单元902⟩
电话：⟨P:13720369185⟩
问：你与你所在的金山法律服务所聘用的⟨N:江涛⟩是什么关系？
答：⟨N:江涛⟩是我表弟，他没有执业证，帮所里接待过当事人。
问：他接待过哪些当事人？
答：记得有个叫⟨N:马兰⟩的阿姨，还有⟨N:老何⟩，全名我不清楚。
（以下略）
被询问人签名：⟨N:聂红霞⟩""",
        {
            "parties": [
                {
                    "kind": "individual",
                    "name": "聂红霞",
                    "id_number": "42011219820930404?",
                    "address": "武汉市东西湖区金银湖街金山大道128号碧桂园18栋1单元902",
                    "phone": "13720369185",
                    "legal_representative": "",
                }
            ],
            "persons": {"interviewee": ["聂红霞"]},
        },
    ),
    (
        "h14-34",
        "dongxihu-sfj",
        """投诉处理答复书
东司投复〔2026〕12号

⟨N:皮晓东⟩：
你于2026年9月2日投诉武汉市东西湖区公证处为你父亲⟨N:皮德华⟩办理的委托书公证存在瑕疵一事，我局已调查完毕。现答复如下：
经查，2025年11月7日，东西湖区公证处为⟨N:皮德华⟩办理了委托⟨N:皮晓梅⟩出售位于⟨A:东西湖区吴家山街环山路15号翠湖苑2栋1503室⟩房屋（不动产权证号：⟨H:鄂(2019)武汉市东西湖不动产权第0038215号⟩）的委托书公证。承办公证员邓卫东在办证时对委托人进行了询问并制作笔录，全程录音录像。我局调取了相关音像资料，并于9月18日询问了⟨N:皮德华⟩本人，其确认系真实意思表示。你反映的公证员未核实委托人精神状况的问题，经查证不属实。

你可在收到本答复之日起六十日内申请行政复议。

联系人：谢斌 027-83891150
东西湖区司法局
2026年9月30日""",
        {
            "parties": [
                {
                    "kind": "organization",
                    "name": "武汉市东西湖区公证处",
                    "id_number": "",
                    "address": "",
                    "phone": "",
                    "legal_representative": "",
                }
            ],
            "persons": {
                "complainant": ["皮晓东"],
                "interviewee": ["皮德华"],
                "recipient": ["皮晓东"],
            },
        },
    ),
]
