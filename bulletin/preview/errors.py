"""What went wrong in a build, read from what the build printed (`python -m site_build`).

A build reports a problem in one of three ways. An article or sidecar with errors stops the
build before anything is rendered: each problem is printed as `error: file:line: message`
(plugins/content_checks) and the build ends with status 1. An error Pelican goes on from is a
logged record, printed by Pelican's log handler as `[time] ERROR    message    source.py:NN`.
A failure ends the build with a Python traceback and status 1 (a template that does not
compile, a bug): the exception is its last line, and the place to look is the innermost frame
inside the project (a template, a plugin).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

# [15:02:49] ERROR    message    generators.py:721   (the time is left out when unchanged)
_RECORD = re.compile(r"^(?:\[[\d:. ]+\]\s+|\s+)?(?P<level>[A-Z]+)\s{2,}(?P<message>.*?)\s*$")
_SOURCE = re.compile(r"\s{2,}[\w.-]+\.py:\d+$")  # where the record was logged, at the right
_LEVELS = {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}
_AT_LINE = re.compile(r"^(?P<file>[^\s:][^:]*?\.\w+):(?P<line>\d+): (?P<message>.+)$")
_PRINTED = re.compile(r"^error: (?P<message>.+)$")  # the content checks' lines
_FRAME = re.compile(r'^\s*File "(?P<file>[^"]+)", line (?P<line>\d+)')


@dataclass(frozen=True)
class BuildError:
    message: str
    file: str = ""  # relative to the project when inside it
    line: int = 0

    def __str__(self) -> str:
        place = f"{self.file}:{self.line}" if self.line else self.file
        return f"{place}: {self.message}" if place else self.message


def build_errors(printed: str, status: int, root: Path) -> list[BuildError]:
    """The errors in a build's output (each once; the editions' runs log the same twice);
    when the build failed (`status` not 0) and nothing more precise was found, its last words."""
    found: list[BuildError] = []
    lines = printed.splitlines()
    found += [_located(m["message"]) for line in lines if (m := _PRINTED.match(line))]
    found += _logged_errors(lines)
    if status != 0 and not found:
        found.append(_failure(lines, Path(root)))
    return list(dict.fromkeys(found))


def _logged_errors(lines: list[str]) -> list[BuildError]:
    records: list[list[str]] = []  # ERROR records, each its message lines
    current: list[str] | None = None
    column = 0  # where a record's message starts; its further lines are indented as far
    for line in lines:
        match = _RECORD.match(line)
        if match and match["level"] in _LEVELS:
            current = None
            if match["level"] in ("ERROR", "CRITICAL"):
                current = [_SOURCE.sub("", match["message"])]
                records.append(current)
                column = match.start("message")
        elif current is not None and line.strip() and not line[:column].strip():
            current.append(_SOURCE.sub("", line).strip())  # a message of several lines
        else:
            current = None
    errors = [_located(" ".join(record)) for record in records]
    # "Could not process <file>" says no more than the precise record before it did
    located = {error.file for error in errors if error.line}
    return [error for error in errors if not _said_before(error, located)]


def _said_before(error: BuildError, located: set[str]) -> bool:
    before, said, file = error.message.partition("Could not process ")
    return not before and bool(said) and any(path.endswith(file.strip()) for path in located)


def _located(message: str) -> BuildError:
    match = _AT_LINE.match(message)
    if match:
        return BuildError(match["message"], match["file"], int(match["line"]))
    return BuildError(message)


def _in_project(path: Path, root: Path) -> bool:
    """A file of the project's own, other than the runner every traceback passes through."""
    if not path.is_relative_to(root) or "site-packages" in path.parts:
        return False
    return not path.relative_to(root).as_posix().startswith("plugins/site_build/")


def _failure(lines: list[str], root: Path) -> BuildError:
    """The exception a failed build ended with, at the innermost frame inside the project."""
    start = max((i for i, line in enumerate(lines) if line.startswith("Traceback")), default=-1)
    if start < 0:  # no traceback: the build's own last words ("build not started: ...")
        said = [line.strip() for line in lines if line.strip()]
        return BuildError(said[-1] if said else "the build failed")
    place, line_number, exception = "", 0, "the build failed"
    for line in lines[start + 1 :]:
        frame = _FRAME.match(line)
        if frame:
            path = Path(frame["file"])
            if _in_project(path, root):
                place, line_number = path.relative_to(root).as_posix(), int(frame["line"])
        elif line and not line[0].isspace():
            exception = line.strip()  # the first unindented line after the frames
            break
    return BuildError(exception, place, line_number)
