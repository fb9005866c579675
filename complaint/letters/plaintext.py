"""Turn a letter's HTML into plain text for pasting into online forms, so both come from one template."""
from __future__ import annotations

import re
from html.parser import HTMLParser

from complaint.letters.nobreak import WORD_JOINER

_BLOCKS = {"h1", "h2", "h3", "p", "li", "tr", "section", "div", "table", "ol", "ul", "thead", "tbody"}
_SKIPPED = {"head", "style", "script", "title"}
_SPACE = re.compile(r"[ \t\r\n\f]+")


class _TextWriter(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.current: list[str] = []
        self.skipping = 0
        self.lists: list[dict] = []  # open ol/ul: their kind, counter and whether the text numbers itself
        self.cells: list[str] | None = None

    def _flush(self) -> None:
        text = "".join(self.current).strip()
        self.current = []
        if text:
            self.lines.append(text)

    def _blank(self) -> None:
        self._flush()
        if self.lines and self.lines[-1] != "":
            self.lines.append("")

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in _SKIPPED:
            self.skipping += 1
        elif tag in ("h1", "h2", "h3", "table"):
            self._blank()
        elif tag in ("ol", "ul"):
            self._flush()
            self.lists.append({"tag": tag, "n": 0, "own": "data-own-numbers" in attrs,
                               "letters": attrs.get("type") == "a"})
        elif tag == "li":
            self._flush()
            if self.lists:
                info = self.lists[-1]
                info["n"] += 1
                if info["letters"]:  # a list inside a numbered item: (a), (b) … so the numbering does not restart
                    self.current.append(f"({chr(ord('a') + info['n'] - 1)}) ")
                elif not info["own"]:
                    self.current.append(f"{info['n']}. " if info["tag"] == "ol" else "- ")
        elif tag == "tr":
            self._flush()
            self.cells = []
        elif tag in ("td", "th") and self.cells is not None:
            self.current = []
        elif tag == "span" and "line" in (attrs.get("class") or "").split():
            self.current.append("________")
        elif tag == "br":
            self._flush()
        elif tag in _BLOCKS:
            self._flush()

    def handle_endtag(self, tag):
        if tag in _SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        elif tag in ("td", "th") and self.cells is not None:
            self.cells.append("".join(self.current).strip())
            self.current = []
        elif tag == "tr" and self.cells is not None:
            self.lines.append(" | ".join(self.cells))
            self.cells = None
        elif tag in ("ol", "ul"):
            self._flush()
            if self.lists:
                self.lists.pop()
        elif tag in ("h1", "h2", "h3", "table"):
            self._blank()
        elif tag in _BLOCKS:
            self._flush()

    def handle_data(self, data):
        if not self.skipping:
            self.current.append(_SPACE.sub(" ", data.replace(WORD_JOINER, "")))


def html_to_text(html: str) -> str:
    writer = _TextWriter()
    writer.feed(html)
    writer.close()
    writer._flush()
    return "\n".join(writer.lines).strip() + "\n"
