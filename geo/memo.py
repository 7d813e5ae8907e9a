"""Caches kept on an object that several threads may fill at once.

A server runs its sessions' scripts in threads: when a class opens the app
together, thirty sessions ask for the same date-independent value (the
captions of a scenario, the map's base) in the same second. Without a lock
each would compute it; with one, the first computes and the others wait
for its result.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

T = TypeVar("T")

# One lock for every cache: what is computed under it never takes another lock,
# so it cannot deadlock, and values are computed once per object, not often.
_LOCK = threading.RLock()


def remember(owner: Any, name: str, key: Hashable, compute: Callable[[], T]) -> T:
    """``owner.<name>[key]``, computed by ``compute()`` the first time, once whatever the threads."""
    cache: dict[Hashable, Any] = owner.__dict__.setdefault(name, {})
    try:
        return cache[key]
    except KeyError:
        pass
    with _LOCK:
        if key not in cache:
            cache[key] = compute()
        return cache[key]
