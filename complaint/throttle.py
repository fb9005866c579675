"""Failed attempts counted per client over a sliding window, in memory, so guessing resume codes stays slow."""
from __future__ import annotations

import hashlib
import threading
import time
from collections import defaultdict, deque
from collections.abc import Callable


class Throttle:
    """At most `limit` failures per client in `window` seconds; a client past that waits for the oldest to expire.

    Clients are kept as hashes of their address, in this process only: nothing is written anywhere.
    """

    def __init__(self, limit: int, window: float, clock: Callable[[], float] = time.monotonic):
        self.limit = limit
        self.window = window
        self.clock = clock
        self._failures: dict[str, deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    @staticmethod
    def _key(client: str) -> str:
        return hashlib.sha256(b"complaint-throttle:" + client.encode()).hexdigest()[:32]

    def _recent(self, key: str, now: float) -> deque[float]:
        failures = self._failures[key]
        while failures and failures[0] <= now - self.window:
            failures.popleft()
        if not failures:
            del self._failures[key]  # forget clients who stopped failing
            return deque()
        return failures

    def wait(self, client: str) -> float:
        """Seconds until this client may try again; 0 when it may try now."""
        now = self.clock()
        with self._lock:
            failures = self._recent(self._key(client), now)
            return max(0.0, failures[0] + self.window - now) if len(failures) >= self.limit else 0.0

    def failed(self, client: str) -> None:
        """Count one failed attempt."""
        now = self.clock()
        with self._lock:
            key = self._key(client)
            self._recent(key, now)
            self._failures[key].append(now)
