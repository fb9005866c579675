"""Evidence images: the real type is what counts, metadata never survives, hostile or broken files are refused."""
from __future__ import annotations

import hashlib
import io
import struct
import zlib

import pytest
from helpers import gps_exif, screenshot
from PIL import ExifTags, Image, ImageFile, PngImagePlugin

from complaint.evidence.images import ImageRejected, fingerprint, sanitise


def photo(width: int = 400, height: int = 300, exif: Image.Exif | None = None, fmt: str = "JPEG") -> bytes:
    """A noisy photograph-like picture: left half reddish, right half bluish."""
    image = Image.new("RGB", (width, height), (220, 30, 50))
    image.paste((50, 30, 220), (width // 2, 0, width, height))
    noise = Image.effect_noise((width, height), 64).convert("RGB")
    image = Image.blend(image, noise, 0.3)
    buffer = io.BytesIO()
    image.save(buffer, fmt, **({"exif": exif} if exif is not None else {}))
    return buffer.getvalue()


def png_header_only(width: int, height: int) -> bytes:
    """A tiny PNG that claims to be enormous: a decompression bomb's calling card."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00" * 1024))
            + chunk(b"IEND", b""))


def reopened(result) -> Image.Image:
    image = Image.open(io.BytesIO(result.data))
    image.load()
    return image


def refused(data: bytes, code: str, **limits) -> None:
    with pytest.raises(ImageRejected) as caught:
        sanitise(data, **limits)
    assert caught.value.code == code, caught.value


def test_a_photo_with_gps_comes_out_with_no_exif_at_all():
    original = photo(exif=gps_exif())
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(ExifTags.IFD.GPSInfo)  # the sample does carry GPS
    result = sanitise(original)
    assert result.mime == "image/jpeg" and (result.width, result.height) == (400, 300)
    clean = reopened(result)
    assert clean.format == "JPEG" and len(clean.getexif()) == 0
    assert b"Exif" not in result.data and b"Xiaomi" not in result.data and b"Redmi" not in result.data
    assert not {"exif", "icc_profile", "comment", "xmp"} & set(clean.info)


def test_a_jpeg_comment_and_colour_profile_are_dropped_too():
    image = Image.open(io.BytesIO(photo()))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", comment=b"uploaded by 13800138000", icc_profile=b"profile of 13900000000")
    assert b"13800138000" in buffer.getvalue() and b"13900000000" in buffer.getvalue()
    clean = sanitise(buffer.getvalue()).data
    assert b"13800138000" not in clean and b"13900000000" not in clean and b"ICC_PROFILE" not in clean


def test_orientation_is_applied_before_the_metadata_goes():
    # Orientation 6: the camera was turned, the picture must be rotated 90 degrees clockwise to stand up.
    result = sanitise(photo(400, 300, exif=gps_exif(orientation=6)))
    assert (result.width, result.height) == (300, 400)
    clean = reopened(result).convert("RGB")
    top, bottom = clean.getpixel((150, 20)), clean.getpixel((150, 380))
    assert top[0] > top[2] and bottom[2] > bottom[0]  # the red left half is now on top


def test_a_png_renamed_jpg_is_read_as_png_and_a_screenshot_stays_png(tmp_path):
    renamed = tmp_path / "微信截图.jpg"
    renamed.write_bytes(screenshot())
    result = sanitise(renamed.read_bytes())
    assert result.mime == "image/png" and reopened(result).format == "PNG"
    assert (result.width, result.height) == (540, 1200)


def test_a_screenshot_keeps_no_text_chunks_or_colour_profile():
    image = Image.open(io.BytesIO(screenshot()))
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "13800138000")
    buffer = io.BytesIO()
    image.save(buffer, "PNG", pnginfo=info, icc_profile=b"profile of 13900000000")
    result = sanitise(buffer.getvalue())
    assert result.mime == "image/png"
    assert not {b"tEXt", b"iTXt", b"zTXt", b"iCCP", b"eXIf"} & png_chunks(result.data)
    assert b"13800138000" not in result.data


def png_chunks(data: bytes) -> set[bytes]:
    kinds, pos = set(), 8
    while pos < len(data):
        length = struct.unpack(">I", data[pos:pos + 4])[0]
        kinds.add(data[pos + 4:pos + 8])
        pos += 12 + length
    return kinds


def test_a_photo_saved_as_png_goes_out_as_jpeg():
    result = sanitise(photo(fmt="PNG"))
    assert result.mime == "image/jpeg" and len(result.data) < len(photo(fmt="PNG"))


def test_a_webp_is_accepted_and_comes_out_as_jpeg():
    result = sanitise(photo(fmt="WEBP"))
    assert result.mime == "image/jpeg" and (result.width, result.height) == (400, 300)


def test_big_pictures_are_brought_down_to_print_size():
    result = sanitise(photo(3000, 1000))
    assert (result.width, result.height) == (1600, 533)
    tall = sanitise(screenshot(1080, 2400))
    assert (tall.width, tall.height) == (720, 1600) and tall.mime == "image/png"


def test_the_fingerprint_is_of_the_original_upload():
    original = photo(exif=gps_exif())
    assert sanitise(original).sha256 == fingerprint(original) == hashlib.sha256(original).hexdigest()
    assert len(fingerprint(b"")) == 64


@pytest.mark.parametrize(("data", "code"), [
    (b"", "not_image"),
    ("这是一段文字，不是图片。\n".encode(), "not_image"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "not_image"),
    (b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 64, "unsupported"),
    (b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", "unsupported"),
    (b"\xff\xd8\xff\xe0" + b"\x00" * 40, "damaged"),
])
def test_files_that_are_not_usable_pictures_are_refused(data, code):
    refused(data, code)


def test_a_text_file_renamed_png_is_not_an_image(tmp_path):
    renamed = tmp_path / "evidence.png"
    renamed.write_text("催收短信记录", encoding="utf-8")
    refused(renamed.read_bytes(), "not_image")


# Importing WeasyPrint (as the app does to make PDFs) tells Pillow to accept truncated files process-wide.
@pytest.fixture(params=[False, True], ids=["pillow_default", "after_weasyprint"])
def truncated_images_allowed(request, monkeypatch):
    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", request.param)


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
@pytest.mark.parametrize("kept", [0.5, 0.9, 0.99])
def test_a_cut_off_picture_is_damaged(truncated_images_allowed, fmt, kept):
    whole = photo(exif=gps_exif(), fmt=fmt) if fmt == "JPEG" else photo(fmt=fmt)
    refused(whole[: int(len(whole) * kept)], "damaged")


def test_a_thumbnail_end_marker_does_not_pass_for_the_picture_end(truncated_images_allowed):
    thumbnail = io.BytesIO()
    Image.new("RGB", (40, 30), "red").save(thumbnail, "JPEG")
    body = b"Exif\x00\x00" + thumbnail.getvalue()  # phones embed a small JPEG, end marker and all, up front
    buffer = io.BytesIO()
    Image.open(io.BytesIO(photo())).save(buffer, "JPEG", progressive=True)
    whole = buffer.getvalue()
    whole = whole[:2] + b"\xff\xe1" + struct.pack(">H", len(body) + 2) + body + whole[2:]
    assert sanitise(whole).mime == "image/jpeg"
    refused(whole[:-200], "damaged")


def test_a_photo_whose_exif_points_past_its_end_is_never_a_crash():
    tiff = b"MM\x00*\x00\x00\x00\x08" + b"\x00\x01" + struct.pack(">HHII", 0x010F, 2, 100, 0x1000) + b"\x00" * 4
    body = b"Exif\x00\x00" + tiff
    whole = photo()
    broken = whole[:2] + b"\xff\xe1" + struct.pack(">H", len(body) + 2) + body + whole[2:]
    try:
        result = sanitise(broken)
    except ImageRejected as rejected:
        assert rejected.code == "damaged"  # where warnings are errors, as here
    else:
        assert b"Exif" not in result.data


@pytest.mark.parametrize("size", [(7000, 7000), (10000, 10000), (50000, 50000)],
                         ids=["over_our_limit", "pillow_warns", "pillow_refuses"])
def test_decompression_bombs_are_refused_without_decoding(size):
    refused(png_header_only(*size), "too_many_pixels")


def test_a_small_png_claiming_forty_million_pixels_is_refused_before_decoding():
    # 6300 x 6300 of one colour is a legal 130 KB PNG, and decoding it took 350 MB and seconds of CPU.
    buffer = io.BytesIO()
    Image.new("RGB", (6300, 6300), "white").save(buffer, "PNG")
    assert len(buffer.getvalue()) < 200_000
    refused(buffer.getvalue(), "too_many_pixels")


def test_a_long_screenshot_and_a_big_phone_photo_are_within_the_limits():
    long_screenshot = io.BytesIO()
    Image.new("RGB", (1080, 24000), (237, 237, 237)).save(long_screenshot, "PNG")
    assert sanitise(long_screenshot.getvalue()).height == 1600
    assert sanitise(photo(5712, 4284)).width == 1600  # an iPhone's 24 MP default


def test_the_limits_can_be_tightened():
    refused(photo(), "too_large", max_bytes=1000)
    refused(photo(), "too_many_pixels", max_pixels=100_000)
