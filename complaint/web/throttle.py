"""Resume-code attempts counted per client over a sliding window, in the database every process and server shares."""
from __future__ import annotations

import hashlib
import hmac
import time
from collections.abc import Callable

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from complaint.storage.store import resume_attempts as table


class Throttle:
    """At most `limit` attempts per client in `window` seconds; a client past that waits for the oldest to expire.

    An attempt is counted before the code is checked, in one transaction that holds the client's row, so clients
    racing past the limit at once still get `limit` tries in all; a right code is then uncounted. Clients are
    kept as keyed hashes of their address (the secret key, so the few billion addresses cannot be tried back).
    """

    def __init__(self, engine: sa.Engine, secret: str, limit: int, window: float,
                 clock: Callable[[], float] = time.time):
        self.engine = engine
        self.secret = secret.encode()
        self.limit = limit
        self.window = window
        self.clock = clock

    def _key(self, client: str) -> str:
        return hmac.new(self.secret, b"complaint-throttle:" + client.encode(), hashlib.sha256).hexdigest()

    def _locked(self, conn, key: str, now: float) -> list[float]:
        """This client's attempts still inside the window, its row locked until the transaction ends."""
        insert = (postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert)(table)
        # Writing first takes SQLite's write lock (and PostgreSQL's on a new row); FOR UPDATE locks an old row.
        conn.execute(insert.values(client=key, attempts="", expires=now).on_conflict_do_nothing())
        stored = conn.execute(sa.select(table.c.attempts).where(table.c.client == key).with_for_update()).scalar()
        return [t for t in map(float, stored.split()) if t > now - self.window]

    def _store(self, conn, key: str, attempts: list[float], now: float) -> None:
        conn.execute(table.update().where(table.c.client == key).values(
            attempts=" ".join(f"{t:.3f}" for t in attempts), expires=max(attempts, default=now) + self.window))
        conn.execute(table.delete().where(table.c.expires < now))  # old counts go

    def attempt(self, client: str) -> float:
        """Count one attempt and return 0; at the limit, count nothing and return the seconds to wait."""
        now, key = self.clock(), self._key(client)
        with self.engine.begin() as conn:
            attempts = self._locked(conn, key, now)
            if len(attempts) >= self.limit:
                self._store(conn, key, attempts, now)
                return max(min(attempts) + self.window - now, 1.0)
            self._store(conn, key, attempts + [now], now)
            return 0.0

    def succeeded(self, client: str) -> None:
        """Uncount the latest attempt: it was a right code, and right codes should not hold anyone up."""
        now, key = self.clock(), self._key(client)
        with self.engine.begin() as conn:
            attempts = self._locked(conn, key, now)
            self._store(conn, key, attempts[:-1], now)
