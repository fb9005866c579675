"""The `complaint import-log` command: print the calls and messages in a phone backup as JSON."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import click

from complaint.evidence.imports import deduplicate, read_log, select, to_json
from complaint.evidence.imports.records import DEFAULT_ZONE, MAX_RECORDS, MAX_ROWS, LogImportError, zone

REASONS = {
    "unreadable": "it cannot be read",
    "empty": "it is empty",
    "too_large": "it is too large",
    "too_many": f"it holds more than {MAX_RECORDS:,} records",
    "too_many_rows": f"it has more than {MAX_ROWS:,} rows",
    "too_complex": "its elements are nested deeper, or a record holds more, than in any backup",
    "not_xml": "it is not XML",
    "unsafe_xml": "it declares a DTD or entities, which backups never do",
    "not_backup": "it is XML but not an SMS Backup & Restore call or message backup",
    "damaged": "it is damaged or cut off",
    "bad_record": "a record in it cannot be read",
    "unknown_columns": "its columns are not recognised",
    "unknown_kind": "it is not a call log, message backup, call list (CSV) or list of recording names",
    "unknown_zone": "the timezone is unknown",
}


@click.command("import-log")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--number", "numbers", multiple=True,
              help="Keep only this number (repeatable); +86, spaces, dashes ignored.")
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), help="Keep records from this day on (YYYY-MM-DD).")
@click.option("--until", type=click.DateTime(["%Y-%m-%d"]), help="Keep records up to this day (YYYY-MM-DD).")
@click.option("--tz", default=DEFAULT_ZONE, show_default=True, help="Timezone the phone's local times are in.")
def import_log_command(files: tuple[Path, ...], numbers: tuple[str, ...], since: dt.datetime | None,
                       until: dt.datetime | None, tz: str):
    """Print the calls and messages in FILES (backup XML, call-list CSV, recording names) as a JSON list."""
    try:
        zone(tz)
    except LogImportError as error:
        raise click.BadParameter(f"unknown timezone {tz!r}", param_hint="--tz") from error
    records = []
    for file in files:
        try:
            records.extend(read_log(file, tz=tz))
        except LogImportError as error:
            detail = f" ({error.detail})" if error.detail else ""
            raise click.ClickException(f"{file} cannot be imported: {REASONS.get(error.code, error.code)}{detail}") \
                from error
    chosen = select(deduplicate(records), numbers, since.date() if since else None, until.date() if until else None)
    click.echo(json.dumps([to_json(record) for record in chosen], ensure_ascii=False, indent=1))
