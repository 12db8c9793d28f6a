"""Packages whose public names load on first use (PEP 562), so importing them stays light."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Mapping
from typing import Any


def lazy_getattr(package: str, homes: Mapping[str, str]) -> Callable[[str], Any]:
    """A module ``__getattr__`` importing ``package.HOME`` for each public name in ``homes``
    (or ``HOME`` itself, where it names a module from the top, ``timescale_dsl.…``).

    The value is then kept on the package, so each name costs one import.
    """

    def __getattr__(name: str) -> Any:
        home = homes.get(name)
        if home is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        module = home if home.startswith("timescale_dsl.") else f"{package}.{home}"
        value = getattr(importlib.import_module(module), name)
        setattr(sys.modules[package], name, value)
        return value

    return __getattr__
