"""Each page of a letter's PDF as a picture: WeChat cannot download files, but she can save or forward a picture."""
from __future__ import annotations

import io
import threading

import pypdfium2 as pdfium
from PIL import Image, ImageChops

WIDTH = 1240  # px across an A4 page, 150 dpi: sharp on a phone screen and when zoomed, readable when forwarded
JPEG_QUALITY = 85
# Pages of black text on white come out as 16 shades of grey in a 4-bit PNG: the characters stay crisp and
# a page is about 120 KB. Pages with colour (photographs among the exhibits) go out as JPEG.
_GREYS = [level * 17 for level in range(16) for _ in range(3)]


# PDFium is not thread-safe and pypdfium2 does not guard it: Waitress serves pages from several threads.
_PDFIUM = threading.Lock()


class NoSuchPage(Exception):
    """The letter has no page with that number."""


def count(pdf: bytes) -> int:
    with _PDFIUM:
        document = pdfium.PdfDocument(pdf)
        try:
            return len(document)
        finally:
            document.close()


def render(pdf: bytes, number: int) -> tuple[bytes, str]:
    """Page `number` (from 1) as image bytes and their MIME type."""
    with _PDFIUM:
        document = pdfium.PdfDocument(pdf)
        try:
            if not 1 <= number <= len(document):
                raise NoSuchPage(number)
            page = document[number - 1]
            image = page.render(scale=WIDTH / page.get_width()).to_pil().convert("RGB")
            page.close()
        finally:
            document.close()
    grey = image.convert("L")
    buffer = io.BytesIO()
    if ImageChops.difference(image, grey.convert("RGB")).getbbox() is None:
        levels = grey.point(lambda value: value >> 4)
        paletted = Image.frombytes("P", levels.size, levels.tobytes())
        paletted.putpalette(_GREYS)
        paletted.save(buffer, "PNG", bits=4)
        return buffer.getvalue(), "image/png"
    image.save(buffer, "JPEG", quality=JPEG_QUALITY, optimize=True)
    return buffer.getvalue(), "image/jpeg"
