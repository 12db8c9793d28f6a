"""Diagnostics written for the machines that read them: terminals, CI systems, tools.

``text`` is for people; ``json`` is this project's own schema (docs/diagnostics.md);
``github`` is GitHub Actions workflow commands, which put each finding on the
pull request's line; ``gitlab`` is a GitLab code-quality report; ``sarif`` is
SARIF 2.1.0, which GitHub code scanning and other tools read.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from .errors import Diagnostic, Severity, render_diagnostic

FORMATS = ("text", "json", "github", "gitlab", "sarif")


def summary(files: int, errors: int, warnings: int, strict: bool = False) -> str:
    noun = "file" if files == 1 else "files"
    line = f"checked {files} {noun}: {errors} error(s), {warnings} warning(s)"
    if strict and warnings:
        line += " (--strict: warnings fail the check)"
    return line


def as_text(findings: Sequence[Diagnostic], limit: int) -> list[str]:
    """Compiler-style diagnostics, at most ``limit`` of them, then how many more."""
    shown = findings[: max(limit, 0)]
    lines = [render_diagnostic(d) for d in shown]
    if len(findings) > len(shown):
        lines.append(f"... and {len(findings) - len(shown)} more")
    return lines


def as_json(files: Sequence[str], findings: Sequence[Diagnostic], strict: bool) -> str:
    errors = sum(d.is_error for d in findings)
    document = {
        "files": list(files),
        "errors": errors,
        "warnings": sum(d.severity is Severity.WARNING for d in findings),
        "strict": strict,
        "diagnostics": [d.to_dict() for d in findings],
    }
    return json.dumps(document, indent=2)


# Each tool's word for a severity; a note (which event a rule counts from) is for information.
_GITHUB_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.NOTE: "notice"}
_GITLAB_LEVELS = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.NOTE: "info"}


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_command(diagnostic: Diagnostic) -> str:
    """One ``::error`` or ``::warning`` workflow command for a diagnostic."""
    properties: list[tuple[str, object]] = []
    span = diagnostic.span
    if span is not None:
        end_line, end_column = span.end_line or span.line, span.end_column
        if end_line > span.line and (end_column or 1) <= 1:
            # A line's span that runs on to the start of a later line (its line
            # break) ends with that line.
            end_line, end_column = span.line, None
        properties += [("file", span.file), ("line", span.line)]
        # GitHub takes columns only within one line, and its end column is inclusive.
        if end_line == span.line:
            properties.append(("col", span.column))
        properties.append(("endLine", end_line))
        if end_line == span.line and end_column is not None:
            properties.append(("endColumn", max(end_column - 1, span.column)))
    properties.append(("title", diagnostic.code))
    listed = ",".join(f"{name}={_escape_property(str(value))}" for name, value in properties)
    message = diagnostic.message
    if diagnostic.hint:
        message += f"\nhint: {diagnostic.hint}"
    return f"::{_GITHUB_LEVELS[diagnostic.severity]} {listed}::{_escape_data(message)}"


def as_github(findings: Sequence[Diagnostic], limit: int) -> list[str]:
    shown = findings[: max(limit, 0)]
    lines = [github_command(d) for d in shown]
    if len(findings) > len(shown):
        lines.append(f"... and {len(findings) - len(shown)} more")
    return lines


def as_gitlab(findings: Sequence[Diagnostic]) -> str:
    """A GitLab code-quality report (the subset of Code Climate's format GitLab reads)."""
    import hashlib  # only for this format; keeps `timescale check` quick to start

    issues = []
    seen: dict[str, int] = {}
    for diagnostic in findings:
        span = diagnostic.span
        path = span.file if span else ""
        line = span.line if span else 1
        key = f"{diagnostic.code}|{path}|{line}|{diagnostic.message}"
        # Identical findings on one line still need distinct fingerprints.
        seen[key] = seen.get(key, 0) + 1
        fingerprint = hashlib.sha256(f"{key}|{seen[key]}".encode()).hexdigest()
        issues.append(
            {
                "description": f"{diagnostic.code}: {diagnostic.message}",
                "check_name": diagnostic.code,
                "fingerprint": fingerprint,
                "severity": _GITLAB_LEVELS[diagnostic.severity],
                "location": {"path": path, "lines": {"begin": line}},
            }
        )
    return json.dumps(issues, indent=2)


def _sarif_result(diagnostic: Diagnostic) -> dict[str, object]:
    result: dict[str, object] = {
        "ruleId": diagnostic.code,
        "level": diagnostic.severity.value,  # SARIF's levels: error, warning, note
        "message": {
            "text": diagnostic.message + (f" (hint: {diagnostic.hint})" if diagnostic.hint else "")
        },
    }
    span = diagnostic.span
    if span is not None:
        region: dict[str, int] = {"startLine": span.line, "startColumn": span.column}
        if span.end_line is not None and span.end_column is not None:
            # SARIF's end column, like the span's, is the column after the region.
            region |= {"endLine": span.end_line, "endColumn": span.end_column}
        uri = span.file.replace("\\", "/")
        result["locations"] = [
            {"physicalLocation": {"artifactLocation": {"uri": uri}, "region": region}}
        ]
    return result


def as_sarif(findings: Sequence[Diagnostic], version: str) -> str:
    """A SARIF 2.1.0 log with one run of the ``timescale`` tool."""
    codes = sorted({d.code for d in findings})
    log = {
        "version": "2.1.0",
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "timescale",
                        "version": version,
                        "rules": [{"id": code} for code in codes],
                    }
                },
                "results": [_sarif_result(d) for d in findings],
            }
        ],
    }
    return json.dumps(log, indent=2)
