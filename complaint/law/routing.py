"""Who should receive each document: the regulator for this lender and place, the hotline, and what to suggest."""
from __future__ import annotations

from dataclasses import dataclass

from complaint.law.findings import Analysis
from complaint.law.rules import Channel, Rules, Text
from complaint.model import Case

NFRA_TYPES = ("bank", "consumer_finance")  # supervised by the NFRA and its local offices
LOCAL_TYPES = ("small_loan",)  # supervised by the provincial local financial regulator
# A platform or app is often not the lender: the licensed institution that lent the money decides the regulator.
FIND_THE_LENDER = Text(
    "借款平台或App本身往往不是放款机构，由谁监管取决于实际放款的持牌机构。请先查明：1. 在App的“关于我们”、借款合同"
    "或借款详情页中找到放款机构（出借人）的全称；2. 看它是哪类机构，全称中一般写明“银行”“消费金融”或“小额贷款”；"
    "3. 回到借款页，把贷款机构改为该放款机构，并选择机构类型和所在地。银行、消费金融公司由国家金融监督管理总局"
    "派出机构监管（可拨打12378），小额贷款公司（含网络小额贷款公司）由省级地方金融管理局监管。查不到放款机构的，"
    "可以先向平台投诉，要求其书面告知放款机构名称。",
    "A lending platform or app is often not the lender itself: who supervises depends on the licensed institution "
    "that actually lent the money. Find it first: 1. look for the lender's full name under “About us” in the app, "
    "in the loan contract or in the loan details; 2. see what kind of institution it is: its full name normally "
    "says “bank”, “consumer finance” or “small loan”; 3. go back to the loan page, enter that institution as the "
    "lender and choose its type and location. Banks and consumer finance companies are supervised by the NFRA's "
    "local offices (hotline 12378); small-loan companies, including online small loans, by the provincial local "
    "financial regulator. If you cannot find the lender, complain to the platform first and ask it to tell you in "
    "writing who lent the money.")


@dataclass(frozen=True)
class Recipient:
    name: Text  # as addressed in the letter (致：…)
    channel: Channel
    reason: Text  # one line: why this body
    specific: bool  # False when we could only address it generically (place or lender type unknown)


@dataclass(frozen=True)
class Suggestion:
    kind: str
    chosen: bool  # pre-selected on the "who it is for" page
    reason: Text


@dataclass(frozen=True)
class Route:
    regulator: Recipient
    hotline: Channel | None  # the regulator's complaints line, when there is one to name
    suggestions: tuple[Suggestion, ...]
    channels: tuple[Channel, ...]  # other places that help with this case, in the order to try them


def regulator_for(case: Case, rules: Rules) -> Recipient:
    """The body that supervises this lender where it is based (legal-basis.md §7)."""
    lender_type = case.loan.lender_type if case.loan else "other"
    region = rules.regions.get(case.loan.province) if case.loan and case.loan.province else None
    if lender_type in NFRA_TYPES:
        channel = rules.channels["nfra_office"]
        if region:
            return Recipient(Text(f"国家金融监督管理总局{region.nfra}监管局",
                                  f"the {region.name.en.split(' (')[0]} Office of the National Financial Regulatory "
                                  "Administration"),
                             channel, Text("银行和消费金融公司由国家金融监督管理总局及其派出机构监管",
                                           "Banks and consumer finance companies are supervised by the NFRA "
                                           "and its local offices"), True)
        return Recipient(Text("国家金融监督管理总局贷款机构所在地派出机构",
                              "the local office of the National Financial Regulatory Administration where the "
                              "lender is based"),
                         channel, Text("银行和消费金融公司由国家金融监督管理总局监管；请在借款页填写贷款机构所在地，"
                                       "以确定具体的监管局",
                                       "Banks and consumer finance companies are supervised by the NFRA; give "
                                       "the lender's location on the loan page to name the office"), False)
    if lender_type in LOCAL_TYPES:
        channel = rules.channels["local_finance"]
        if region:
            province = rules.regions[region.province]
            reason = Text("小额贷款公司由省级地方金融管理部门监管，不归国家金融监督管理总局派出机构",
                          "Small-loan companies are supervised by the provincial local financial regulator, not by "
                          "the NFRA's local offices")
            if province.key != region.key:  # a 计划单列市 may have a regulator of its own: say so
                reason = Text(reason.zh + f"；{region.name.zh}可能另设地方金融管理部门，寄送前请核实",
                              reason.en + f"; {region.name.en.split(' (')[0]} may have its own: check before sending")
            return Recipient(Text(f"{province.name.zh}地方金融管理局",
                                  f"the local financial regulator of {province.name.en}"),
                             channel, reason, province.key == region.key)
        return Recipient(Text("贷款机构注册地的省级地方金融管理部门",
                              "the provincial local financial regulator where the lender is registered"),
                         channel, Text("小额贷款公司由省级地方金融管理部门监管；请填写贷款机构所在地以确定具体部门",
                                       "Small-loan companies are supervised by the provincial local financial "
                                       "regulator; give the lender's location to name it"), False)
    return Recipient(Text("实际放款机构的监管部门", "the regulator of the licensed lender behind the loan"),
                     rules.channels["nfra_office"], FIND_THE_LENDER, False)


