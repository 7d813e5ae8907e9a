"""One error type for bad data, carrying every problem found at once."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """A single defect, located precisely enough for a person to fix it."""

    file: str
    where: str  # "row 12", "feature AZ-KAL", "" for the whole file
    message: str

    def __str__(self) -> str:
        location = f"{self.file}, {self.where}" if self.where else self.file
        return f"{location}: {self.message}"


class DataError(Exception):
    """Raised when input data is unusable; lists every problem, not just the first."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    @classmethod
    def single(cls, file: str, where: str, message: str) -> DataError:
        return cls([Problem(file, where, message)])


class UsageError(Exception):
    """A bad argument from a person (a date, a scenario name): one line, no traceback."""
