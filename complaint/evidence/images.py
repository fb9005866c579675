"""Evidence photos and screenshots made safe to keep and print: real type checked, upright, no metadata, A4-sized."""
from __future__ import annotations

import hashlib
import io
import threading
import zlib
from dataclasses import dataclass

from PIL import Image, ImageOps

from complaint.config import DEFAULTS
from complaint.refusal import Refused

# The settings' defaults (complaint/config.py says why these numbers); the pixels are read from the header.
MAX_BYTES = DEFAULTS["EVIDENCE_FILE_BYTES"]
MAX_PIXELS = DEFAULTS["EVIDENCE_IMAGE_PIXELS"]
REQUEST_PIXELS = DEFAULTS["EVIDENCE_REQUEST_PIXELS"]
DECODES_AT_ONCE = 2  # pictures decoded at the same time in one process, so parallel uploads cannot add up
LONG_SIDE = 1600  # an A4 exhibit page (205 mm tall) at about 200 dpi: sharp in print, half the pixels of 300 dpi
JPEG_QUALITY = 85
THUMBNAIL_SIDE = 192  # px: the 96 CSS px a thumbnail takes on the evidence page, sharp on a 2x phone screen
THUMBNAIL_QUALITY = 70
PNG_BITS_PER_PIXEL = 8  # a PNG larger than this is a photograph in disguise: JPEG serves it better

# Content signatures. HEIC/HEIF (iPhone photos) share the ISO box header with AVIF; no decoder for them is
# both well kept and installable here, and iPhones send JPEG when a browser uploads a photo.
_SIGNATURES = {
    "JPEG": (b"\xff\xd8\xff",),
    "PNG": (b"\x89PNG\r\n\x1a\n",),
}
_OTHER_IMAGES = (b"GIF87a", b"GIF89a", b"BM", b"II*\x00", b"MM\x00*", b"\x00\x00\x01\x00")
_MIME = {"JPEG": "image/jpeg", "PNG": "image/png"}
_DECODING = threading.BoundedSemaphore(DECODES_AT_ONCE)
# Pillow's own check, on every picture it opens (WeasyPrint's too): warns above this, refuses above twice it.
Image.MAX_IMAGE_PIXELS = MAX_PIXELS


class ImageRejected(Refused):
    """The file is not kept.

    `code`: not_image | unsupported | too_large | too_many_pixels | request_full | damaged.
    """


class PixelBudget:
    """The pixels one request may still decode; pictures past it are refused, not decoded."""

    def __init__(self, pixels: int = REQUEST_PIXELS):
        self.left = pixels

    def spend(self, pixels: int) -> None:
        if pixels > self.left:
            raise ImageRejected("request_full", f"{pixels} pixels, {self.left} left")
        self.left -= pixels


@dataclass(frozen=True)
class Sanitised:
    data: bytes  # JPEG or PNG, no metadata at all
    mime: str  # "image/jpeg" | "image/png"
    width: int
    height: int
    sha256: str  # of the file as uploaded, so the original can later be shown to be the one described


def fingerprint(data: bytes) -> str:
    """The hex SHA-256 of a file's bytes."""
    return hashlib.sha256(data).hexdigest()


def kind_of(data: bytes) -> str:
    """'JPEG', 'PNG' or 'WEBP' from the file's first bytes, whatever its name says; else ImageRejected."""
    for kind, signatures in _SIGNATURES.items():
        if data.startswith(signatures):
            return kind
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WEBP"
    if data[4:8] == b"ftyp" or data.startswith(_OTHER_IMAGES):
        raise ImageRejected("unsupported", data[4:12].decode("ascii", "replace") if data[4:8] == b"ftyp" else "")
    raise ImageRejected("not_image")


def sanitise(data: bytes, max_bytes: int = MAX_BYTES, max_pixels: int = MAX_PIXELS,
             budget: PixelBudget | None = None) -> Sanitised:
    """A clean copy of an uploaded JPEG, PNG or WebP: EXIF orientation applied, then re-encoded without
    metadata and at most LONG_SIDE pixels on its long side. Raises ImageRejected."""
    if len(data) > max_bytes:
        raise ImageRejected("too_large", f"{len(data)} bytes")
    kind = kind_of(data)
    if not complete(data, kind):
        raise ImageRejected("damaged", "the file stops before its end")
    with _DECODING:
        image = _open(data, kind, max_pixels, budget)
        image.thumbnail((LONG_SIDE, LONG_SIDE), Image.Resampling.LANCZOS)
    try:
        # After the size is brought down, so the turn does not copy the full-size picture.
        image = ImageOps.exif_transpose(image)
    except Exception:  # noqa: BLE001 - a broken EXIF block only costs us the rotation, not the picture
        pass
    clean = _without_metadata(image)
    out, mime = _encode(clean, kind)
    return Sanitised(out, mime, clean.width, clean.height, fingerprint(data))


def _on_white(image: Image.Image) -> Image.Image:
    """A transparent picture laid on white, as JPEG needs (and as it would print)."""
    if image.mode != "RGBA":
        return image
    flat = Image.new("RGB", image.size, "white")
    flat.paste(image, mask=image.getchannel("A"))
    return flat


