"""Problems found in the tour's files, each with the place a person can go and fix."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum


class Severity(str, Enum):
    error = "error"
    warning = "warning"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the content, at ``file:line:col`` (both 1-based)."""

    file: str
    line: int
    col: int
    message: str
    severity: Severity = Severity.error

    def __str__(self) -> str:
        label = "" if self.severity is Severity.error else "warning: "
        return f"{self.file}:{self.line}:{self.col}: {label}{self.message}"


class ContentError(Exception):
    """The tour could not be loaded; ``problems`` says every reason found, with places."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__(self.report())

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.error]

    def report(self) -> str:
        return "\n".join(str(p) for p in self.problems)


def said_by(error: Exception) -> str:
    """What a library said in ``error``, short, without the path it repeats."""
    text = str(error).strip().rstrip(".")
    text = re.sub(r"^Error opening '[^']*': ", "", text)
    return text[:120] or type(error).__name__
