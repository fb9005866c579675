"""Compact letter fonts: the Noto CJK SC faces cut down to GB 2312 and common punctuation, built once at set-up.

A full Noto CJK face holds 65,535 glyphs. WeasyPrint keeps glyph numbers when it embeds a subset, so every PDF made
from the full face carries tables sized for all of them: subsetting, compressing and the file itself grow with the
highest glyph number used, not with the characters used. Renumbered to about 7,800 glyphs, the same letter is made
in a fraction of the time and at half the size. Characters outside GB 2312 (rare name characters, say) are still
printed: the letter stylesheet falls back to the full system face for them.
"""
from __future__ import annotations

import os
import subprocess
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

FONT_DIR = Path(__file__).resolve().parents[1] / "static" / "letters" / "fonts"

# Besides GB 2312 (its 6,763 characters and 682 symbols): Latin, general punctuation, CJK punctuation, full-width forms.
EXTRA_RANGES = ((0x20, 0x7F), (0xA0, 0x180), (0x2000, 0x2070), (0x3000, 0x3040), (0xFF00, 0xFFF0))


@dataclass(frozen=True)
class LetterFace:
    family: str  # the name the letter stylesheet uses
    weight: int
    source: str  # the fontconfig pattern of the system face it is cut from
    file: str

    @property
    def path(self) -> Path:
        return FONT_DIR / self.file


FACES = (
    LetterFace("Letter Serif CJK", 400, "Noto Serif CJK SC:style=Regular", "letter-serif.otf"),
    LetterFace("Letter Sans CJK", 700, "Noto Sans CJK SC:style=Bold", "letter-sans-bold.otf"),
)


class SourceFontMissing(RuntimeError):
    """The system face a letter font is cut from is not installed."""


def gb2312_characters() -> set[int]:
    """Every character GB 2312 encodes, as code points."""
    characters = set()
    for high in range(0xA1, 0xF8):
        for low in range(0xA1, 0xFF):
            try:
                characters.add(ord(bytes((high, low)).decode("gb2312")))
            except UnicodeDecodeError:
                continue
    return characters


def coverage() -> set[int]:
    """The code points a letter font keeps."""
    keep = gb2312_characters()
    for start, end in EXTRA_RANGES:
        keep.update(range(start, end))
    return keep


def locate(pattern: str) -> tuple[Path, int]:
    """The file and collection index fontconfig gives for a pattern, refusing a substitute family."""
    family = pattern.split(":")[0]
    try:
        found = subprocess.run(["fc-match", "-f", "%{family}|%{file}|%{index}", pattern], capture_output=True,
                               text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError) as error:
        raise SourceFontMissing(f"fontconfig could not be asked for {family}: {error}") from error
    families, _, rest = found.partition("|")
    file, _, index = rest.partition("|")
    if family not in families.split(",") or not file:
        raise SourceFontMissing(f"{family} is not installed (fontconfig offers {families or 'nothing'}); "
                                "install it, e.g. `apt-get install fonts-noto-cjk`")
    return Path(file), int(index or 0)


def build(face: LetterFace) -> Path:
    """Cut one letter font from its system face and write it to FONT_DIR."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    source, index = locate(face.source)
    font = TTFont(source, fontNumber=index)
    options = subset.Options()
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.hinting = False  # WeasyPrint embeds fonts without hinting
    options.desubroutinize = True  # WeasyPrint desubroutinizes every subset; done here once instead
    # Chinese set horizontally needs no substitutions, and keeping them would pull in thousands of glyphs
    # (vertical forms, the Japanese and Korean variants) and give them low numbers.
    options.layout_features = []
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=coverage() & set(font.getBestCmap()))
    subsetter.subset(font)
    FONT_DIR.mkdir(parents=True, exist_ok=True)
    partial = face.path.with_suffix(".partial")
    font.save(partial)
    os.replace(partial, face.path)
    return face.path


def build_all() -> list[Path]:
    """Build every letter font, one process per face (each takes 10–20 s)."""
    for face in FACES:
        locate(face.source)  # fail at once, before starting the slow part
    with ProcessPoolExecutor(max_workers=len(FACES)) as pool:
        return list(pool.map(build, FACES))


def built() -> list[LetterFace]:
    """The letter fonts present on this machine."""
    return [face for face in FACES if face.path.is_file()]
