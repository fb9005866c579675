"""Each request works the case out once: the documents page analyses it once and builds no letter."""
from __future__ import annotations

import sys

import pytest
from helpers import Wizard

from complaint.law import findings


@pytest.fixture
def analyses(monkeypatch) -> list:
    """Every call of the real analysis, wherever it was imported (instrumentation: the real function still runs)."""
    calls, real = [], findings.analyse

    def counted(*args, **kwargs):
        calls.append(kwargs.get("document"))
        return real(*args, **kwargs)

    for name, module in list(sys.modules.items()):
        if name.startswith("complaint") and getattr(module, "analyse", None) is real:
            monkeypatch.setattr(module, "analyse", counted)
    return calls


def test_the_documents_page_analyses_the_case_once(client, analyses):
    wizard = Wizard(client)
    wizard.complete()
    analyses.clear()
    page = wizard.get("/documents")
    assert page.status_code == 200 and "deadlines" in page.get_data(as_text=True)
    assert len(analyses) == 1
