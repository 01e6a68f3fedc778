# ruff: noqa: E501
"""HELDOUT13: a held-out redaction set with each text's case record (thirteenth independent author).

Written on 2026-11-23 (20:30–21:05 UTC) by an independent author in the voice of an 执法监督科
staff member at the city justice bureau collecting sample decisions from the five agencies for a
quality review. The author never opened or ran the detector, its tests, its bench or results, nor
any other evalset file (texts.py, dev3.py, heldout*.py, *.json) or any git history; only build.py
(mark format), the seeds, the laws and ``known_of``/``known_from`` were read.

Rules followed:
- Texts were written first, as the documents would read; each record was then derived by the
  brief's rule: an individual party, an organisation party's 法定代表人/负责人, and every person the
  text shows interviewed (询问/谈话/笔录/陈述), as witness/在场人/见证人, complainant/举报人/反映人,
  informant, or as recipient of a served document (受送达人/签收人). People only mentioned (workers
  on a wage list who neither complained nor were interviewed, relatives, third parties, people
  named inside a quote) are marked N in the text but left out of the record. Officers, 经办人,
  审核人, mediators and the agency's contact person are unmarked and never recorded.
- An organisation party's phone is left "" in the record unless the text gives a personal mobile
  of its representative; agency and company phone lines and premises are unmarked.
- Masking judgements: 张某/王某某/张*/李女士/赵先生 (surname plus a generic title) are unmarked,
  they reveal no more than a surname; nicknames that point at one person (老侯, 小尚) are marked N. A phone with 6 or fewer digits visible (e.g. 139****21, 尾号0385) is unmarked; an ID
  number with 6 or fewer digits visible (420***********123X) is unmarked; an ID number that still
  shows region and birth date (12 or more digits, e.g. 420106199003******) is marked I because it
  identifies the holder together with the surname. A full name followed by 先生/女士 marks only the
  name. Short forms of a recorded person (老侯, 小尚) are marked N; the record holds the full name.
- A foreign passport number is marked I (the only ID-number kind); the record holds it as the
  party's id_number. Foreign names are marked N as written.
- All computed IDs (trailing ``?``) pass GB 11643; no wrong numbers were written on purpose. Bank
  account numbers use ``?`` (Luhn).

What it probes: parties across all five agencies, wage lists rendered as lines, witnesses and
interviewees named without cues, compound-surname and minority names, names that are common words
(高峰, 文静, 海燕), two-character names, partially masked values, organisation-only texts with no
personal data, and records whose people are referred to by short forms.
"""

from __future__ import annotations

