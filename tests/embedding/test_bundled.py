"""Bundled rulesets by name, in the API and every CLI command; file errors are the library's."""

from __future__ import annotations

import json

import pytest

from timescale_dsl import RulesetFileError, TimescaleError, bundled_rulesets, load_ruleset
from timescale_dsl.cli import main

NAMES = ("lcs-liquidlogic", "recording-timescales-framework")


def test_bundled_names_are_listed():
    assert bundled_rulesets() == NAMES


@pytest.mark.parametrize("name", NAMES)
def test_loads_by_name_from_any_directory(name, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    ruleset = load_ruleset(name)
    assert len(ruleset) > 10
    assert ruleset.path.endswith(f"{name}.timescales")
    assert load_ruleset(f"{name}.timescales").path == ruleset.path


def test_a_local_file_of_that_name_wins(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "lcs-liquidlogic").write_text('"Mine" within 2 days of x\n', encoding="utf-8")
    assert [r.task for r in load_ruleset("lcs-liquidlogic")] == ["Mine"]


def test_a_misspelt_name_is_a_library_error_with_a_suggestion(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(RulesetFileError) as caught:
        load_ruleset("lcs-liquidlogik")
    assert isinstance(caught.value, TimescaleError)
    assert caught.value.path == "lcs-liquidlogik"
    assert caught.value.suggestion == "lcs-liquidlogic"
    assert "did you mean 'lcs-liquidlogic'" in str(caught.value)


def test_unreadable_files_are_library_errors_naming_the_path(tmp_path):
    folder = tmp_path / "rules.timescales"
    folder.mkdir()
    with pytest.raises(RulesetFileError, match=r"rules\.timescales: not a file"):
        load_ruleset(folder)
    binary = tmp_path / "bad.timescales"
    binary.write_bytes(b"\xff\xfe\xfa not text")
    with pytest.raises(RulesetFileError, match=r"bad\.timescales: not UTF-8"):
        load_ruleset(binary)


@pytest.mark.parametrize(
    "argv",
    [
        ["list", "lcs-liquidlogic"],
        ["check", "lcs-liquidlogic"],
        ["fmt", "--check", "recording-timescales-framework"],
        [
            "due",
            "lcs-liquidlogic",
            "--rule",
            "lcs-referral-record",
            "--fact",
            "referral=2026-12-01",
            "--json",
        ],
    ],
)
def test_every_command_takes_a_bundled_name(argv, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    status = main(argv)
    out, err = capsys.readouterr()
    assert status in (0, 1) and "no such file" not in err, err
    if argv[0] == "fmt":
        assert status == 0  # the bundled rulesets are tidy; a tidy file prints nothing
    else:
        assert out


def test_list_without_a_ruleset_names_the_bundled_ones(capsys):
    assert main(["list", "--json"]) == 0
    assert tuple(json.loads(capsys.readouterr().out)) == NAMES


def test_fmt_will_not_rewrite_a_bundled_ruleset(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["fmt", "--write", "lcs-liquidlogic"]) == 2
    assert "bundled" in capsys.readouterr().err


def test_unknown_ruleset_is_a_usage_error(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["list", "nope"]) == 2
    assert "nope: no such file" in capsys.readouterr().err


def test_fmt_names_a_file_that_is_not_text(tmp_path, capsys):
    binary = tmp_path / "bad.timescales"
    binary.write_bytes(b"\xff\xfe\xfa not text")
    assert main(["fmt", str(binary)]) == 1
    assert "bad.timescales: not UTF-8 text" in capsys.readouterr().err


def test_check_reports_a_file_that_is_not_text_as_a_finding(tmp_path, capsys):
    binary = tmp_path / "bad.timescales"
    binary.write_bytes(b"\xff\xfe\xfa not text")
    assert main(["check", str(binary)]) == 1
    assert "bad.timescales:1:1: error: not UTF-8" in capsys.readouterr().out


def test_report_commands_take_a_bundled_name(tmp_path, monkeypatch, capsys):
    pytest.importorskip("pandas")
    monkeypatch.chdir(tmp_path)
    assert (
        main(["sample-data", "lcs-liquidlogic", "--rows", "40", "--seed", "2", "-o", "log.csv"])
        == 0
    )
    assert main(["report", "lcs-liquidlogic", "log.csv", "--as-of", "2026-11-23"]) == 0
    assert "no such file" not in capsys.readouterr().err
