"""The findings and routing of a case as plain data (what `complaint findings` prints)."""
from __future__ import annotations

from complaint.findings import Analysis, Citation
from complaint.rules import Reference
from complaint.routing import Route


def _reference(reference: Reference) -> dict:
    entry = {"key": reference.key, "instrument": reference.instrument.name.zh, "kind": reference.instrument.kind,
             "status": reference.status, "documents": list(reference.documents)}
    if reference.status == "VERIFIED":
        entry["article"] = reference.article.zh
    return entry


def _citation(citation: Citation) -> dict:
    return {**_reference(citation.reference), "incidents": list(citation.incidents),
            "behaviours": [f.behaviour.key for f in citation.findings]}


def findings_report(analysis: Analysis, route: Route) -> dict:
    """Findings with their incidents and references, then the routing, ready for json.dumps."""
    cited = {}
    for citation in analysis.citations:
        for finding in citation.findings:
            cited.setdefault(finding.behaviour.key, []).append(citation.reference.key)
    return {
        "findings": [{
            "behaviour": f.behaviour.key,
            "label": f.behaviour.term.zh,
            "incidents": list(f.incidents),
            **({"days": [{"date": day.isoformat(), "calls": count} for day, count in f.days]} if f.days else {}),
            "police": f.behaviour.police,
            "references": cited.get(f.behaviour.key, []),
        } for f in analysis.findings],
        "references": [_citation(c) for c in analysis.citations + analysis.supplements],
        "arguments": [{"argument": argument.key, "references": [r.key for r in refs]}
                      for argument, refs in analysis.arguments],
        "request_references": [_reference(r) for r in analysis.request_references],
        "versions": [{"instrument": i.key, "replaces": i.replaces} for i in analysis.transitions],
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
