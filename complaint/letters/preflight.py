"""Check that this machine can typeset Chinese PDFs quickly: Pango, HarfBuzz subsetting and CJK fonts."""
from __future__ import annotations

import ctypes
import ctypes.util
import functools
import subprocess
from dataclasses import dataclass, field

# The families the letter stylesheet asks for, in order (static/letters/letter.css).
PREFERRED_FAMILIES = ("Noto Serif CJK SC", "Noto Sans CJK SC", "Source Han Serif SC", "Source Han Sans SC")


@dataclass
class Report:
    pango: str
    harfbuzz: str
    subsetting: str  # "harfbuzz" or "fonttools"
    cjk_families: list[str]
    letter_fonts: list[str]  # the compact letter fonts built (complaint/letters/fonts.py)
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _library(*names: str) -> ctypes.CDLL | None:
    for name in names:
        try:
            return ctypes.CDLL(name)
        except OSError:
            continue
    found = ctypes.util.find_library(names[0].removeprefix("lib").split(".so")[0])
    return ctypes.CDLL(found) if found else None


def _version(library: ctypes.CDLL | None, function: str) -> str:
    if library is None:
        return "not found"
    call = getattr(library, function)
    call.restype = ctypes.c_char_p
    return call().decode()


def chinese_font_families() -> list[str]:
    """Families fontconfig knows that cover Chinese (lang=zh-cn), sorted."""
    return font_families(":lang=zh-cn")


def emoji_font_families() -> list[str]:
    """Families fontconfig knows that draw emoji (lang=und-zsye), sorted: without one, emoji print as boxes."""
    return font_families(":lang=und-zsye")


def font_families(query: str) -> list[str]:
    """Families `fc-list` gives for a pattern such as ":lang=zh-cn", sorted (none when fontconfig is missing)."""
    try:
        listed = subprocess.run(["fc-list", "--format", "%{[]family{%{family}\n}}", query], capture_output=True,
                                text=True, timeout=30, check=True).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    return sorted({family for family in listed.splitlines() if family})


@functools.cache
def check() -> Report:
    """What a PDF made on this machine will look like, and what stands in the way."""
    from complaint.letters import fonts as letter_fonts
    from complaint.letters.weasy import subsetting_backend

    report = Report(
        pango=_version(_library("libpango-1.0.so.0", "libpango-1.0.dylib"), "pango_version_string"),
        harfbuzz=_version(_library("libharfbuzz.so.0", "libharfbuzz.0.dylib"), "hb_version_string"),
        subsetting=subsetting_backend(),
        cjk_families=chinese_font_families(),
        letter_fonts=[face.family for face in letter_fonts.built()],
    )
    if not report.cjk_families:
        report.problems.append("No font covering Chinese is installed: PDFs would show empty boxes. "
                               "Install one, e.g. `apt-get install fonts-noto-cjk`.")
    elif not set(PREFERRED_FAMILIES) & set(report.cjk_families):
        report.warnings.append("Noto CJK / Source Han fonts are missing; letters will use "
                               f"{report.cjk_families[0]} instead.")
    if report.cjk_families and len(report.letter_fonts) < len(letter_fonts.FACES):
        report.warnings.append("The compact letter fonts are not built: letters fall back to the full system fonts "
                               "and take about a third longer, at twice the size. Run `complaint fonts`.")
    if not emoji_font_families():
        report.warnings.append("No emoji font is installed: emoji people type print as empty boxes in letters. "
                               "Install one, e.g. `apt-get install fonts-noto-color-emoji`.")
    if report.subsetting != "harfbuzz":
        report.problems.append("HarfBuzz subsetting is unavailable: WeasyPrint falls back to fontTools and a "
                               "letter takes seconds instead of a fraction of one. "
                               "Install it, e.g. `apt-get install libharfbuzz-subset0`.")
    return report
