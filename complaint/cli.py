"""The `complaint` command: check the PDF set-up, build the letter fonts, render a case file, prepare and purge the
database, serve."""
from __future__ import annotations

import datetime as dt
import json
import os
import sys
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import ScriptInfo, with_appcontext

from complaint import clock, create_app, letters
from complaint.config import ConfigError
from complaint.evidence.imports.cli import import_log_command
from complaint.law import findings, routing, rules
from complaint.law.deadlines import follow_ups
from complaint.law.plan import plan
from complaint.law.report import findings_report
from complaint.letters import fonts as letter_fonts
from complaint.letters import masking, preflight
from complaint.letters.history import history
from complaint.model import DOCUMENTS, FOLLOW_UPS, LETTER_LANGUAGES
from complaint.storage import casefile, protected


def _create_app() -> Flask:
    try:
        return create_app()
    except ConfigError as error:
        raise click.ClickException(str(error)) from error


class _Commands(click.Group):
    """Commands that need the app (`@with_appcontext`) get it from Flask's ScriptInfo: one built from the
    environment, or the app of Flask's test runner (app.test_cli_runner())."""

    def make_context(self, info_name, args, parent=None, **extra):
        extra.setdefault("obj", ScriptInfo(create_app=_create_app, set_debug_flag=False))
        return super().make_context(info_name, args, parent=parent, **extra)


@click.group(cls=_Commands)
def cli():
    """催收投诉助手 — complaint builder for people harassed by debt collectors."""


@cli.command("check")
def check_command():
    """Show whether PDFs made here will carry Chinese fonts and subset them quickly."""
    report = preflight.check()
    click.echo(f"Pango:                {report.pango}")
    click.echo(f"HarfBuzz:             {report.harfbuzz}")
    subsetting = "available" if report.subsetting == "harfbuzz" else "MISSING (fontTools fallback)"
    click.echo(f"HarfBuzz subsetting:  {subsetting}")
    click.echo(f"CJK fonts:            {', '.join(report.cjk_families) or 'NONE'}")
    click.echo(f"Letter fonts:         {', '.join(report.letter_fonts) or 'not built (run `complaint fonts`)'}")
    for warning in report.warnings:
        click.echo(f"WARNING: {warning}")
    for problem in report.problems:
        click.echo(f"PROBLEM: {problem}", err=True)
    if not report.ok:
        sys.exit(1)
    click.echo("OK: PDFs will embed Chinese fonts, subset with HarfBuzz.")


@cli.command("fonts")
def fonts_command():
    """Build the compact letter fonts (GB 2312 cut from Noto CJK SC) that make PDFs faster and smaller."""
    try:
        paths = letter_fonts.build_all()
    except letter_fonts.SourceFontMissing as error:
        raise click.ClickException(str(error)) from error
    for path in paths:
        click.echo(f"built {path} ({path.stat().st_size // 1024} KB)")


@cli.command("render")
@click.argument("case_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--document", "kind", type=click.Choice([*DOCUMENTS, *FOLLOW_UPS]), default="lender",
              show_default=True, help="reminder and review only where the lender letter's record calls for them.")
@click.option("--lang", type=click.Choice(LETTER_LANGUAGES), default=None,
              help="Letter language; defaults to the one chosen in the case, else Chinese.")
