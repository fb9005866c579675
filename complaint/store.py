"""Drafts and their evidence files in the database, encrypted: the only module that talks to the database."""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

import sqlalchemy as sa

from complaint import crypto
from complaint.model import Case

metadata = sa.MetaData()

drafts = sa.Table(
    "drafts", metadata,
    sa.Column("id", sa.String(32), primary_key=True),
    sa.Column("sealed", sa.LargeBinary, nullable=False),  # AES-GCM ciphertext of the case and its resume code
    sa.Column("resume_lookup", sa.String(64), nullable=False, unique=True),
    sa.Column("wrapped_key", sa.LargeBinary, nullable=False),  # the draft key, encrypted under the resume code
    sa.Column("updated_at", sa.DateTime, nullable=False, index=True),  # UTC
)


files = sa.Table(
    "evidence_files", metadata,
    sa.Column("draft_id", sa.String(32), sa.ForeignKey("drafts.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("id", sa.String(16), primary_key=True),
    sa.Column("sealed", sa.LargeBinary, nullable=False),  # the re-encoded image, AES-GCM under the draft's key
)


@dataclass
class Draft:
    """An open draft: the browser holds `id` and `key`; `resume_code` lets another device open it."""

    id: str
    key: bytes
    resume_code: str
    case: Case
    pending: list[dict] = field(default_factory=list)  # incidents read from a call log, awaiting confirmation


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


class Store:
    """Create, read, save, find by resume code, delete and purge drafts."""

    def __init__(self, database_url: str):
        self.engine = sa.create_engine(database_url)
        if self.engine.dialect.name == "sqlite":
            sa.event.listen(self.engine, "connect", _enable_secure_delete)

    def create_tables(self) -> None:
        metadata.create_all(self.engine)

    def _seal(self, draft: Draft) -> bytes:
        payload = {"case": draft.case.to_dict(), "resume_code": draft.resume_code, "pending": draft.pending}
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
            sealed = conn.execute(sa.select(drafts.c.sealed).where(drafts.c.id == draft_id)).scalar()
        if sealed is None:
            return None
        try:
            plain = crypto.unseal(key, sealed, draft_id.encode())
        except crypto.DecryptError:
            return None
        try:
            payload = json.loads(plain)
            draft = Draft(id=draft_id, key=key, resume_code=payload["resume_code"],
                          case=Case.from_dict(payload["case"]), pending=list(payload.get("pending", [])))
        except (ValueError, TypeError, KeyError, AttributeError, RecursionError) as exc:
            raise UnreadableDraft(draft_id, key) from exc
        if not isinstance(draft.resume_code, str):
            raise UnreadableDraft(draft_id, key)
        return draft

    def save(self, draft: Draft) -> None:
        with self.engine.begin() as conn:
            conn.execute(drafts.update().where(drafts.c.id == draft.id)
                         .values(sealed=self._seal(draft), updated_at=_utcnow()))

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

    def delete(self, draft_id: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(files.delete().where(files.c.draft_id == draft_id))
            conn.execute(drafts.delete().where(drafts.c.id == draft_id))

    def purge(self, older_than: dt.timedelta, now: dt.datetime | None = None) -> int:
        """Delete drafts untouched for longer than `older_than`, with their files; return how many went."""
        cutoff = (now or _utcnow()) - older_than
        stale = sa.select(drafts.c.id).where(drafts.c.updated_at < cutoff)
        with self.engine.begin() as conn:
            conn.execute(files.delete().where(files.c.draft_id.in_(stale)))
            return conn.execute(drafts.delete().where(drafts.c.updated_at < cutoff)).rowcount
