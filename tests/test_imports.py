"""Call logs and messages from a phone: backups, CSV call lists, recording names, the import-log command."""
from __future__ import annotations

import base64
import datetime as dt
import io
import json
import subprocess
import sys
import tracemalloc
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from helpers import ROOT

from complaint.evidence.imports import LogImportError, deduplicate, read_log, select, to_json
from complaint.evidence.imports.android_xml import parse as parse_backup
from complaint.evidence.imports.grouping import group_into_incidents
from complaint.evidence.imports.records import MAX_ROWS
from complaint.model import Case
from complaint.storage import casefile

COMMAND = str(Path(sys.executable).with_name("complaint"))
UTC = dt.UTC
BEIJING = ZoneInfo("Asia/Shanghai")
COLLECTOR = "+8617000001234"


def ms(*when: int, tz=UTC) -> int:
    """Milliseconds since the epoch, as the backups store `date`."""
    return int(dt.datetime(*when, tzinfo=tz).timestamp() * 1000)


def call(date: int, number: str = COLLECTOR, kind: int = 1, duration: int = 0, presentation: int = 1) -> str:
    # Attributes as SMS Backup & Restore writes them, "null" strings included.
    return (f'  <call number="{number}" duration="{duration}" date="{date}" type="{kind}" presentation="{presentation}"'
            f' subscription_id="1" post_dial_digits="" subscription_component_name="null"'
            f' readable_date="2026年2月10日 下午10:30:00" contact_name="(Unknown)" />\n')


def calls_xml(*calls: str) -> bytes:
    return ("<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>\n"
            "<!--File Created By SMS Backup & Restore v10.20.002 on 11/02/2026 09:00:00-->\n"
            f'<calls count="{len(calls)}" backup_set="5d3b1c1e-6b07-4b5e-9c1d-3b8e2f0a1a11" '
            f'backup_date="1770800000000" type="full">\n{"".join(calls)}</calls>\n').encode()


def sms(date: int, body: str, address: str = COLLECTOR, kind: int = 1) -> str:
    return (f'  <sms protocol="0" address="{address}" date="{date}" type="{kind}" subject="null" body="{body}"'
            f' toa="null" sc_toa="null" service_center="null" read="1" status="-1" locked="0" date_sent="{date}"'
            f' sub_id="1" readable_date="x" contact_name="(Unknown)" />\n')


def mms(date: int, text: str, sender: str = COLLECTOR, box: int = 1) -> str:
    image = base64.b64encode(b"\xff\xd8\xff\xe0 pretend this is a court summons photo").decode()
    return (f'  <mms date="{date}" rr="null" sub="null" ct_t="application/vnd.wap.multipart.related" read_status="null"'
            f' seen="1" msg_box="{box}" address="{sender}~+8613900000000" sub_cs="null" resp_st="null" retr_st="null"'
            f' d_tm="null" text_only="0" exp="null" locked="0" m_id="null" st="null" retr_txt_cs="null"'
            f' retr_txt="null" creator="com.android.mms" date_sent="0" read="1" m_size="null" rpt_a="null"'
            f' ct_cls="null" pri="null" sub_id="1" tr_id="null" resp_txt="null" ct_l="null" m_cls="personal"'
            f' d_rpt="null" v="18" _id="42" m_type="132" readable_date="x" contact_name="(Unknown)">\n'
            '    <parts>\n'
            '      <part seq="-1" ct="application/smil" name="null" chset="null" cd="null" fn="null" cid="&lt;smil&gt;"'
            ' cl="smil.xml" ctt_s="null" ctt_t="null" text="&lt;smil&gt;&lt;body&gt;&lt;/body&gt;&lt;/smil&gt;" />\n'
            f'      <part seq="0" ct="image/jpeg" name="notice.jpg" chset="null" cd="null" fn="null" cid="&lt;0&gt;"'
            f' cl="notice.jpg" ctt_s="null" ctt_t="null" text="null" data="{image}" />\n'
            f'      <part seq="0" ct="text/plain" name="null" chset="106" cd="null" fn="null" cid="&lt;1&gt;"'
            f' cl="text_0.txt" ctt_s="null" ctt_t="null" text="{text}" />\n'
            '    </parts>\n'
            '    <addrs>\n'
            f'      <addr address="{sender}" type="137" charset="106" />\n'
            '      <addr address="+8613900000000" type="151" charset="106" />\n'
            '    </addrs>\n'
            '  </mms>\n')


