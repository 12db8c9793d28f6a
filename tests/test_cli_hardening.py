"""The command line never prints a traceback: one line per problem, --debug to see more."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import timescale_dsl.binding as binding
import timescale_dsl.check as checker
from timescale_dsl.cli import main


def test_check_keeps_going_after_a_bad_file_and_json_still_prints(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a-good.timescales").write_text("A within 1 day of x\n", encoding="utf-8")
    (tmp_path / "b-binary.timescales").write_bytes(b"\xff\xfe\x00 not text")
    (tmp_path / "c-huge.timescales").write_text(
        "closed 0001-01-01 to 9999-12-31\nA within 1 day of x\n", encoding="utf-8"
    )
    (tmp_path / "d-deep.timescales").write_text(
        "A within 1 day of x if " + "not " * 5000 + "y\n", encoding="utf-8"
    )
    (tmp_path / "e-bad-date.timescales").write_text(
        "closed 2026-02-30\nA within 1 day of x\n", encoding="utf-8"
    )
    assert main(["check", "--json", str(tmp_path)]) == 1
    out = capsys.readouterr()
    data = json.loads(out.out)
    assert len(data["files"]) == 5
    by_file = {Path(d["file"]).name: d["code"] for d in data["diagnostics"]}
    assert by_file == {
        "b-binary.timescales": "TS002",
        "c-huge.timescales": "TS132",
        "d-deep.timescales": "TS136",
        "e-bad-date.timescales": "TS135",
    }
    assert "Traceback" not in out.err


def test_a_failure_inside_the_checker_is_a_finding_and_the_other_files_are_checked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a-breaks.timescales").write_text("A within 1 day of x\n", encoding="utf-8")
    (tmp_path / "b-typo.timescales").write_text("A wihtin 1 day of x\n", encoding="utf-8")
    real = checker.check_ruleset_text

    def breaks_on_a(text: str, path: str = "<string>") -> list[object]:
        if path.endswith("a-breaks.timescales"):
            raise ZeroDivisionError("a bug")
        return real(text, path)  # type: ignore[return-value]

    monkeypatch.setattr(checker, "check_ruleset_text", breaks_on_a)
    assert main(["check", "--json", str(tmp_path)]) == 1
    data = json.loads(capsys.readouterr().out)
    codes = {Path(d["file"]).name: d["code"] for d in data["diagnostics"]}
    assert codes["a-breaks.timescales"] == "TS000"
    assert "b-typo.timescales" in codes


def test_an_unexpected_failure_is_one_line_and_debug_shows_the_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> object:
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(binding, "parse_rule", broken)
    args = ["due", "--statement", "A within 1 day of x", "--fact", "x=2026-01-05"]
    assert main(args) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "internal error (ZeroDivisionError: a bug)" in err and "--debug" in err
    with pytest.raises(ZeroDivisionError):
        main(["--debug", *args])


@pytest.mark.parametrize(
    ("statement", "fact", "message"),
    [
        ("A within 10 days of x", "x=9999-12-28", "years 1 to 9999"),
        ("A 3 months before x", "x=0001-01-05", "years 1 to 9999"),
        ("A within 99999 days of x", "x=2026-01-05", "counts go up to 10000"),
        ("A on the 0th birthday", "date of birth=2020-01-01", "a birthday must be"),
        ("A within 1 working day of x", "x=2101-06-01", "vouches for"),
    ],
)
def test_due_on_extreme_input_is_one_line(
    statement: str, fact: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["due", "--statement", statement, "--fact", fact]) == 1
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_unreadable_rule_file_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rules = tmp_path / "rules.timescales"
    rules.write_bytes(b"A within 1 day of x\n\xff\n")
    assert main(["list", str(rules)]) == 1
    err = capsys.readouterr().err
    assert "not UTF-8 text" in err and err.count("\n") == 1


def test_due_bounds_the_projection(capsys: pytest.CaptureFixture[str]) -> None:
    args = ["due", "--statement", "A within 1 day of x, then every 1 day", "--fact", "x=2026-01-05"]
    assert main([*args, "--project", "1000000000"]) == 2
    assert "--project 1000000000: give 0 to 1000" in capsys.readouterr().err
    assert main([*args, "--project", "3", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["schedule"] == [
        "2026-01-07",
        "2026-01-08",
        "2026-01-09",
    ]


def test_sample_data_bounds_the_rows(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rules = tmp_path / "r.timescales"
    rules.write_text("A within 1 day of x\n", encoding="utf-8")
    with pytest.raises(SystemExit) as raised:
        main(["sample-data", str(rules), "--rows", "10" + "0" * 12, "-o", str(tmp_path / "x.csv")])
    assert raised.value.code == 2
    assert "give 1 to 100,000,000" in capsys.readouterr().err
