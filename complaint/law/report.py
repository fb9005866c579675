"""The findings and routing of a case as plain data (what `complaint findings` prints)."""
from __future__ import annotations

from complaint.law.findings import (
    CALLS_A_DAY,
    NIGHT_ENDS,
    NIGHT_STARTS,
    Analysis,
    Citation,
    Finding,
    calls_per_day,
    contacts,
    is_night,
    is_public,
)
from complaint.law.routing import Route
from complaint.law.rules import Reference
from complaint.model import Case


def _reference(reference: Reference) -> dict:
    entry = {"key": reference.key, "instrument": reference.instrument.name.zh, "kind": reference.instrument.kind,
             "status": reference.status, "documents": list(reference.documents)}
    if reference.status == "VERIFIED":
        entry["article"] = reference.article.zh
    return entry


def _citation(citation: Citation) -> dict:
    return {**_reference(citation.reference), "incidents": list(citation.incidents),
            "behaviours": [f.behaviour.key for f in citation.findings]}


def _answers(case: Case, numbers) -> list[dict]:
    """What the person said about each incident, and what the letters read from it (night, calls that day)."""
    per_day = calls_per_day(case)
    rows = []
    for n in numbers:
        i = case.incidents[n - 1]
        row = {"incident": n, "date": i.date.iso(), "time": i.time or None, "channel": i.channel,
               "targets": list(i.targets), "ticked": list(i.behaviours), "contacts": contacts(i)}
        if is_night(i):
            row["night"] = f"{i.time} is between {NIGHT_STARTS} and {NIGHT_ENDS}"
        if i.channel == "call" and "self" in i.targets and not i.month_only:
            row["calls_to_me_that_day"] = per_day[i.first_day]
        rows.append(row)
    return rows


def _why(case: Case, analysis: Analysis, citation: Citation, finding: Finding) -> list[str]:
    """The conditions this reference had to meet for this finding, each with the answers that met it."""
    reference, when = citation.reference, citation.reference.when
    narrowing = finding.behaviour.conditions.get(reference.key)
    until = reference.effective_to.isoformat() if reference.effective_to else "now"
    why = [f"in force {reference.effective_from.isoformat()} to {until}: incidents "
           + ", ".join(f"{n} ({case.incidents[n - 1].date})" for n in finding.incidents)]
    channels = (reference.channels or ()) + (narrowing.channels if narrowing else ())
    if channels:
        why.append("only through " + ", ".join(dict.fromkeys(channels)))
    if narrowing and narrowing.mentions:
        why.append("the description names " + " or ".join(narrowing.mentions))
    if when.public:
        why.append("reached people other than me: incidents "
                   + ", ".join(str(n) for n in finding.incidents if is_public(case.incidents[n - 1])))
    limit = max(when.calls_a_day_over, narrowing.calls_a_day_over if narrowing else 0)
    if limit:
        per_day = calls_per_day(case)
        why.append(f"more than {limit} calls to me in a day (the standard allows {CALLS_A_DAY}): "
                   + ", ".join(f"{case.incidents[n - 1].date} {per_day[case.incidents[n - 1].first_day]} calls"
                               for n in finding.incidents))
    if when.repeated and analysis.repetition:
        pooled = analysis.repetition.incidents
        why.append(f"多次: incidents {', '.join(map(str, pooled))} together stand for "
                   f"{sum(contacts(case.incidents[n - 1]) for n in pooled)} calls, messages or acts")
    if when.illegal_debt:
        why.append("the person says the debt comes from illegal lending")
    if when.lender_types:
        why.append(f"lender type {case.loan.lender_type} is one of {', '.join(when.lender_types)}")
    if when.product_mentions:
        why.append(f"the product {case.loan.product!r} names {' or '.join(when.product_mentions)}")
    return why


def findings_report(analysis: Analysis, route: Route, case: Case) -> dict:
    """Findings with the answers behind them and why each reference was chosen, then the routing, for json.dumps."""
    cited: dict[str, list[dict]] = {}
    for citation in analysis.citations:
        for finding in citation.findings:
            cited.setdefault(finding.behaviour.key, []).append({
                "key": citation.reference.key, "incidents": list(finding.incidents),
                "why": _why(case, analysis, citation, finding)})
    return {
        "findings": [{
            "behaviour": f.behaviour.key,
            "label": f.behaviour.term.zh,
            "incidents": list(f.incidents),
            **({"days": [{"date": day.isoformat(), "calls": count} for day, count in f.days]} if f.days else {}),
            "police": f.behaviour.police,
            "answers": _answers(case, f.incidents),
            "references": cited.get(f.behaviour.key, []),
        } for f in analysis.findings],
        "references": [_citation(c) for c in analysis.citations + analysis.supplements],
        "arguments": [{"argument": argument.key, "references": [r.key for r in refs]}
                      for argument, refs, _ in analysis.arguments],
        "request_references": [_reference(r) for r in analysis.request_references],
        "versions": [{"instrument": i.key, "replaces": i.replaces} for i in analysis.transitions],
        **({"repeated": {"incidents": list(analysis.repetition.incidents),
                         "by_reference": {r.key: list(n) for r, n in analysis.repetition.by_reference}}}
           if analysis.repetition else {}),
        "summary": {
            "incidents": analysis.summary.incidents,
            "contacts": analysis.summary.contacts,
            "night_incidents": list(analysis.summary.night),
            "days_over_three_calls": [{"date": d.isoformat(), "calls": n} for d, n in analysis.summary.busy_days],
            "third_party_incidents": list(analysis.summary.third_party),
        },
        "routing": {
            "regulator": route.regulator.name.zh,
            "regulator_reason": route.regulator.reason.zh,
            "hotline": route.hotline.number if route.hotline else None,
            "suggested_documents": [s.kind for s in route.suggestions if s.chosen],
            "channels": [c.key for c in route.channels],
        },
    }