def thumbnail(data: bytes) -> bytes:
    """A small JPEG of an already cleaned picture, for the evidence list (a few KB instead of the whole picture)."""
    with Image.open(io.BytesIO(data)) as image:
        image.draft("RGB", (THUMBNAIL_SIDE, THUMBNAIL_SIDE))
        small = image.convert("RGBA" if image.mode in ("RGBA", "LA", "PA", "P") else "RGB")
    small.thumbnail((THUMBNAIL_SIDE, THUMBNAIL_SIDE))
    small = _on_white(small)
    buffer = io.BytesIO()
    small.save(buffer, "JPEG", quality=THUMBNAIL_QUALITY, optimize=True)
    return buffer.getvalue()


def complete(data: bytes, kind: str) -> bool:
    """Whether a JPEG, PNG or WebP runs to its end. Checked here, not left to Pillow, because importing
    WeasyPrint sets ImageFile.LOAD_TRUNCATED_IMAGES for the whole process, and Pillow then silently
    paints the missing part grey."""
    if kind == "PNG":
        return _png_complete(data)
    if kind == "JPEG":
        return _jpeg_complete(data)
    return len(data) >= 8 + int.from_bytes(data[4:8], "little")  # RIFF: the size of what follows


def _png_complete(data: bytes) -> bool:
    """Every chunk whole, with its checksum right, up to IEND."""
    pos = 8
    while pos + 12 <= len(data):
        length = int.from_bytes(data[pos:pos + 4], "big")
        end = pos + 12 + length
        if end > len(data) or zlib.crc32(data[pos + 4:end - 4]) != int.from_bytes(data[end - 4:end], "big"):
            return False
        if data[pos + 4:pos + 8] == b"IEND":
            return True
        pos = end
    return False


def _jpeg_complete(data: bytes) -> bool:
    """An end-of-image marker after the first scan. Headers are stepped over by their lengths, so an EXIF
    thumbnail's own end marker is not mistaken for the picture's; inside a scan, 0xFF is never followed by
    0xD9 except at the end."""
    pos = 2
    while pos + 4 <= len(data):
        if data[pos] != 0xFF:
            return False
        marker = data[pos + 1]
        if marker == 0xFF:  # fill byte
            pos += 1
        elif marker in (0x01, 0xD8) or 0xD0 <= marker <= 0xD7:  # markers without a length
            pos += 2
        elif marker == 0xDA:
            return data.find(b"\xff\xd9", pos) != -1
        elif marker == 0xD9:
            return False
        else:
            pos += 2 + int.from_bytes(data[pos + 2:pos + 4], "big")
    return False


def _open(data: bytes, kind: str, max_pixels: int, budget: PixelBudget | None) -> Image.Image:
    """The decoded first frame; the pixel count is checked from the header, before any decoding."""
    try:
        image = Image.open(io.BytesIO(data), formats=[kind])
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        # Pillow's own limit (about 89 MP warns, twice that fails); the warning only arrives here as an
        # exception when warnings are errors, as in the tests. Otherwise our smaller limit below applies.
        raise ImageRejected("too_many_pixels", str(exc)[:100]) from exc
    except (OSError, SyntaxError, ValueError, Warning) as exc:
        # Warning: a broken EXIF block makes Pillow warn while opening, an exception where warnings are errors.
        raise ImageRejected("damaged", str(exc)[:100]) from exc
    if image.width * image.height > max_pixels:
        raise ImageRejected("too_many_pixels", f"{image.width}x{image.height}")
    if budget is not None:
        budget.spend(image.width * image.height)
    try:
        if kind == "JPEG":
            image.draft("RGB", (LONG_SIDE, LONG_SIDE))  # decode big photos at a reduced scale: faster, less memory
        image.load()
    except Exception as exc:  # noqa: BLE001 - Pillow's decoders raise many kinds for broken files
        raise ImageRejected("damaged", str(exc)[:100]) from exc
    return image


def _without_metadata(image: Image.Image) -> Image.Image:
    """The pixels alone in a fresh image: no EXIF, GPS, ICC, comments or text chunks come along."""
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        mode = "RGBA"
    elif image.mode in ("1", "L", "I;16", "I", "F"):
        mode = "L"
    else:
        mode = "RGB"
    pixels = image.convert(mode)
    clean = Image.new(mode, pixels.size)
    clean.paste(pixels)
    return clean


def _encode(image: Image.Image, kind: str) -> tuple[bytes, str]:
    """PNG for screenshots, JPEG for photographs.

    Phone screenshots arrive as PNG and are mostly flat colour and text: PNG keeps the words of a chat sharp
    in print, where JPEG would blur them with artefacts, and stays small. A PNG that comes out above
    PNG_BITS_PER_PIXEL is photographic, and photographs (and every JPEG or WebP upload) go out as JPEG.
    """
    if kind == "PNG":
        buffer = io.BytesIO()
        image.save(buffer, "PNG", optimize=False)
        if buffer.tell() * 8 <= PNG_BITS_PER_PIXEL * image.width * image.height:
            return buffer.getvalue(), _MIME["PNG"]
    image = _on_white(image)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=JPEG_QUALITY, optimize=True)
    return buffer.getvalue(), _MIME["JPEG"]