def smses_xml(*items: str) -> bytes:
    return ("<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>\n"
            f'<smses count="{len(items)}" backup_set="x" backup_date="1770800000000" type="full">\n'
            f'{"".join(items)}</smses>\n').encode()


def refused(data, code: str, **kwargs) -> LogImportError:
    with pytest.raises(LogImportError) as caught:
        read_log(data, **kwargs)
    assert caught.value.code == code, caught.value
    return caught.value


# --- call backups -----------------------------------------------------------------------------------------------

def test_a_call_at_half_past_two_utc_is_a_night_call_in_beijing():
    records = read_log(calls_xml(call(ms(2026, 2, 10, 14, 30), kind=3), call(ms(2026, 2, 10, 13, 59), duration=75)))
    assert [to_json(r) for r in records] == [
        {"datetime": "2026-02-10T21:59:00+08:00", "channel": "call", "number": COLLECTOR, "direction": "incoming",
         "duration_s": 75},
        {"datetime": "2026-02-10T22:30:00+08:00", "channel": "call", "number": COLLECTOR, "direction": "missed",
         "duration_s": 0},
    ]
    [late] = [i for i in group_into_incidents(records) if "night_calls" in i.behaviours]
    assert late.time == "21:59" and late.times == 2  # the group starts at 21:59 but holds the 22:30 call


def test_the_timezone_can_be_chosen():
    [record] = read_log(calls_xml(call(ms(2026, 2, 10, 14, 30))), tz="Europe/London")
    assert to_json(record)["datetime"] == "2026-02-10T14:30:00+00:00"
    refused(calls_xml(call(ms(2026, 2, 10, 14, 30))), "unknown_zone", tz="Mars/Olympus")


def test_every_call_type_has_its_direction():
    kinds = {1: "incoming", 2: "outgoing", 3: "missed", 4: "voicemail", 5: "rejected", 6: "blocked"}
    records = read_log(calls_xml(*(call(ms(2026, 2, 10, 1, k), kind=k) for k in kinds)))
    assert [r.direction for r in records] == list(kinds.values())


def test_hidden_numbers_come_out_empty():
    records = read_log(calls_xml(call(ms(2026, 2, 10, 1, 0), number="-2"), call(ms(2026, 2, 10, 1, 1), number="null"),
                                 call(ms(2026, 2, 10, 1, 2), number=""), call(ms(2026, 2, 10, 1, 3), number="-1"),
                                 call(ms(2026, 2, 10, 1, 4), number="95588", presentation=2)))
    assert [to_json(r)["number"] for r in records] == ["", "", "", "", ""]
    [incident] = group_into_incidents(records)
    assert incident.source == "" and incident.times == 5 and incident.description.startswith("来电号码隐藏；")


def test_overlapping_backups_combine_without_duplicates(tmp_path):
    monday, tuesday, wednesday = (ms(2026, 2, d, 15, 0) for d in (9, 10, 11))
    first = tmp_path / "calls-20260210.xml"
    first.write_bytes(calls_xml(call(monday), call(tuesday, kind=3)))
    second = tmp_path / "calls-20260212.xml"
    second.write_bytes(calls_xml(call(tuesday, kind=3), call(wednesday), call(tuesday, number="13900000000")))
    combined = deduplicate(read_log(first) + read_log(second))
    assert [(r.when.day, r.number) for r in combined] == [(9, COLLECTOR), (10, COLLECTOR), (10, "13900000000"),
                                                          (11, COLLECTOR)]


def test_the_same_number_written_differently_is_one_number():
    records = read_log(calls_xml(call(ms(2026, 2, 10, 1, 0), number="+8617000001234"),
                                 call(ms(2026, 2, 10, 1, 0), number="170 0000 1234"),
                                 call(ms(2026, 2, 11, 1, 0), number="008617000001234"),
                                 call(ms(2026, 2, 12, 1, 0), number="13900000000")))
    assert len(deduplicate(records)) == 3
    chosen = select(records, numbers=["170-0000-1234"])
    assert len(chosen) == 3 and all(r.number != "13900000000" for r in chosen)
    assert select(records, numbers=["+86 139 0000 0000"])[0].number == "13900000000"


def test_select_by_dates_uses_local_days():
    records = read_log(calls_xml(*(call(ms(2026, 2, d, 16, 30)) for d in (8, 9, 10, 11))))  # 00:30 next day
    chosen = select(records, since=dt.date(2026, 2, 10), until=dt.date(2026, 2, 11))
    assert [r.when.date().isoformat() for r in chosen] == ["2026-02-10", "2026-02-11"]


