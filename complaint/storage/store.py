"""Drafts, their evidence files and typeset PDFs in the database, encrypted; the schema and its migrations."""
from __future__ import annotations

import datetime as dt
import json
import logging
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from complaint.model import Case
from complaint.storage import crypto

log = logging.getLogger(__name__)

metadata = sa.MetaData()
THUMBNAIL_SUFFIX = "-thumb"  # a picture's thumbnail is a file of its own; purge counts only the pictures

drafts = sa.Table(
    "drafts", metadata,
    sa.Column("id", sa.String(32), primary_key=True),
    sa.Column("sealed", sa.LargeBinary, nullable=False),  # AES-GCM ciphertext of the case and its resume code
    sa.Column("resume_lookup", sa.String(64), nullable=False, unique=True),
    sa.Column("wrapped_key", sa.LargeBinary, nullable=False),  # the draft key, encrypted under the resume code
    sa.Column("updated_at", sa.DateTime, nullable=False, index=True),  # UTC
    # Raised by every save; a save made from an older revision is refused (two tabs, two devices).
    sa.Column("revision", sa.Integer, nullable=False, server_default="1"),
)


files = sa.Table(
    "evidence_files", metadata,
    sa.Column("draft_id", sa.String(32), sa.ForeignKey("drafts.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("id", sa.String(16), primary_key=True),
    sa.Column("sealed", sa.LargeBinary, nullable=False),  # the re-encoded image, AES-GCM under the draft's key
)

pdfs = sa.Table(
    "pdf_cache", metadata,
    sa.Column("draft_id", sa.String(32), sa.ForeignKey("drafts.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("key", sa.String(64), primary_key=True),  # a hash of what the bytes depend on besides the answers
    sa.Column("revision", sa.Integer, nullable=False),
    sa.Column("sealed", sa.LargeBinary, nullable=False),  # the PDF, AES-GCM under the draft's key
)

resume_attempts = sa.Table(
    "resume_attempts", metadata,
    sa.Column("client", sa.String(64), primary_key=True),  # a keyed hash of the address, never the address
    sa.Column("attempts", sa.Text, nullable=False),  # times of recent attempts (seconds since the epoch)
    sa.Column("expires", sa.Float, nullable=False, index=True),
)

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


class NotInitialised(RuntimeError):
    """The database has no tables, or older ones: `complaint init-db` has not been run since the last upgrade."""


class StaleDraft(RuntimeError):
    """The draft was saved elsewhere (another tab or device) after this copy was read."""


class Purged(NamedTuple):
    drafts: int
    files: int


@dataclass
class Draft:
    """An open draft: the browser holds `id` and `key`; `resume_code` lets another device open it."""

    id: str
    key: bytes
    resume_code: str
    case: Case
    # Incidents read from a call log, awaiting confirmation, in their case-file form (model.to_dict), read back
    # through casefile.valid_incidents as a case file's incidents are.
    pending: list[dict] = field(default_factory=list)
    revision: int = 1
    pending_left_out: dict = field(default_factory=dict)  # what the import could not keep: counts and dates


class UnreadableDraft(Exception):
    """The key opens the draft, but what it holds cannot be turned into a case (it can still be deleted)."""

    def __init__(self, draft_id: str, key: bytes):
        super().__init__("unreadable draft")
        self.draft_id, self.key = draft_id, key


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _enable_secure_delete(dbapi_connection, _record) -> None:
    # Deleted drafts are overwritten with zeros instead of lingering in free pages of the file.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA secure_delete = ON")
    cursor.close()


def _private_sqlite_file(url: sa.URL) -> None:
    """Make the database file owner-only (0600) before SQLite creates it, and its folder 0700."""
    if not url.database or url.database == ":memory:" or url.database.startswith("file:"):
        return
    path = Path(url.database).resolve()
    if not path.parent.exists():
        path.parent.mkdir(parents=True)
        os.chmod(path.parent, 0o700)
    elif path.parent.stat().st_mode & 0o077:
        # Not narrowed here: it may be a folder others need (a project folder, /srv); the instance folder is.
        log.warning("the database's folder %s is open to other users: keep the database in a private folder",
                    path.parent)
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
    os.chmod(path, 0o600)


def _alembic_config(connection) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


HEAD = ScriptDirectory.from_config(_alembic_config(None)).get_current_head()


class Store:
    """Create, read, save, find by resume code, delete and purge drafts; keep their files and PDFs."""

    def __init__(self, database_url: str):
        url = sa.make_url(database_url)
        if url.drivername == "postgresql":
            url = url.set(drivername="postgresql+psycopg")  # the driver the `postgres` extra installs
        if url.get_backend_name() == "sqlite":
            _private_sqlite_file(url)
        self.engine = sa.create_engine(url)
        if self.engine.dialect.name == "sqlite":
            sa.event.listen(self.engine, "connect", _enable_secure_delete)
        self._ready = False

    def migrate(self) -> None:
        """Create or upgrade the tables to the newest schema: run once, by `complaint init-db`, not by workers."""
        with self.engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                # Two init-db at once (two servers deploying) wait for each other instead of racing.
                conn.execute(sa.text("SELECT pg_advisory_xact_lock(7468201)"))
            tables = sa.inspect(conn).get_table_names()
            if "drafts" in tables and "alembic_version" not in tables:
                command.stamp(_alembic_config(conn), "0001")  # made by create_all before there were migrations
            command.upgrade(_alembic_config(conn), "head")
        self._ready = True

    def ready(self) -> bool:
        """Whether `complaint init-db` has brought the tables up to this version's schema."""
        if not self._ready:
            try:
                with self.engine.connect() as conn:
                    self._ready = MigrationContext.configure(conn).get_current_revision() == HEAD
            except sa.exc.OperationalError:
                return False
        return self._ready

    def _seal(self, draft: Draft) -> bytes:
        payload = {"case": draft.case.to_dict(), "resume_code": draft.resume_code, "pending": draft.pending,
                   "pending_left_out": draft.pending_left_out}
        return crypto.seal(draft.key, json.dumps(payload, ensure_ascii=False).encode(), draft.id.encode())

    def create(self, case: Case) -> Draft:
        draft = Draft(id=crypto.new_draft_id(), key=crypto.new_key(), resume_code=crypto.new_resume_code(),
                      case=case)
        with self.engine.begin() as conn:
            conn.execute(drafts.insert().values(
                id=draft.id, sealed=self._seal(draft), resume_lookup=crypto.resume_lookup(draft.resume_code),
                wrapped_key=crypto.wrap_key(draft.resume_code, draft.key), updated_at=_utcnow()))
        return draft

    def load(self, draft_id: str, key: bytes) -> Draft | None:
        """The draft, or None when it is gone or the key does not open it; UnreadableDraft when it is damaged."""
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(drafts.c.sealed, drafts.c.revision).where(drafts.c.id == draft_id)).first()
        if row is None:
            return None
        sealed, revision = row
        try:
            plain = crypto.unseal(key, sealed, draft_id.encode())
        except crypto.DecryptError:
            return None
        try:
            payload = json.loads(plain)
            draft = Draft(id=draft_id, key=key, resume_code=payload["resume_code"],
                          case=Case.from_dict(payload["case"]), pending=list(payload.get("pending", [])),
                          pending_left_out=dict(payload.get("pending_left_out", {})), revision=revision)
        except (ValueError, ArithmeticError, TypeError, KeyError, AttributeError, RecursionError) as exc:
            raise UnreadableDraft(draft_id, key) from exc
        if not isinstance(draft.resume_code, str):
            raise UnreadableDraft(draft_id, key)
        return draft

    def save(self, draft: Draft, expected: int | None = None) -> None:
        """Write the draft if it is still at revision `expected` (its own when not given), then raise its revision.

        Raises StaleDraft when another save came first, so that save is never silently overwritten.
        """
        expected = draft.revision if expected is None else expected
        with self.engine.begin() as conn:
            written = conn.execute(drafts.update().where(drafts.c.id == draft.id, drafts.c.revision == expected)
                                   .values(sealed=self._seal(draft), updated_at=_utcnow(),
                                           revision=drafts.c.revision + 1)).rowcount
            if written != 1:
                raise StaleDraft(draft.id)
            conn.execute(pdfs.delete().where(pdfs.c.draft_id == draft.id))  # typeset from older answers
        draft.revision = expected + 1

    def open_with_code(self, code: str) -> Draft | None:
        """Find and open a draft from its resume code (already normalised); UnreadableDraft as for load()."""
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(drafts.c.id, drafts.c.wrapped_key)
                               .where(drafts.c.resume_lookup == crypto.resume_lookup(code))).first()
        if row is None:
            return None
        try:
            key = crypto.unwrap_key(code, row.wrapped_key)
        except crypto.DecryptError:
            return None
        return self.load(row.id, key)

    def put_file(self, draft: Draft, file_id: str, data: bytes) -> None:
        """Keep an evidence file, encrypted with the draft's own key."""
        sealed = crypto.seal(draft.key, data, f"{draft.id}:{file_id}".encode())
        with self.engine.begin() as conn:
            conn.execute(files.insert().values(draft_id=draft.id, id=file_id, sealed=sealed))

    def get_file(self, draft: Draft, file_id: str) -> bytes | None:
        with self.engine.connect() as conn:
            sealed = conn.execute(sa.select(files.c.sealed).where(files.c.draft_id == draft.id,
                                                                 files.c.id == file_id)).scalar()
        if sealed is None:
            return None
        try:
            return crypto.unseal(draft.key, sealed, f"{draft.id}:{file_id}".encode())
        except crypto.DecryptError:
            return None

    def delete_file(self, draft: Draft, file_id: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(files.delete().where(files.c.draft_id == draft.id, files.c.id == file_id))

    def get_pdf(self, draft: Draft, key: str) -> bytes | None:
        """A PDF typeset from this revision of the draft, or None."""
        with self.engine.connect() as conn:
            sealed = conn.execute(sa.select(pdfs.c.sealed).where(pdfs.c.draft_id == draft.id, pdfs.c.key == key,
                                                                pdfs.c.revision == draft.revision)).scalar()
        try:
            return None if sealed is None else crypto.unseal(draft.key, sealed, _pdf_context(draft, key))
        except crypto.DecryptError:
            return None

    def put_pdf(self, draft: Draft, key: str, data: bytes) -> None:
        """Keep a PDF typeset from this revision, encrypted with the draft's key (dropped by the next save)."""
        sealed = crypto.seal(draft.key, data, _pdf_context(draft, key))
        try:
            with self.engine.begin() as conn:
                conn.execute(pdfs.delete().where(pdfs.c.draft_id == draft.id, pdfs.c.key == key))
                conn.execute(pdfs.insert().values(draft_id=draft.id, key=key, revision=draft.revision,
                                                  sealed=sealed))
        except sa.exc.IntegrityError:
            pass  # the same PDF was kept by a parallel request, or the draft was deleted meanwhile

    def delete(self, draft_id: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(files.delete().where(files.c.draft_id == draft_id))
            conn.execute(pdfs.delete().where(pdfs.c.draft_id == draft_id))
            conn.execute(drafts.delete().where(drafts.c.id == draft_id))

    def purge(self, older_than: dt.timedelta, now: dt.datetime | None = None) -> Purged:
        """Delete drafts untouched for longer than `older_than` with their files and PDFs, and expired resume counts;
        say how many drafts and files went."""
        cutoff = (now or _utcnow()) - older_than
        stale = sa.select(drafts.c.id).where(drafts.c.updated_at < cutoff)
        with self.engine.begin() as conn:
            gone_files = conn.execute(sa.select(sa.func.count()).select_from(files).where(
                files.c.draft_id.in_(stale), files.c.id.not_like(f"%{THUMBNAIL_SUFFIX}"))).scalar()
            conn.execute(files.delete().where(files.c.draft_id.in_(stale)))
            conn.execute(pdfs.delete().where(pdfs.c.draft_id.in_(stale)))
            gone_drafts = conn.execute(drafts.delete().where(drafts.c.updated_at < cutoff)).rowcount
            # Resume counts go as the next attempt comes; this clears them when none does.
            conn.execute(resume_attempts.delete().where(resume_attempts.c.expires < time.time()))
        return Purged(drafts=gone_drafts, files=gone_files)


def thumbnail_id(file_id: str) -> str:
    """Where a picture's small copy is kept, beside the picture and deleted with the draft."""
    return f"{file_id}{THUMBNAIL_SUFFIX}"


def _pdf_context(draft: Draft, key: str) -> bytes:
    return f"{draft.id}:pdf:{draft.revision}:{key}".encode()
