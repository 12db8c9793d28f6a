"""The rulesets shipped with the package, found by name ("lcs-liquidlogic").

In a wheel they live in ``timescale_dsl/rulesets/``; in a source checkout
they are read from the tree's top-level ``rulesets/`` folder.
"""

from __future__ import annotations

from pathlib import Path

SUFFIX = ".timescales"


def _folder() -> Path:
    from importlib import resources  # a few milliseconds that `timescale check` need not pay

    packaged = resources.files("timescale_dsl").joinpath("rulesets")
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[2] / "rulesets"


def bundled_rulesets() -> tuple[str, ...]:
    """The names of the bundled rulesets, for ``load_ruleset(name)`` and the CLI."""
    folder = _folder()
    if not folder.is_dir():
        return ()
    return tuple(sorted(p.name.removesuffix(SUFFIX) for p in folder.glob(f"*{SUFFIX}")))


def bundled_path(name: str) -> Path | None:
    """The file of a bundled ruleset, by name with or without its suffix; None if none."""
    stem = name.removesuffix(SUFFIX)
    if stem not in bundled_rulesets():
        return None
    return _folder() / f"{stem}{SUFFIX}"
