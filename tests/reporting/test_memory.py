"""The report's process takes memory it can reuse, unless the environment says otherwise."""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest

import timescale_dsl.reporting.memory as memory
from timescale_dsl.cli import main
from timescale_dsl.reporting.memory import ARROW_POOL, configure_memory

ROOT = Path(__file__).resolve().parents[2]
multiarray: Any = importlib.import_module("numpy._core.multiarray")


@pytest.fixture
def defaults(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """numpy asking for huge pages and Arrow on its default pool, restored after."""
    monkeypatch.delenv(ARROW_POOL, raising=False)
    asking = multiarray._set_madvise_hugepage(True)
    pool = pa.default_memory_pool()
    pa.set_memory_pool(pa.mimalloc_memory_pool())
    yield
    multiarray._set_madvise_hugepage(asking)
    pa.set_memory_pool(pool)


def _asking_for_huge_pages() -> bool:
    current = bool(multiarray._set_madvise_hugepage(True))
    multiarray._set_madvise_hugepage(current)
    return current


@pytest.mark.usefixtures("defaults")
def test_arrow_goes_on_the_system_allocator_and_numpy_keeps_its_default() -> None:
    assert configure_memory() == [ARROW_POOL]
    assert pa.default_memory_pool().backend_name == "system"
    assert _asking_for_huge_pages() is True  # numpy's own default, as the fixture left it


@pytest.mark.usefixtures("defaults")
@pytest.mark.parametrize("pool", ["mimalloc", "jemalloc"])
def test_a_value_in_the_environment_stands(monkeypatch: pytest.MonkeyPatch, pool: str) -> None:
    monkeypatch.setenv(ARROW_POOL, pool)
    assert configure_memory() == []
    assert pa.default_memory_pool().backend_name == "mimalloc"  # as the fixture left it


def test_the_report_command_configures_memory(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    calls: list[bool] = []
    monkeypatch.setattr(memory, "configure_memory", lambda: calls.append(True) or [])
    status = main(
        [
            "report", str(ROOT / "rulesets/lcs-liquidlogic.timescales"),
            str(ROOT / "examples/lcs-events.csv"), "--as-of", "2026-11-23",
            "--format", "json", "-o", str(tmp_path / "summary.json"), "--no-progress",
        ]
    )  # fmt: skip
    assert status == 0
    assert calls == [True]