HELDOUT13: list[tuple[str, str, str, dict[str, object]]] = [
    (
        "h13-01",
        "wuhan-rsj",
        "武汉市人力资源和社会保障局\n行政处罚决定书\n武人社监罚〔2026〕17号\n\n"
        "当事人：武汉恒川建筑劳务有限公司\n统一社会信用代码：91420105MA4KX3R21C\n"
        "住所：武汉市汉阳区龙阳大道86号恒川大厦12楼\n法定代表人：⟨N:魏国栋⟩\n\n"
        "2026年6月3日，我局接到⟨N:冉小梅⟩等14名农民工投诉，反映当事人拖欠其在“汉阳四新片区安置房项目”务工期间工资共计人民币386,400元。"
        "我局于当日立案调查，执法人员刘文斌、陈晓对投诉人⟨N:冉小梅⟩、⟨N:龙德才⟩制作了询问笔录，对当事人项目负责人⟨N:魏国栋⟩制作了询问笔录。"
        "经查，当事人于2026年1月至4月期间拖欠上述劳动者工资，经我局2026年6月10日下达《劳动保障监察限期改正指令书》后，逾期未支付。\n"
        "以上事实有投诉材料、询问笔录、考勤表、工资表等证据为证。\n"
        "我局认为，当事人的行为违反了《保障农民工工资支付条例》第十五条的规定。依据《劳动保障监察条例》第二十六条的规定，决定对当事人处以加付赔偿金人民币96,600元。\n"
        "当事人应当自收到本决定书之日起十五日内缴至指定银行。如不服本决定，可在收到本决定书之日起六十日内向武汉市人民政府申请行政复议，或者在六个月内向人民法院提起行政诉讼。\n\n"
        "武汉市人力资源和社会保障局\n2026年7月22日",
        {
            "parties": [
                {
                    "kind": "organization",
                    "name": "武汉恒川建筑劳务有限公司",
                    "id_number": "91420105MA4KX3R21C",
                    "address": "武汉市汉阳区龙阳大道86号恒川大厦12楼",
                    "phone": "",
                    "legal_representative": "魏国栋",
                }
            ],
            "persons": {
                "complainant": ["冉小梅"],
                "interviewee": ["冉小梅", "龙德才", "魏国栋"],
            },
        },
    ),
    (
        "h13-02",
        "wuhan-rsj",
        "行政处罚决定书（公示摘要）\n文书号：武人社监罚〔2026〕23号\n"
        "当事人：⟨N:单志强⟩，男，身份证号码：⟨I:42011119750823031?⟩，住址：⟨A:武汉市洪山区珞狮南路147号金地格林小城7栋2单元1502室⟩\n"
        "违法事实：当事人在其母亲⟨N:单桂英⟩2023年11月死亡后，未按规定向社会保险经办机构报告，继续冒领基本养老保险待遇共计28个月，金额人民币71,680元。\n"
        "处罚依据：《中华人民共和国社会保险法》第八十八条\n"
        "处罚结果：责令退回骗取的社会保险金71,680元，并处骗取金额二倍的罚款143,360元。\n"
        "执法机关：武汉市人力资源和社会保障局    决定日期：2026年8月5日",
        {
            "parties": [
                {
                    "kind": "individual",
                    "name": "单志强",
                    "id_number": "42011119750823031?",
                    "address": "武汉市洪山区珞狮南路147号金地格林小城7栋2单元1502室",
                    "phone": "",
                    "legal_representative": "",
                }
            ],
            "persons": {},
        },
    ),
    (
        "h13-03",
        "wuhan-rsj",
        "武汉市人力资源和社会保障局\n准予行政许可决定书\n武人社许〔2026〕劳派字第041号\n\n"
        "武汉众联人力资源服务有限公司：\n你单位于2026年8月12日提出的劳务派遣经营许可申请，经审查，符合《劳务派遣行政许可实施办法》第六条规定的条件，决定准予行政许可。"
        "许可证编号：420100202600041，有效期三年，自2026年8月26日至2029年8月25日。\n"
        "请你单位法定代表人或者委托代理人持本决定书到市民之家人社窗口领取许可证。\n\n武汉市人力资源和社会保障局\n2026年8月26日",
        {
            "parties": [
                {
                    "kind": "organization",
                    "name": "武汉众联人力资源服务有限公司",
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
        "h13-04",
        "wuhan-rsj",
        "投诉处理结果告知书\n武人社监告〔2026〕105号\n\n⟨N:欧阳文静⟩女士：\n"
        "你于2026年9月2日通过12345热线反映武汉锦程餐饮管理有限公司未与你签订书面劳动合同、拖欠2026年7月至8月工资8,600元的问题，我局已依法受理。"
        "经调查，该公司已于2026年9月18日将拖欠工资8,600元转入你尾号0385的银行账户，并与你补签了劳动合同。你反映的问题已处理完毕。\n"
        "如对处理结果有异议，可依法申请劳动争议仲裁。联系人：黄斌，联系电话：027-85561234。\n\n武汉市人力资源和社会保障局劳动保障监察支队\n2026年9月25日\n"
        "送达地址：⟨A:武汉市江汉区新华路326号华润置地凯旋门一期3栋904室⟩",
        {
            "parties": [
                {
                    "kind": "organization",
                    "name": "武汉锦程餐饮管理有限公司",
                    "id_number": "",
                    "address": "",
                    "phone": "",
                    "legal_representative": "",
                }
            ],
            "persons": {"complainant": ["欧阳文静"], "recipient": ["欧阳文静"]},
        },
    ),
    (
        "h13-05",
        "wuhan-rsj",
        "关于对武汉市楚天职业培训学校的行政检查结果\n"
        "检查时间：2026年5月14日\n检查人员：张卫东、孙丽\n"
        "检查内容：2025年度补贴性职业技能培训开展情况。\n"
        "检查结果：抽查学员花名册120人，其中⟨N:熊海燕⟩、⟨N:高峰⟩等6人在册但未参加培训，学校已主动退回补贴资金4,800元。学校现场负责人⟨N:骆红梅⟩在检查记录上签字确认。"
        "责令该校于2026年6月14日前完成整改，并报送整改报告。\n武汉市人力资源和社会保障局",
        {
            "parties": [
                {
                    "kind": "organization",
                    "name": "武汉市楚天职业培训学校",
                    "id_number": "",
                    "address": "",
                    "phone": "",
                    "legal_representative": "骆红梅",
                }
            ],
            "persons": {"recipient": ["骆红梅"]},
        },
    ),
    (
        "h13-06",
        "wuhan-rsj",
        "武汉市人力资源和社会保障局\n行政处罚听证告知书\n武人社监听告〔2026〕9号\n\n"
        "武汉天佑物业服务有限公司（法定代表人：⟨N:阿不都·热合曼⟩）：\n"
        "经查，你单位2025年1月至12月未按规定为⟨N:汤宏伟⟩、⟨N:付丽娟⟩、⟨N:覃勇⟩等37名职工足额缴纳社会保险费，经我局责令限期改正后逾期未改正。"
        "我局拟依据《中华人民共和国社会保险法》第八十六条对你单位处以欠缴数额一倍的罚款人民币214,500元。\n"
        "根据《中华人民共和国行政处罚法》第六十三条、第六十四条的规定，你单位有权在收到本告知书之日起五日内提出听证申请。逾期未提出的，视为放弃听证权利。\n\n"
        "联系人：周敏    电话：027-85790112\n武汉市人力资源和社会保障局\n2026年10月9日\n\n"
        "签收人：⟨N:古丽娜⟩（行政主管）  ⟨P:15927081436⟩",
        {
            "parties": [
                {
                    "kind": "organization",
                    "name": "武汉天佑物业服务有限公司",
                    "id_number": "",
                    "address": "",
                    "phone": "",
                    "legal_representative": "阿不都·热合曼",
                }
            ],
            "persons": {"recipient": ["古丽娜"]},
        },
    ),
    (
        "h13-07",
        "wuhan-rsj",
        "不予行政处罚决定书\n武人社监不罚〔2026〕3号\n\n"
        "当事人：武汉晨光印务有限公司，统一社会信用代码91420106MA49C2LK5F，法定代表人⟨N:诸葛明远⟩。\n"
        "经查，当事人于2026年3月安排员工⟨N:卢晓⟩、⟨N:吴静⟩连续加班，延长工作时间超过法定上限。调查期间，当事人已按规定补发加班工资并调整了排班，"
        "违法行为轻微并及时改正，没有造成危害后果。根据《中华人民共和国行政处罚法》第三十三条第一款，决定不予行政处罚。\n"
        "执法人员：李建国（执法证号42010011203）、王芳（执法证号42010011217）\n2026年4月28日",
        {
            "parties": [
                {
                    "kind": "organization",
                    "name": "武汉晨光印务有限公司",
                    "id_number": "91420106MA49C2LK5F",
                    "address": "",
                    "phone": "",
                    "legal_representative": "诸葛明远",
                }
            ],
            "persons": {},
        },
    ),
    (
        "h13-08",
        "qiaokou-rzj",
        "硚口区人力资源局\n劳动保障监察限期改正指令书\n硚人资监令〔2026〕28号\n\n"
        "武汉市硚口区宏鑫汽车修理厂（负责人：⟨N:邝振华⟩）：\n"
        "经调查，你单位存在拖欠下列劳动者2026年4月至6月工资的行为：\n"
        "姓名：⟨N:柯建军⟩  金额：13,500元\n姓名：⟨N:明亮⟩  金额：12,900元\n姓名：⟨N:邓小燕⟩  金额：9,600元\n"
        "根据《劳动保障监察条例》第十八条之规定，现责令你单位于2026年7月30日前改正上述违法行为，将整改情况书面报送我局劳动保障监察大队。逾期不改正的，我局将依法作出行政处理决定。\n\n"
        "硚口区人力资源局\n2026年7月20日\n\n受送达人签收：⟨N:邝振华⟩  2026年7月20日",
        {
            "parties": [
                {
                    "kind": "organization",
                    "name": "武汉市硚口区宏鑫汽车修理厂",
                    "id_number": "",
                    "address": "",
                    "phone": "",
                    "legal_representative": "邝振华",
                }
            ],
            "persons": {"recipient": ["邝振华"]},
        },
    ),
    (
        "h13-09",
        "qiaokou-rzj",
        "举报处理情况告知书\n\n⟨N:杨先锋⟩：\n你于2026年8月6日来我局举报武汉汉正街鸿运服饰商行招用未满十六周岁未成年人一事，我局于2026年8月7日进行了现场检查。"
        "经查，该商行招用的何某某出生于2008年2月，入职时已年满十六周岁，不属于招用童工。你反映的问题不成立。\n"
        "特此告知。\n硚口区人力资源局劳动保障监察大队\n2026年8月20日",
        {
            "parties": [
                {
                    "kind": "organization",
                    "name": "武汉汉正街鸿运服饰商行",
                    "id_number": "",
                    "address": "",
                    "phone": "",
                    "legal_representative": "",
                }
            ],
            "persons": {"informant": ["杨先锋"], "recipient": ["杨先锋"]},
        },
    ),
    (
        "h13-10",
        "qiaokou-rzj",
        "行政处罚决定书\n硚人资监罚〔2026〕6号\n\n"
        "被处罚人：⟨N:侯建新⟩，男，1969年4月出生，身份证号码⟨I:42010419690417203?⟩，系武汉市硚口区新城餐馆个体工商户经营者，"
        "住⟨A:武汉市硚口区古田二路汉口春天5栋1单元602⟩，联系电话⟨P:13871256094⟩。\n"
        "经查，被处罚人于2026年5月起使用桂某（15周岁）在其餐馆从事传菜工作。2026年6月11日，我局执法人员对被处罚人及在场人⟨N:王德兵⟩分别制作了询问笔录。"
        "⟨N:王德兵⟩称：“⟨N:老侯⟩说是他老家亲戚的孩子，暑假来帮忙的。”\n"
        "以上事实有现场检查笔录、询问笔录、照片等为证。依据《禁止使用童工规定》第六条，决定对被处罚人处以罚款人民币5,000元。\n"
        "硚口区人力资源局\n2026年7月2日",
        {
            "parties": [
                {
                    "kind": "individual",
                    "name": "侯建新",
                    "id_number": "42010419690417203?",
                    "address": "武汉市硚口区古田二路汉口春天5栋1单元602",
                    "phone": "13871256094",
                    "legal_representative": "",
                }
            ],
            "persons": {"interviewee": ["侯建新", "王德兵"], "witness": ["王德兵"]},
        },
    ),
    (
        "h13-11",
        "qiaokou-rzj",
        "2026年第三季度用人单位劳动保障守法诚信等级评价结果公示\n"
        "经评价，以下单位为A级：武汉宗关水务建设有限公司、武汉汉西商贸有限公司、武汉崇仁医院有限公司。\n"
        "以下单位为C级：武汉易家居家政服务有限公司（统一社会信用代码91420104MA4F8K7D2X）。\n"
        "公示期：2026年10月10日至10月16日。监督电话：027-83881650。\n硚口区人力资源局",
        {"parties": [], "persons": {}},
    ),
    (
        "h13-12",
        "qiaokou-rzj",
        "调查终结报告（摘录）\n"
        "2026年9月4日，劳动者⟨N:阮文杰⟩向我局投诉武汉荣华电子科技有限公司违法解除劳动合同后未出具解除证明。"
        "承办人罗春生、熊娟于9月8日约谈该公司人事经理⟨N:晏雪⟩，⟨N:晏雪⟩陈述：公司已于8月底将证明寄到⟨N:阮文杰⟩登记的地址⟨A:武汉市硚口区解放大道汉西一路21号A座1107⟩，但被退回。"
        "9月9日，执法人员电话联系⟨N:阮文杰⟩（⟨P:18607132958⟩），其表示该地址系其租住房，已于7月退租。9月11日，该公司当面向⟨N:阮文杰⟩送达了解除劳动合同证明，由其本人签收。\n"
        "承办人意见：用人单位已改正，建议结案。审核人：董立新",
        {
            "parties": [
                {
                    "kind": "organization",
                    "name": "武汉荣华电子科技有限公司",
                    "id_number": "",
                    "address": "",
                    "phone": "",
                    "legal_representative": "",
                }
            ],
            "persons": {
                "complainant": ["阮文杰"],
                "interviewee": ["晏雪", "阮文杰"],
                "recipient": ["阮文杰"],
            },
        },
    ),
    (
        "h13-13",
        "qiaokou-rzj",
        "硚口区人力资源局\n撤销行政处理决定的决定\n硚人资撤〔2026〕1号\n\n"
        "武汉市硚口区佳佳乐超市（经营者：⟨N:曾凡荣⟩）：\n"
        "我局于2026年3月15日作出的硚人资监处〔2026〕11号《劳动保障监察行政处理决定书》，认定你超市拖欠⟨N:胡文⟩工资4,200元。"
        "经复查，⟨N:胡文⟩与你超市之间不存在劳动关系，原决定认定事实不清。根据《中华人民共和国行政复议法》相关规定，决定撤销原处理决定。\n"
        "2026年5月6日",
        {
            "parties": [
                {
                    "kind": "individual",
                    "name": "曾凡荣",
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
        "h13-14",
        "wuhan-kjj",
        "武汉市科学技术局\n外国人来华工作许可不予许可决定书\n\n"
        "申请单位：武汉光谷国际学校有限公司\n申请人：⟨N:Daniel Robert Hughes⟩，国籍：美国，护照号码：⟨I:A38471925⟩\n"
        "经审查，申请人提交的无犯罪记录证明未经我国驻外使领馆认证，且经核查其学历证书与中国留学服务中心认证信息不一致，"
        "不符合《外国人入境完成短期工作任务的相关办理程序（试行）》及《外国人来华工作许可服务指南（暂行）》的规定，决定不予许可。\n"
        "如不服本决定，可自收到本决定书之日起六十日内申请行政复议。\n武汉市科学技术局（武汉市外国专家局）\n2026年6月19日",
        {
            "parties": [
                {
                    "kind": "organization",
                    "name": "武汉光谷国际学校有限公司",
                    "id_number": "",
                    "address": "",
                    "phone": "",
                    "legal_representative": "",
                },
                {
                    "kind": "individual",
                    "name": "Daniel Robert Hughes",
                    "id_number": "A38471925",
                    "address": "",
                    "phone": "",
                    "legal_representative": "",
                },
            ],
            "persons": {},
        },
    ),
    (
        "h13-15",
        "wuhan-kjj",
        "行政处罚决定书\n武科罚〔2026〕2号\n\n"
        "当事人：武汉长江创芯半导体有限公司\n统一社会信用代码：91420100MA4K2W8T6N\n地址：武汉东湖新技术开发区高新大道999号\n法定代表人：⟨N:司马一鸣⟩\n\n"
        "经查，当事人聘用的外籍人员⟨N:Kenji Tanaka⟩（日本籍）于2026年2月离职，当事人未在其离职后10日内申请注销外国人工作许可。"
        "我局于2026年4月2日询问当事人人事专员⟨N:彭思雨⟩，其承认因交接疏漏未及时办理。\n"
        "根据《外国人在中国就业管理规定》有关规定，决定给予当事人警告。\n武汉市科学技术局\n2026年4月30日",
        {
            "parties": [
                {
                    "kind": "organization",
                    "name": "武汉长江创芯半导体有限公司",
                    "id_number": "91420100MA4K2W8T6N",
                    "address": "武汉东湖新技术开发区高新大道999号",
                    "phone": "",
                    "legal_representative": "司马一鸣",
                }
            ],
            "persons": {"interviewee": ["彭思雨"]},
        },
    ),
    (
        "h13-16",
        "wuhan-kjj",
        "关于撤销武汉市2025年度科技计划项目立项并追回财政资金的决定\n\n"
        "武汉智康医疗器械有限公司：\n"
        "经专项审计和核查，你公司在申报“便携式心电监测终端研发”项目（项目负责人：⟨N:夏文斌⟩）时，虚报研发人员，将未在本单位工作的⟨N:严佳⟩、⟨N:袁立⟩列为项目骨干。"
        "依据《武汉市科技计划项目管理办法》，决定撤销该项目立项，追回已拨付财政资金50万元，并将你公司及项目负责人⟨N:夏文斌⟩记入科研诚信严重失信行为记录。\n"
        "武汉市科学技术局\n2026年9月1日",
        {
            "parties": [
                {
                    "kind": "organization",
                    "name": "武汉智康医疗器械有限公司",
                    "id_number": "",
                    "address": "",
                    "phone": "",
                    "legal_representative": "",
                },
                {
                    "kind": "individual",
                    "name": "夏文斌",
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
        "h13-17",
        "wuhan-kjj",
        "行政检查结果公示\n"
        "检查对象：武汉市东湖科创孵化器管理有限公司\n检查事项：国家级科技企业孵化器年度运营情况\n"
        "检查方式：双随机抽查\n检查人员：钟毅、吕晓红\n检查结果：未发现问题\n检查日期：2026年7月8日",
        {
            "parties": [
                {
                    "kind": "organization",
                    "name": "武汉市东湖科创孵化器管理有限公司",
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
        "h13-18",
        "wuhan-kjj",
        "变更外国人工作许可事项的决定\n\n"
        "武汉华锐生物技术有限公司：\n你公司为外籍员工⟨N:Maria Fernanda Costa⟩（巴西籍，护照号码⟨I:FZ902314⟩）申请变更工作岗位的申请收悉。"
        "经审查，同意将其职务由“研发工程师”变更为“研发总监”，工作许可证号不变。\n"
        "请申请人本人持护照于十个工作日内到市民之家科技局窗口办理换证。联系人：卢涛，电话：027-82739521。\n"
        "武汉市科学技术局\n2026年10月13日\n\n领证签收：⟨N:Maria Fernanda Costa⟩（代办人：⟨N:谭晶晶⟩，⟨P:13797042265⟩）",
        {
            "parties": [
                {
                    "kind": "organization",
                    "name": "武汉华锐生物技术有限公司",
                    "id_number": "",
                    "address": "",
                    "phone": "",
                    "legal_representative": "",
                },
                {
                    "kind": "individual",
                    "name": "Maria Fernanda Costa",
                    "id_number": "FZ902314",
                    "address": "",
                    "phone": "",
                    "legal_representative": "",
                },
            ],
            "persons": {"recipient": ["Maria Fernanda Costa", "谭晶晶"]},
        },
    ),
    (
        "h13-19",
        "wuhan-kjj",
        "投诉举报答复告知书\n\n⟨N:甘露⟩：\n你于2026年5月20日举报武汉博瑞科技有限公司在高新技术企业认定申报中虚报知识产权的情况，我局已会同有关部门进行核查。"
        "经核查，该公司申报的6项实用新型专利均合法有效，你反映的“专利系从刘某处临时购买”问题未发现证据支持。\n"
        "感谢你对科技工作的监督。\n武汉市科学技术局\n2026年6月18日\n（邮寄送达：⟨A:武汉市武昌区中北路108号东湖春晓小区11栋301室⟩，收件人电话⟨P:17786523041⟩）",
        {
            "parties": [
                {
                    "kind": "organization",
                    "name": "武汉博瑞科技有限公司",
                    "id_number": "",
                    "address": "",
                    "phone": "",
                    "legal_representative": "",
                }
            ],
            "persons": {"informant": ["甘露"], "recipient": ["甘露"]},
        },
    ),
    (
        "h13-20",
        "liuzhou-kjj",
        "柳州市科学技术局\n行政检查结果告知书\n柳科检〔2026〕12号\n\n"
        "柳州市鹿寨县桂中农业科技有限公司：\n"
        "我局于2026年6月24日对你公司承担的2024年度柳州市科技计划项目“茶油精深加工技术集成示范”进行了中期检查。项目负责人⟨N:韦秀兰⟩、财务负责人⟨N:莫桂芳⟩参加了检查并接受了询问。"
        "检查发现：项目专项经费未单独核算，部分设备采购发票开具对象为⟨N:韦秀兰⟩个人。\n"
        "请你公司于2026年8月31日前完成整改，逾期未整改的，我局将暂停拨付后续经费。\n柳州市科学技术局\n2026年7月3日",
        {
            "parties": [
                {
                    "kind": "organization",
                    "name": "柳州市鹿寨县桂中农业科技有限公司",
                    "id_number": "",
                    "address": "",
                    "phone": "",
                    "legal_representative": "",
                }
            ],
            "persons": {"interviewee": ["韦秀兰", "莫桂芳"]},
        },
    ),
    (
        "h13-21",
        "liuzhou-kjj",
        "柳州市科学技术局关于取消⟨N:覃春生⟩科技特派员资格的决定\n\n"
        "⟨N:覃春生⟩，男，壮族，身份证号码⟨I:45022119810306451?⟩，原选派至融安县大将镇开展金桔种植技术服务。"
        "经查，其2025年度在服务地累计工作时间不足30天，且未按要求提交服务日志。2026年3月12日，我局工作人员与其本人进行了谈话，其对上述情况无异议。"
        "根据《柳州市科技特派员管理办法》，决定取消其科技特派员资格。\n柳州市科学技术局\n2026年3月26日",
        {
            "parties": [
                {
                    "kind": "individual",
                    "name": "覃春生",
                    "id_number": "45022119810306451?",
                    "address": "",
                    "phone": "",
                    "legal_representative": "",
                }
            ],
            "persons": {"interviewee": ["覃春生"]},
        },
    ),
    (
        "h13-22",
        "liuzhou-kjj",
        "技术合同认定登记不予登记通知书\n\n"
        "申请方：柳州市鑫达机械制造有限公司\n合同名称：汽车零部件冲压模具优化设计技术服务合同\n合同相对方：⟨N:黎志远⟩（个人，身份证号码⟨I:450203199211******⟩）\n"
        "经审查，该合同标的为一般设计服务，不属于技术开发、技术转让、技术许可、技术咨询或技术服务的范围，根据《技术合同认定登记管理办法》，不予登记。\n"
        "柳州市科学技术局技术市场科\n2026年4月9日",
        {
            "parties": [
                {
                    "kind": "organization",
                    "name": "柳州市鑫达机械制造有限公司",
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
        "h13-23",
        "liuzhou-kjj",
        "2026年柳州市科技企业孵化器认定结果公示\n"
        "经申报、形式审查、专家评审和现场考察，拟认定以下3家为柳州市级科技企业孵化器：\n"
        "1. 柳州市北部生态新区众创孵化园有限公司\n2. 柳州市柳东新区智造孵化器管理有限公司\n3. 广西柳工科技园运营有限公司\n"
        "公示期为2026年11月2日至11月8日。如有异议，请以书面形式向柳州市科学技术局反映。联系电话：0772-2825316。",
        {"parties": [], "persons": {}},
    ),
    (
        "h13-24",
        "liuzhou-kjj",
        "柳州市科学技术局\n责令限期改正通知书\n柳科改〔2026〕4号\n\n"
        "柳州市融水苗族自治县元宝山茶业专业合作社（理事长：⟨N:贾文光⟩）：\n"
        "经检查，你社承担的“苗山有机茶标准化种植示范”项目验收材料中，受益农户名单有重复登记：⟨N:石妹⟩、⟨N:梁老三⟩在两个村各登记一次，"
        "另有农户⟨N:杨秀英⟩（联系电话⟨P:18277285613⟩）向我局反映未收到项目发放的茶苗。\n"
        "现责令你社于2026年9月30日前核实受益农户名单并补发茶苗，整改情况书面报我局。\n柳州市科学技术局\n2026年8月28日",
        {
            "parties": [
                {
                    "kind": "organization",
                    "name": "柳州市融水苗族自治县元宝山茶业专业合作社",
                    "id_number": "",
                    "address": "",
                    "phone": "",
                    "legal_representative": "贾文光",
                }
            ],
            "persons": {"complainant": ["杨秀英"]},
        },
    ),
    (
        "h13-25",
        "liuzhou-kjj",
        "行政处罚事先告知书\n柳科罚告〔2026〕1号\n\n"
        "当事人：柳州市三江侗乡科技咨询有限公司\n法定代表人：⟨N:吴天佑⟩，联系电话：⟨P:13907726418⟩\n"
        "经查，你公司在代理柳州市2025年度企业研发费用补助申报过程中，为柳州市金穗食品有限公司伪造研发人员工资表，将该公司仓库保管员⟨N:罗刚⟩、司机⟨N:蓝海⟩列为研发人员。"
        "该公司财务人员⟨N:杨丽萍⟩在询问笔录中证实，工资表由你公司员工⟨N:侯小军⟩制作。\n"
        "我局拟依据有关规定对你公司作出三年内不得参与科技计划项目申报代理活动的处理。你公司可在收到本告知书之日起五日内提出陈述、申辩。\n"
        "柳州市科学技术局\n2026年10月20日",
        {
            "parties": [
                {
                    "kind": "organization",
                    "name": "柳州市三江侗乡科技咨询有限公司",
                    "id_number": "",
                    "address": "",
                    "phone": "13907726418",
                    "legal_representative": "吴天佑",
                }
            ],
            "persons": {"interviewee": ["杨丽萍"]},
        },
    ),
    (
        "h13-26",
        "dongxihu-sfj",
        "东西湖区司法局\n不予法律援助决定书\n东司援不字〔2026〕7号\n\n"
        "申请人：⟨N:鲍金花⟩，女，1958年9月12日出生，身份证号码：⟨I:42011219580912252?⟩，住址：⟨A:武汉市东西湖区吴家山街新城四路45号1栋303⟩，联系电话：⟨P:15871390627⟩\n"
        "申请事项：请求为其与儿子⟨N:鲍志刚⟩之间的赡养纠纷提供法律援助。\n"
        "经审查，申请人每月领取养老金4,860元，名下有住房两套，经济状况不符合《湖北省法律援助条例》规定的经济困难标准，决定不予法律援助。\n"
        "申请人对本决定有异议的，可以自收到本决定之日起十五日内向武汉市东西湖区人民政府申请行政复议。\n东西湖区司法局\n2026年5月12日",
        {
            "parties": [
                {
                    "kind": "individual",
                    "name": "鲍金花",
                    "id_number": "42011219580912252?",
                    "address": "武汉市东西湖区吴家山街新城四路45号1栋303",
                    "phone": "15871390627",
                    "legal_representative": "",
                }
            ],
            "persons": {},
        },
    ),
    (
        "h13-27",
        "dongxihu-sfj",
        "人民调解协议履行情况回访记录（摘要）\n"
        "调解组织：东西湖区走马岭街人民调解委员会    调解员：陈桂香、刘明\n"
        "纠纷双方：⟨N:吕宏⟩（申请人）与⟨N:祁凤英⟩（被申请人），邻里漏水纠纷。\n"
        "回访情况：2026年9月15日电话回访，⟨N:吕宏⟩表示⟨N:祁凤英⟩已按协议支付维修费3,000元，卫生间防水已由⟨N:祁凤英⟩之子⟨N:张磊⟩请人重做。双方无新的矛盾。\n"
        "回访人：陈桂香",
        {
            "parties": [
                {
                    "kind": "individual",
                    "name": "吕宏",
                    "id_number": "",
                    "address": "",
                    "phone": "",
                    "legal_representative": "",
                },
                {
                    "kind": "individual",
                    "name": "祁凤英",
                    "id_number": "",
                    "address": "",
                    "phone": "",
                    "legal_representative": "",
                },
            ],
            "persons": {"interviewee": ["吕宏"]},
        },
    ),
    (
        "h13-28",
        "dongxihu-sfj",
        "东西湖区司法局\n行政处罚决定书\n东司罚决字〔2026〕2号\n\n"
        "当事人：⟨N:尚志勇⟩，男，身份证号码：⟨I:42011219830521071?⟩，原武汉市东西湖区金银湖法律服务所基层法律服务工作者，"
        "住所：⟨A:武汉市东西湖区金银湖街金山大道888号金银湖壹号院3栋2004室⟩。\n"
        "经查，当事人于2025年10月至2026年2月间，在执业证书注册地以外，代理⟨N:葛红⟩与⟨N:方建平⟩民间借贷纠纷一案，并私自收取代理费15,000元，未出具票据。"
        "2026年3月5日，我局对委托人⟨N:葛红⟩制作了询问笔录，⟨N:葛红⟩称：“钱是转到⟨N:小尚⟩个人微信的，微信号⟨C:szy_lawyer1983⟩。”\n"
        "当事人的行为违反了《基层法律服务工作者管理办法》第三十四条的规定。依据该办法第四十八条，决定给予当事人警告，没收违法所得15,000元。\n"
        "当事人对本决定不服的，可以在收到本决定书之日起六十日内申请行政复议，或者在六个月内依法提起行政诉讼。\n\n东西湖区司法局\n2026年4月16日",
        {
            "parties": [
                {
                    "kind": "individual",
                    "name": "尚志勇",
                    "id_number": "42011219830521071?",
                    "address": "武汉市东西湖区金银湖街金山大道888号金银湖壹号院3栋2004室",
                    "phone": "",
                    "legal_representative": "",
                }
            ],
            "persons": {"interviewee": ["葛红"]},
        },
    ),
    (
        "h13-29",
        "dongxihu-sfj",
        "准予法律援助决定书\n东司援准字〔2026〕118号\n\n"
        "申请人：⟨N:马玉兰⟩（回族），身份证号码⟨I:42011219900107548?⟩，联系电话⟨P:18971052386⟩\n"
        "案由：追索劳动报酬\n经审查，申请人系农民工，请求支付劳动报酬，符合法律援助条件，决定给予法律援助，指派湖北楚佑律师事务所承办。\n"
        "受援人应当如实提供案件材料，积极配合承办律师工作。\n东西湖区司法局（东西湖区法律援助中心）\n2026年6月2日\n受援人签字：⟨N:马玉兰⟩",
        {
            "parties": [
                {
                    "kind": "individual",
                    "name": "马玉兰",
                    "id_number": "42011219900107548?",
                    "address": "",
                    "phone": "18971052386",
                    "legal_representative": "",
                }
            ],
            "persons": {"recipient": ["马玉兰"]},
        },
    ),
    (
        "h13-30",
        "dongxihu-sfj",
        "关于对武汉市东西湖区鑫诚法律服务所的检查结果\n"
        "2026年第二季度，我局对辖区法律服务所开展了年度执业检查。武汉市东西湖区鑫诚法律服务所（负责人：⟨N:钱晓东⟩）存在收案登记不规范、卷宗归档不及时等问题，"
        "已当场责令整改。检查时在场人员：⟨N:钱晓东⟩、⟨N:黄文⟩（内勤）。\n检查人员：杜鹏、陈晓燕\n2026年6月29日",
        {
            "parties": [
                {
                    "kind": "organization",
                    "name": "武汉市东西湖区鑫诚法律服务所",
                    "id_number": "",
                    "address": "",
                    "phone": "",
                    "legal_representative": "钱晓东",
                }
            ],
            "persons": {"witness": ["钱晓东", "黄文"]},
        },
    ),
    (
        "h13-31",
        "dongxihu-sfj",
        "不予受理行政复议申请决定书（转送件）\n\n"
        "申请人：⟨N:温海涛⟩，男，住⟨A:武汉市东西湖区慈惠街石榴红村三组17号⟩，联系电话⟨P:13554026871⟩。\n"
        "被申请人：武汉市东西湖区慈惠街道办事处\n"
        "申请人不服被申请人作出的土地承包经营权纠纷调处意见，向本机关申请行政复议。经审查，该调处意见不属于行政复议范围。"
        "申请人可就与⟨N:温海波⟩之间的承包地纠纷依法向人民法院起诉。\n东西湖区人民政府（东西湖区司法局承办）\n2026年7月14日",
        {
            "parties": [
                {
                    "kind": "individual",
                    "name": "温海涛",
                    "id_number": "",
                    "address": "武汉市东西湖区慈惠街石榴红村三组17号",
                    "phone": "13554026871",
                    "legal_representative": "",
                },
                {
                    "kind": "organization",
                    "name": "武汉市东西湖区慈惠街道办事处",
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
        "h13-32",
        "wuhan-rsj",
        "武汉市人力资源和社会保障局\n劳动保障监察行政处理决定书\n武人社监处〔2026〕31号\n\n"
        "当事人：武汉鼎盛园林绿化工程有限公司\n法定代表人：⟨N:端木清⟩\n\n"
        "经查，当事人承建的“江夏区庙山绿道工程”拖欠下列人员2026年春节前工资：\n"
        "序号  姓名  身份证号码  欠薪金额（元）\n"
        "1  ⟨N:田秀云⟩  ⟨I:42011519720305642?⟩  8,400\n"
        "2  ⟨N:付军⟩  ⟨I:42900619680714353?⟩  11,200\n"
        "3  ⟨N:程春花⟩  ⟨I:42118119791122086?⟩  6,750\n"
        "其中⟨N:田秀云⟩为投诉人。班组长⟨N:钟正清⟩于2026年2月12日接受询问，承认上述欠薪事实。\n"
        "根据《劳动保障监察条例》第二十六条，责令当事人于本决定送达之日起十日内支付上述工资共计26,350元，通过银行转账支付的，"
        "应转入劳动者本人账户（⟨N:田秀云⟩：⟨B:621700284000753912?⟩）。\n武汉市人力资源和社会保障局\n2026年2月20日",
        {
            "parties": [
                {
                    "kind": "organization",
                    "name": "武汉鼎盛园林绿化工程有限公司",
                    "id_number": "",
                    "address": "",
                    "phone": "",
                    "legal_representative": "端木清",
                }
            ],
            "persons": {"complainant": ["田秀云"], "interviewee": ["钟正清"]},
        },
    ),
]
