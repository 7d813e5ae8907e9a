"""Words the data may use and how dates are written; light enough for the app's first screen.

No pandas or GeoPandas here: the app imports this before the heavy stack.
"""

from __future__ import annotations

import datetime as dt
import re

CONTROLLERS = ("AZ", "ARM")
CONTROL_VALUES = (*CONTROLLERS, "split")
SCENARIOS = ("actual", "scheduled")
EVENT_SCENARIOS = ("both", *SCENARIOS)
CONFIDENCE = ("confirmed", "claimed", "disputed")
RESPONSES = ("", "denied", "conceded", "confirmed", "none_found")
EVENT_KINDS = ("control", "status", "info")
STATUSES = {
    "held": "held",
    "contested": "fighting reported",
    "taken": "taken in fighting",
    "scheduled_handover": "scheduled for handover",
    "handed_over": "handed over under the statement",
    "peacekeepers_zone": "in the Russian peacekeepers' zone",
    "blockaded": "road blocked",
    "reintegrated": "under Azerbaijani administration",
    "active": "in operation",
    "planned": "planned, not built",
    "closed": "no longer in use",
}
ANNOUNCERS = (
    "statement",
    "AZ_president",
    "AZ_MoD",
    "AZ_government",
    "ARM_MoD",
    "ARM_government",
    "NK_authorities",
    "RU_MoD",
    "RU_government",
    "media",
    "observers",
)


def parse_date(text: str) -> dt.date:
    """Parse a calendar day written YYYY-MM-DD; raise ValueError with the reason."""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text.strip()):
        raise ValueError(f"{text!r} is not a date written YYYY-MM-DD")
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"{text!r} is not a real calendar date") from None


def split_list(text: str) -> list[str]:
    """Split a ``;``-separated cell, dropping blanks."""
    return [part.strip() for part in text.split(";") if part.strip()]
