"""Render every example case as every document in both languages into samples/ (not committed), for review."""
from __future__ import annotations

from pathlib import Path

from complaint import clock, letters
from complaint.model import DOCUMENTS, LETTER_LANGUAGES
from complaint.storage import casefile

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "samples"


def main() -> None:
    OUT.mkdir(exist_ok=True)
    today = clock.today()
    for path in sorted((ROOT / "examples").glob("*.json")):
        case = casefile.loads(path.read_bytes(), today=today)
        for kind in DOCUMENTS:
            for lang in LETTER_LANGUAGES:
                doc = letters.build(case, kind, lang, today)
                stem = f"{path.stem}.{kind}.{lang}"
                (OUT / f"{stem}.pdf").write_bytes(letters.pdf(doc))
                (OUT / f"{stem}.txt").write_text(letters.text(doc), encoding="utf-8")
                print(f"samples/{stem}.pdf")
    print("Look at them with: pdftoppm -r 60 -png samples/<file>.pdf /tmp/page")


if __name__ == "__main__":
    main()