# --- message backups --------------------------------------------------------------------------------------------

def test_messages_received_and_sent_but_not_drafts():
    records = read_log(smses_xml(
        sms(ms(2026, 2, 10, 15, 0), "再不还钱就通知你所有联系人"),
        sms(ms(2026, 2, 10, 15, 5), "请不要再联系我的家人", kind=2),
        sms(ms(2026, 2, 10, 15, 6), "草稿", kind=3),
        sms(ms(2026, 2, 10, 15, 7), "发送失败", kind=5),
        sms(ms(2026, 2, 10, 15, 8), "null"),
    ))
    assert [(r.direction, r.text) for r in records] == [
        ("received", "再不还钱就通知你所有联系人"), ("sent", "请不要再联系我的家人"), ("received", "")]
    assert to_json(records[0]) == {"datetime": "2026-02-10T23:00:00+08:00", "channel": "sms", "number": COLLECTOR,
                                   "direction": "received", "text": "再不还钱就通知你所有联系人"}


def test_an_mms_gives_its_sender_words_and_attachments():
    [record] = read_log(smses_xml(mms(ms(2026, 2, 10, 15, 0), "【法院传票】请于三日内到庭")))
    assert record.number == COLLECTOR and record.direction == "received"
    assert record.text == "【法院传票】请于三日内到庭\n[image/jpeg]"
    assert "smil" not in record.text


def test_a_sent_mms_is_one_message_per_recipient():
    records = read_log(smses_xml(mms(ms(2026, 2, 10, 15, 0), "请停止骚扰", box=2)))
    assert [(r.number, r.direction) for r in records] == [("+8613900000000", "sent")]


def test_messages_from_overlapping_backups_combine():
    first = read_log(smses_xml(sms(ms(2026, 2, 10, 15, 0), "还钱"), sms(ms(2026, 2, 10, 15, 0), "好的", kind=2)))
    second = read_log(smses_xml(sms(ms(2026, 2, 10, 15, 0), "还钱"), sms(ms(2026, 2, 11, 15, 0), "最后通知")))
    assert [(r.direction, r.text) for r in deduplicate(first + second)] == [
        ("received", "还钱"), ("sent", "好的"), ("received", "最后通知")]