def route(case: Case, rules: Rules, analysis: Analysis) -> Route:
    """The regulator, the hotline and the documents to suggest for this case."""
    regulator = regulator_for(case, rules)
    lender_type = case.loan.lender_type if case.loan else "other"
    hotline = rules.channels["hotline_12378"] if lender_type in NFRA_TYPES else None
    complained = case.earlier is not None and case.earlier.made == "yes"
    illegal = case.loan is not None and case.loan.illegal == "yes"
    police = bool(analysis.police_matters) or illegal
    suggestions = (
        Suggestion("lender", not complained,
                   Text("先向贷款机构投诉：监管部门通常要求先向机构投诉", "Start with the lender: regulators usually "
                        "expect you to have complained to it first")
                   if not complained else Text("你已经向贷款机构投诉过；如有新情况可以再次投诉",
                                               "You have already complained to the lender; you can write again "
                                               "about new conduct")),
        Suggestion("regulator", complained,
                   Text(f"{regulator.reason.zh}", f"{regulator.reason.en}") if complained else
                   Text("贷款机构15日内未答复或答复不满意时使用", "For when the lender does not answer within 15 days "
                        "or the answer does not help")),
        Suggestion("hotline", hotline is not None and complained,
                   Text("12378热线受理银行和消费金融公司的投诉", "The 12378 hotline takes complaints about banks "
                        "and consumer finance companies") if hotline else
                   Text("打给监管部门投诉电话时照着说", "Notes to read from when you call a regulator's complaints "
                        "line")),
        Suggestion("police", police,
                   Text("你认为这笔借款属于高利放贷等非法放贷：请先向公安机关报案，催收非法债务可能构成犯罪",
                        "You believe the loan is illegal lending such as usury: go to the police first, as "
                        "collecting an illegal debt may be a crime") if illegal else
                   Text("存在威胁、暴力、跟踪、冒充公检法或伪造文书等行为，可以向公安机关报案",
                        "There are threats, violence, stalking, impersonation or forged papers: you can report "
                        "them to the police") if police else
                   Text("只有在出现威胁、暴力、跟踪、冒充公检法或伪造文书时才需要",
                        "Only needed for threats, violence, stalking, impersonation or forged papers")),
    )
    regulators = (["nfra_office"] if lender_type in NFRA_TYPES else ["local_finance"] if lender_type in LOCAL_TYPES
                  else ["nfra_office", "local_finance"])  # unknown until the licensed lender is found
    keys = ["police" if illegal else None, "lender", *regulators,
            "hotline_12378" if hotline else None, "nfra_mini_program" if hotline else None,
            "police" if police and not illegal else None,
            "court_12368" if any(f.behaviour.key == "fake_legal_documents" for f in analysis.findings) else None,
            "spam_12321" if any(i.channel in ("call", "sms") for i in case.incidents) else None,
            "cyberspace" if any(f.behaviour.key in ("third_party_contact", "spread_personal_info")
                                for f in analysis.findings) else None,
            "nifa_report" if lender_type in ("platform", "small_loan") else None,
            "legal_aid_12348"]
    if illegal:  # the police first: the order of the suggestions is the order they are shown in
        suggestions = (suggestions[-1], *suggestions[:-1])
    return Route(regulator, hotline, suggestions, tuple(rules.channels[k] for k in keys if k))
