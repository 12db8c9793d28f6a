"""The report's process stops numpy asking for huge pages, unless the environment says."""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from timescale_dsl.reporting.huge_pages import ENVIRONMENT, stop_asking_for_huge_pages

ROOT = Path(__file__).resolve().parents[2]
multiarray: Any = importlib.import_module("numpy._core.multiarray")


@pytest.fixture
def asking() -> Iterator[None]:
    """numpy asking for huge pages, as it does by default; restored after."""
    before = multiarray._set_madvise_hugepage(True)
    yield
    multiarray._set_madvise_hugepage(before)


def _now_asking() -> bool:
    current = bool(multiarray._set_madvise_hugepage(True))
    multiarray._set_madvise_hugepage(current)
    return current


@pytest.mark.usefixtures("asking")
def test_the_request_is_turned_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENVIRONMENT, raising=False)
    assert stop_asking_for_huge_pages() is True
    assert _now_asking() is False


@pytest.mark.usefixtures("asking")
@pytest.mark.parametrize("value", ["1", "0"])
def test_a_value_in_the_environment_stands(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv(ENVIRONMENT, value)
    assert stop_asking_for_huge_pages() is False
    assert _now_asking() is True  # as the fixture left it: the user's numpy decides


def test_the_report_command_turns_it_off(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    calls: list[bool] = []
    import timescale_dsl.reporting.huge_pages as huge_pages

    monkeypatch.setattr(huge_pages, "stop_asking_for_huge_pages", lambda: calls.append(True))
    from timescale_dsl.cli import main

    status = main(
        [
            "report", str(ROOT / "rulesets/lcs-liquidlogic.timescales"),
            str(ROOT / "examples/lcs-events.csv"), "--as-of", "2026-11-23",
            "--format", "json", "-o", str(tmp_path / "summary.json"), "--no-progress",
        ]
    )  # fmt: skip
    assert status == 0
    assert calls == [True]