# --- hostile and broken files ----------------------------------------------------------------------------------

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE calls [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<calls count="1"><call number="&lol9;" duration="0" date="1770733800000" type="1" /></calls>
"""

EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE smses [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<smses count="1"><sms address="10086" date="1770733800000" type="1" body="x">&secret;</sms></smses>
"""


@pytest.mark.parametrize("data", [BILLION_LAUGHS, EXTERNAL_ENTITY], ids=["billion_laughs", "external_entity"])
def test_entity_tricks_are_refused_as_unsafe(data):
    refused(data, "unsafe_xml")


def test_a_backup_cut_off_midway_is_refused_whole():
    whole = calls_xml(*(call(ms(2026, 2, 10, 14, n)) for n in range(20)))
    refused(whole[: len(whole) * 2 // 3], "damaged")


@pytest.mark.parametrize(("data", "code"), [
    (b"", "empty"),
    (b" \n\t", "empty"),
    (b"<html><body>not a backup</body></html>", "not_backup"),
    (b"<?xml version='1.0'?><!-- only a comment -->", "not_xml"),
    (b"<calls><call date", "damaged"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "unknown_kind"),
    ("你好，这不是通话记录".encode(), "unknown_kind"),
    (b"<?xml version='1.0' encoding='UTF-7'?><calls/>", "not_xml"),
    (b"<?xml version='1.0' encoding='klingon'?><calls/>", "not_xml"),
    (b"Date,Phone\n2026-02-10 22:15,138\r00138000\n", "damaged"),
    (b'<calls><call number="1" date="yesterday" type="1" /></calls>', "bad_record"),
    (b'<calls><call number="1" date="99999999999999999999" type="1" /></calls>', "bad_record"),
])
def test_unusable_files_get_a_reason(data, code):
    refused(data, code)


def peak_while_reading(data: bytes) -> tuple[LogImportError, int]:
    """The refusal reading `data` raises, and the most memory Python held meanwhile, in bytes."""
    tracemalloc.start()
    try:
        with pytest.raises(LogImportError) as caught:
            read_log(data)
        return caught.value, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


UNCLOSED = b"<?xml version='1.0'?><calls>" + b"<call>" * 1_000_000  # 6 MB of elements that never close
ENDLESS_RECORD = (b"<?xml version='1.0'?><calls><call date='1770733800000' type='1'>" + b"<x/>" * 1_500_000
                  + b"</call></calls>")  # 6 MB of children inside one call


@pytest.mark.parametrize("data", [UNCLOSED, ENDLESS_RECORD], ids=["unclosed", "endless_record"])
def test_a_file_built_to_fill_memory_is_refused_with_little_memory(data):
    # A correctness bound, far above what a real backup needs: unbounded, these files kept every element (+500 MB).
    problem, peak = peak_while_reading(data)
    assert problem.code == "too_complex"
    assert peak < 20 * 1024 * 1024


def test_a_large_real_backup_is_still_read_whole():
    data = smses_xml(*(mms(ms(2026, 2, 10, 1, n % 60, n // 60), "还钱") for n in range(300)))
    assert len(read_log(data)) == 300


def test_an_empty_file_on_disk_is_refused(tmp_path):
    path = tmp_path / "calls-empty.xml"
    path.write_bytes(b"")
    refused(path, "empty")


def test_a_file_over_the_size_limit_is_refused_before_reading(tmp_path):
    huge = tmp_path / "calls-huge.xml"
    with huge.open("wb") as stream:  # sparse: 101 MB on paper, nothing on disk
        stream.seek(101 * 1024 * 1024)
        stream.write(b">")
    refused(huge, "too_large")


def test_too_many_records_are_refused():
    data = calls_xml(*(call(ms(2026, 2, 10, 14, n % 60)) for n in range(11)))
    with pytest.raises(LogImportError) as caught:
        parse_backup(io.BytesIO(data), max_records=10)
    assert caught.value.code == "too_many"
    assert len(parse_backup(io.BytesIO(data), max_records=11)) == 11


def test_a_call_list_longer_than_any_real_one_is_refused_whole():
    rows = "".join(f"2026-02-{1 + n % 28:02d} 23:{n % 60:02d},170{n % 900:08d}\n" for n in range(MAX_ROWS + 1))
    refused(f"通话时间,号码\n{rows}".encode(), "too_many_rows")
    assert len(read_log(f"通话时间,号码\n{rows[:rows.rindex('2026')]}".encode())) == MAX_ROWS


# --- CSV call lists ---------------------------------------------------------------------------------------------

def test_a_chinese_call_list_saved_by_excel_in_gb18030():
    text = ("通话时间,对方号码,通话时长(秒),类型,联系人\r\n"
            "2026-02-10 22:15:00,170 0000 1234,0,未接,催收\r\n"
            "2026/2/10 23:40,170-0000-1234,1分23秒,呼入,催收\r\n"
            "2026年2月11日 7时05分,+86 170 0000 1234,00:00:09,拒接,\r\n"
            "2026-02-11 12:00,13900000000,00:02:00,呼出,妈妈\r\n")
    records = read_log(text.encode("gb18030"))
    assert [to_json(r) for r in records] == [
        {"datetime": "2026-02-10T22:15:00+08:00", "channel": "call", "number": "170 0000 1234",
         "direction": "missed", "duration_s": 0},
        {"datetime": "2026-02-10T23:40:00+08:00", "channel": "call", "number": "170-0000-1234",
         "direction": "incoming", "duration_s": 83},
        {"datetime": "2026-02-11T07:05:00+08:00", "channel": "call", "number": "+86 170 0000 1234",
         "direction": "rejected", "duration_s": 9},
        {"datetime": "2026-02-11T12:00:00+08:00", "channel": "call", "number": "13900000000",
         "direction": "outgoing", "duration_s": 120},
    ]
    assert len(select(records, numbers=["17000001234"])) == 3


def test_an_english_call_list_with_a_bom_and_separate_date_and_time():
    text = "\ufeffDate,Time,Phone,Duration,Direction\n2026-02-10,22:15,13800138000,83,Incoming\n" \
           "2026-02-10,下午11:40,13800138000,,missed\n"
    records = read_log(text.encode("utf-8"))
    assert [(r.when.strftime("%H:%M"), r.direction, r.duration_s) for r in records] == [
        ("22:15", "incoming", 83), ("23:40", "missed", None)]


def test_a_tab_separated_list_in_another_zone_is_read_in_that_zone():
    records = read_log("时间\t号码\n2026-02-10 22:15\t13800138000\n".encode(), tz="Asia/Tokyo")
    assert to_json(records[0])["datetime"] == "2026-02-10T22:15:00+09:00"
    assert records[0].direction == "incoming"


@pytest.mark.parametrize(("text", "code", "where"), [
    ("name,amount\n张三,100\n", "unknown_kind", "name,amount"),
    ("时间,备注\n2026-02-10 22:15,打了三次\n", "unknown_kind", ""),
    ("时间,号码\n2026-02-10,13800138000\n", "bad_record", "line 2"),
    ("时间,号码,类型\n2026-02-10 22:15,13800138000,视频通话\n", "bad_record", "视频通话"),
    ("时间,号码,时长\n2026-02-10 22:15,13800138000,很久\n", "bad_record", "很久"),
])
def test_a_call_list_that_cannot_be_read_says_where(text, code, where):
    assert where in refused(text.encode(), code).detail


# --- recording names --------------------------------------------------------------------------------------------

def test_recording_names_of_each_phone():
    names = ["13800138000_20260210231500.mp3",                      # MIUI
             "通话录音 138 0013 8000_20260210231600.m4a",            # MIUI with a formatted number
             "Call_20260210_231700_OUTGOING_13800138000.m4a",        # Samsung
             "通话录音 催收_260210_231800.m4a",                        # Samsung One UI
             "2026-02-10 23-19-00 呼出 +86 138-0013-8000.amr",       # a recorder's template
             ""]
    records = read_log("\n".join(names).encode())
    assert [(r.when.strftime("%Y-%m-%d %H:%M"), r.number, r.direction) for r in records] == [
        ("2026-02-10 23:15", "13800138000", "incoming"),
        ("2026-02-10 23:16", "13800138000", "incoming"),
        ("2026-02-10 23:17", "13800138000", "outgoing"),
        ("2026-02-10 23:18", "", "incoming"),
        ("2026-02-10 23:19", "+8613800138000", "outgoing"),
    ]
    assert all(r.when.utcoffset() == dt.timedelta(hours=8) for r in records)


def test_a_recording_itself_is_dated_by_its_name(tmp_path):
    audio = tmp_path / "Call_20260210_231500_INCOMING_13800138000.m4a"
    audio.write_bytes(b"\x00\x00\x00\x20ftypM4A \x00\x00\x00\x00")
    [record] = read_log(audio)
    assert record.when == dt.datetime(2026, 2, 10, 23, 15, tzinfo=BEIJING) and record.number == "13800138000"
    with pytest.raises(LogImportError):
        read_log(audio.read_bytes(), filename="voice note.m4a")


def test_a_list_with_a_line_that_is_not_a_recording_name_says_which():
    error = refused(b"20260210231500.mp3\nshopping list.txt\n", "bad_record")
    assert "line 2" in error.detail


# --- incidents --------------------------------------------------------------------------------------------------

def night_of_calls() -> list:
    beijing = [(22, 15, 3), (22, 40, 3), (23, 1, 1), (23, 10, 3), (23, 20, 5), (23, 40, 3)]
    calls = [call(ms(2026, 2, 10, h, m, tz=BEIJING), number="+86 170 0000 1234", kind=k, duration=65 if k == 1 else 0)
             for h, m, k in beijing]
    calls.append(call(ms(2026, 2, 11, 10, 0, tz=BEIJING), number="17000001234", kind=3))
    calls.append(call(ms(2026, 2, 11, 11, 0, tz=BEIJING), number="17000001234", kind=2))  # the user calling back
    return read_log(calls_xml(*calls))


def test_a_night_of_calls_becomes_one_incident_described_in_chinese():
    first, second = group_into_incidents(night_of_calls())
    assert (first.date.iso(), first.time, first.channel, first.source, first.times) == (
        "2026-02-10", "22:15", "call", "170 0000 1234", 6)
    # When, from which number and how often are the incident's own fields; the description adds the rest.
    assert first.description == "其中未接4次、拒接1次、接听1次，共通话1分5秒，最早22:15，最晚23:40。"
    assert first.behaviours == ["night_calls", "excessive_calls"]
    assert first.evidence == ["call_log"] and first.targets == ["self"]
    assert (second.date.iso(), second.times, second.behaviours) == ("2026-02-11", 1, ["other"])
    assert second.description == "未接。"


def test_a_letter_tells_an_imported_night_once_not_twice(case_factory):
    from complaint import letters

    case = case_factory(incidents=group_into_incidents(night_of_calls()))
    text = letters.text(letters.build(case, "lender", "zh", dt.date(2026, 11, 28)))
    sentence = next(line for line in text.splitlines() if line.startswith("（事件1）"))
    assert sentence == ("（事件1）2026年2月10日22时15分，催收人员使用号码170 0000 1234拨打本人的电话，共6次。"
                        "具体情况：其中未接4次、拒接1次、接听1次，共通话1分5秒，最早22:15，最晚23:40。")


def test_messages_become_incidents_quoting_what_was_said():
    records = read_log(smses_xml(sms(ms(2026, 2, 10, 7, 30, tz=BEIJING), "今天不还就上门"),
                                 sms(ms(2026, 2, 10, 9, 0, tz=BEIJING), "已经通知你单位"),
                                 mms(ms(2026, 2, 10, 9, 5, tz=BEIJING), "律师函")))
    [incident] = group_into_incidents(records)
    assert incident.channel == "sms" and incident.evidence == ["messages"] and incident.times == 3
    assert incident.behaviours == ["night_calls"]  # 07:30 is before 08:00
    assert incident.description == ("最早07:30，最晚09:05。"
                                    "内容：“今天不还就上门”；“已经通知你单位”；“律师函 [image/jpeg]”。")


def test_incidents_from_a_huge_log_fit_the_case_file(tmp_path):
    long_text = "还钱" * 400
    records = read_log(smses_xml(*(sms(ms(2026, 2, 10, 1, n % 60, n // 60), long_text) for n in range(120))))
    incidents = group_into_incidents(records)
    assert len(incidents) == 1 and len(incidents[0].description) <= 2000
    assert "条未列出" in incidents[0].description
    case = Case(incidents=incidents + group_into_incidents(night_of_calls()))
    loaded = casefile.loads(json.dumps(case.to_dict(), ensure_ascii=False), today=dt.date(2026, 11, 28))
    assert len(loaded.incidents) == 3


# --- the import-log command -------------------------------------------------------------------------------------

def run(*args):
    return subprocess.run([COMMAND, "import-log", *args], capture_output=True, text=True, cwd=ROOT, timeout=60)


def test_import_log_prints_the_chosen_records_as_json(tmp_path):
    first, second = tmp_path / "calls-1.xml", tmp_path / "calls-2.xml"
    first.write_bytes(calls_xml(call(ms(2026, 2, 9, 14, 30)), call(ms(2026, 2, 10, 14, 30), kind=3)))
    second.write_bytes(calls_xml(call(ms(2026, 2, 10, 14, 30), kind=3), call(ms(2026, 2, 10, 15, 0), number="10086"),
                                 call(ms(2026, 3, 1, 1, 0))))
    result = run(str(first), str(second), "--number", "170 0000 1234", "--since", "2026-02-10",
                 "--until", "2026-02-28")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [{"datetime": "2026-02-10T22:30:00+08:00", "channel": "call",
                                          "number": COLLECTOR, "direction": "missed", "duration_s": 0}]


def test_import_log_keeps_chinese_readable(tmp_path):
    path = tmp_path / "sms-1.xml"
    path.write_bytes(smses_xml(sms(ms(2026, 2, 10, 14, 30), "最后通知")))
    result = run(str(path))
    assert result.returncode == 0 and "最后通知" in result.stdout
    assert json.loads(result.stdout)[0]["text"] == "最后通知"


@pytest.mark.parametrize(("content", "reason"), [
    (BILLION_LAUGHS, "declares a DTD or entities"),
    (b"", "it is empty"),
    (calls_xml(call(1770733800000))[:200], "damaged or cut off"),
    (UNCLOSED, "nested deeper"),
])
def test_import_log_fails_with_a_one_line_reason(tmp_path, content, reason):
    path = tmp_path / "calls-bad.xml"
    path.write_bytes(content)
    result = run(str(path))
    assert result.returncode != 0 and result.stdout == ""
    assert reason in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_import_log_refuses_an_unknown_timezone(tmp_path):
    path = tmp_path / "calls.xml"
    path.write_bytes(calls_xml(call(1770733800000)))
    result = run(str(path), "--tz", "Beijing")
    assert result.returncode != 0 and "unknown timezone" in result.stderr