@click.option("--format", "output_format", type=click.Choice(["pdf", "text"]), default="pdf", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Where to write; text goes to standard output when omitted.")
@click.option("--date", "letter_date", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="The letter's date (default: today in TIMEZONE, Beijing unless set).")
@click.option("--masked", is_flag=True, help="Text only: hide ID, account and phone numbers and names, "
                                             "for public complaint platforms.")
def render_command(case_file: Path, kind: str, lang: str | None, output_format: str, output: Path | None,
                   letter_date: dt.datetime | None, masked: bool):
    """Render one document from a CASE_FILE (.json) as PDF or plain text."""
    today = letter_date.date() if letter_date else clock.today()
    case = _read_case(case_file, today)
    lang = lang or (case.documents.letter_lang if case.documents else "zh")
    if kind in FOLLOW_UPS and case.person and case.loan and case.incidents:
        loaded = rules.load()
        if kind not in follow_ups(case, loaded, plan(case, loaded, today).deadlines, today):
            raise click.ClickException(f"{case_file}: what it records about sending the lender letter does not call "
                                       f"for --document {kind} (see docs/case-file.md, documents.sent)")
    try:
        doc = letters.build(case, kind, lang, today)
    except letters.IncompleteCase as error:
        raise click.ClickException(f"{case_file} lacks what a letter needs: {', '.join(error.missing)}") from error
    if masked and output_format != "text":
        raise click.UsageError("--masked applies to --format text")
    if output_format == "text":
        text = letters.text(doc)
        if masked:
            text = masking.mask(text, case)
        if output:
            output.write_text(text, encoding="utf-8")
        else:
            click.echo(text, nl=False)
        return
    if output is None:
        raise click.UsageError("PDF output needs -o OUT.pdf")
    output.write_bytes(letters.pdf(doc))
    click.echo(f"wrote {output}", err=True)


@cli.command("summary")
@click.argument("case_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--lang", type=click.Choice(LETTER_LANGUAGES), default=None,
              help="Language; defaults to the one chosen for the case's letters, else Chinese.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True)
@click.option("--date", "as_of", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="The day it is as of, for passed and coming deadlines (default: today in TIMEZONE).")
def summary_command(case_file: Path, lang: str | None, output: Path, as_of: dt.datetime | None):
    """Print a CASE_FILE (.json) on one A4 page for a case meeting, as PDF."""
    today = as_of.date() if as_of else clock.today()
    case = _read_case(case_file, today)
    missing = [name for name in ("person", "loan", "incidents", "documents") if not getattr(case, name)]
    if missing:
        raise click.ClickException(f"{case_file} lacks what a summary needs: {', '.join(missing)}")
    lang = lang or case.documents.letter_lang
    output.write_bytes(letters.summary_pdf(history(case, rules.load(), today, lang)))
    click.echo(f"wrote {output}", err=True)


def _read_case(case_file: Path, today: dt.date):
    raw, password = case_file.read_bytes(), None
    if protected.is_protected(raw):
        password = os.environ.get("CASE_FILE_PASSWORD") or click.prompt(f"Password for {case_file}",
                                                                          hide_input=True, err=True)
    try:
        return casefile.loads(raw, today=today, password=password)
    except casefile.CaseFileError as error:
        raise click.ClickException(f"{case_file} is not a usable case file ({error})") from error


@cli.command("findings")
@click.argument("case_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--document", "kind", type=click.Choice(DOCUMENTS), default=None,
              help="Only the references this document may cite (default: all).")
def findings_command(case_file: Path, kind: str | None):
    """Print the findings of a CASE_FILE and the references each supports, as JSON."""
    case = _read_case(case_file, clock.today())
    loaded = rules.load()
    analysis = findings.analyse(case, loaded, document=kind)
    click.echo(json.dumps(findings_report(analysis, routing.route(case, loaded, analysis), case), ensure_ascii=False,
                          indent=2))


@cli.command("schema")
def schema_command():
    """Print the JSON Schema of case files (kept in docs/case-file.schema.json)."""
    click.echo(json.dumps(casefile.schema(), ensure_ascii=False, indent=2))


@cli.command("init-db")
@with_appcontext
def init_db_command():
    """Create or upgrade the database tables (safe to run again); run it once before starting the workers."""
    current_app.extensions["complaint_store"].migrate()
    click.echo("database ready")


def _purge(app: Flask) -> str:
    days = app.config["DRAFT_RETENTION_DAYS"]
    gone = app.extensions["complaint_store"].purge(dt.timedelta(days=days))
    return f"deleted {gone.drafts} draft(s) and {gone.files} evidence file(s) untouched for {days} days"


@cli.command("purge")
@with_appcontext
def purge_command():
    """Delete drafts untouched for DRAFT_RETENTION_DAYS (30 unless configured), with their files."""
    if not current_app.extensions["complaint_store"].ready():
        raise click.ClickException("the database is not initialised: run `complaint init-db` first")
    click.echo(_purge(current_app))


@cli.command("serve")
@with_appcontext
def serve_command():
    """Serve the site with Waitress on HOST:PORT (default 127.0.0.1:5000)."""
    from complaint.letters.warm import warm_up
    from complaint.web.server import serve

    app = current_app._get_current_object()
    if app.extensions["complaint_store"].ready():
        click.echo(_purge(app))
    else:
        click.echo("WARNING: the database is not initialised: pages answer 503 until `complaint init-db` runs",
                   err=True)
    warm_up(app)
    host, port = app.config["HOST"], app.config["PORT"]
    click.echo(f"serving on http://{host}:{port}  (stop with Ctrl-C)")
    # Letters waiting for a typesetting worker each hold a thread: keep a few more for everyone else's pages.
    serve(app, host=host, port=port, threads=max(8, app.config["PDF_WORKERS"] + app.config["PDF_QUEUE"] + 4))


cli.add_command(import_log_command)
