"""The 事实与理由 as sentences: the loan, an overview of the collection, and one sentence per incident."""
from __future__ import annotations

from complaint.law.findings import Summary
from complaint.law.rules import Rules
from complaint.letters import wording
from complaint.model import Case, Incident


def background(case: Case, rules: Rules, lang: str) -> str:
    """Who lent what, what is claimed now, and whether the user disputes it."""
    loan = case.loan
    kind = rules.term("lender_types", loan.lender_type).text(lang)
    parts = []
    card = any(word in loan.product.lower() for word in ("信用卡", "credit card"))
    if lang == "zh":
        if card:
            parts.append(f"本人系{loan.lender}（{kind}）发行的{loan.product}持卡人"
                         + (f"（卡号或账户：{loan.account}）" if loan.account else "") + "，该卡透支形成欠款。")
        else:
            borrowed = f"借款{wording.amount(loan.borrowed, lang)}" if loan.borrowed is not None else "借款"
            through = f"通过{loan.product}" if loan.product else ""
            parts.append(f"本人曾{through}向{loan.lender}（{kind}）{borrowed}"
                         + (f"，合同或账户编号为{loan.account}" if loan.account else "") + "。")
        if loan.claimed is not None:
            parts.append(f"对方目前主张本人欠款{wording.amount(loan.claimed, lang)}。")
        if loan.disputed == "yes":
            parts.append("本人对所主张的欠款金额有异议。")
        if loan.illegal == "yes":
            parts.append("本人认为该笔借款涉嫌高利放贷等非法放贷行为。")
    else:
        if card:
            parts.append(f"I hold the {loan.product} issued by {loan.lender}, a {kind}"
                         + (f" (card or account: {loan.account})" if loan.account else "")
                         + "; the debt comes from spending on that card.")
        else:
            borrowed = f" {wording.amount(loan.borrowed, lang)}" if loan.borrowed is not None else " money"
            through = f" through {loan.product}" if loan.product else ""
            parts.append(f"I borrowed{borrowed} from {loan.lender}, a {kind},{through}"
                         + (f", under contract or account number {loan.account}" if loan.account else "") + ".")
        if loan.claimed is not None:
            parts.append(f"The lender now claims that I owe {wording.amount(loan.claimed, lang)}.")
        if loan.disputed == "yes":
            parts.append("I dispute the amount claimed.")
        if loan.illegal == "yes":
            parts.append("I believe the loan involves illegal lending, such as usurious interest.")
    return ("" if lang == "zh" else " ").join(parts)


def _collectors(case: Case, lang: str) -> str:
    c = case.collectors
    if c is None:
        return ""
    bits = []
    if lang == "zh":
        if c.agency:
            bits.append(f"催收机构为{c.agency}")
        if c.names:
            bits.append("催收人员自称" + "、".join(f"“{n}”" for n in c.names))
        if c.numbers:
            bits.append("使用的号码或账号包括" + "、".join(c.numbers))
        return f"（{'；'.join(bits)}）" if bits else ""
    if c.agency:
        bits.append(f"the agency is {c.agency}")
    if c.names:
        bits.append("the collectors called themselves " + wording.join([f"“{n}”" for n in c.names], lang))
    if c.numbers:
        bits.append("they used " + wording.join(c.numbers, lang))
    return f" ({'; '.join(bits)})" if bits else ""


def overview(case: Case, summary: Summary, rules: Rules, lang: str) -> str:
    """One paragraph: the period, how many incidents and contacts, how many at night or reaching others."""
    if not summary.incidents:
        return ""
    start = wording.date(summary.first.first_day, lang, summary.first.month_only)
    end = wording.date(summary.last.last_day if not summary.last.month_only else summary.last.first_day,
                       lang, summary.last.month_only)
    channels = list(dict.fromkeys(rules.term("channels", i.channel).extra["by"](lang) for i in case.incidents))
    lender = case.loan.lender
    if lang == "zh":
        period = start if start == end else f"自{start}至{end}"
        text = (f"{period}，{lender}及其委托的催收人员{_collectors(case, lang)}以{wording.join(channels, lang)}等方式"
                f"对本人进行催收。本人记录了{summary.incidents}起催收事件")
        if summary.contacts > summary.incidents:
            text += f"（共计约{summary.contacts}次联系）"
        one = summary.incidents == 1  # "其中1起" of one incident: say it of the incident itself
        extra = []
        if summary.night:
            extra.append(f"{'' if one else f'{len(summary.night)}起'}发生在夜间22时至次日8时之间")
        if summary.third_party:
            extra.append(f"{'' if one else f'{len(summary.third_party)}起'}涉及本人以外的第三人")
        lead = "，该事件" if one else "，其中"
        return text + (lead + ("，" if not one else "、").join(extra) if extra else "") + "。具体经过如下："
    period = f"on {start}" if start == end else f"between {start} and {end}"
    text = (f"{period[0].upper()}{period[1:]}, {lender} and the collectors acting for it{_collectors(case, lang)} "
            f"contacted me {wording.join(channels, lang)}. I recorded {summary.incidents} "
            f"incident{'s' if summary.incidents != 1 else ''}")
    if summary.contacts > summary.incidents:
        text += f" (about {summary.contacts} contacts in all)"
    one = summary.incidents == 1
    extra = []
    if summary.night:
        extra.append(f"{'it' if one else len(summary.night)} took place at night (22:00–08:00)")
    if summary.third_party:
        extra.append(f"{'' if one and summary.night else 'it ' if one else f'{len(summary.third_party)} '}"
                     "involved people other than me")
    return text + ("; " + " and ".join(extra) if extra else "") + ". What happened:"


def _through(source: str, act: str) -> str:
    """使用号码… for a number, 通过“…” for an account or a name (使用账号“…” before an act that says 通过 itself)."""
    if not source:
        return ""
    if sum(ch.isdigit() for ch in source) >= 7:
        return f"使用号码{source}"
    return f"使用账号“{source}”" if act.startswith("通过") else f"通过“{source}”"


def incident(item: Incident, rules: Rules, lang: str) -> str:
    """One incident told as a sentence, followed by the user's own account (its legal reading is in the citations)."""
    whom = wording.join([rules.term("targets", t).text(lang) for t in item.targets], lang)
    act = rules.term("channels", item.channel).extra["act"](lang).format(whom=whom)
    if lang == "zh":
        text = f"{wording.when(item, lang)}，催收人员{_through(item.source, act)}{act}"
        text += f"，共{item.times}次。" if item.times and item.times > 1 else "。"
        return text + f"具体情况：{wording.sentence(item.description)}"
    text = f"{wording.when(item, lang)[0].upper()}{wording.when(item, lang)[1:]}, the collectors "
    acts = rules.term("channels", item.channel).extra.get("acts")
    if item.times and item.times > 1 and acts:  # "sent me 3 text messages", not "sent me a text message 3 times"
        text += acts(lang).format(whom=whom, n=item.times)
    else:
        text += act + (f" {item.times} times" if item.times and item.times > 1 else "")
    text += f" from {item.source}." if item.source else "."
    return text + f" In my words: {wording.sentence(item.description)}"
