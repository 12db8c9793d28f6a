"""A throwaway stand-in for a fresh Debian machine's system Python, for the README tests.

Current Debian and Ubuntu mark their system Python as externally managed (PEP
668): a file ``EXTERNALLY-MANAGED`` in its standard-library directory makes
``pip install`` refuse to touch it. pip ignores the marker inside a virtual
environment, so a venv cannot play that part: ``externally_managed_python``
builds a small Python installation of its own instead, a copy of the running
interpreter's executable beside links to its standard library, with the
marker added and pip as its only installed package.

The machine is offline: ``offline_environment`` lets pip find every dependency
already installed in the running environment (on ``PYTHONPATH``, without this
project) and build the project without downloading a build backend.
"""

from __future__ import annotations

import os
import shutil
import sys
import sysconfig
from pathlib import Path

import pytest

MARKER = """\
[externally-managed]
Error=This Python is managed by the system (a test stand-in for Debian's).
"""

#: Distributions of the running environment that the offline copy must not see.
OWN_PROJECT = ("timescale_dsl", "_editable_impl_timescale_dsl", "__editable__")


def externally_managed_python(root: Path) -> Path:
    """A Python at ``root/bin/python3`` whose pip refuses to install (PEP 668)."""
    base = Path(sys.base_prefix)
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    executable = Path(getattr(sys, "_base_executable", sys.executable)).resolve()
    stdlib = Path(sysconfig.get_path("stdlib", vars={"installed_base": str(base)}))
    if not (stdlib / "ensurepip").is_dir():
        pytest.skip(f"{executable} has no ensurepip (on Debian: the python3-venv package)")
    (root / "bin").mkdir(parents=True)
    shutil.copy2(executable, root / "bin" / version)
    (root / "bin" / "python3").symlink_to(version)
    lib = root / "lib"
    lib.mkdir()
    # A shared-library build finds libpython beside its own lib/ folder.
    for entry in (base / "lib").iterdir():
        if entry.name != version:
            (lib / entry.name).symlink_to(entry)
    own_stdlib = lib / version
    own_stdlib.mkdir()
    for entry in stdlib.iterdir():
        if entry.name not in ("site-packages", "dist-packages", "EXTERNALLY-MANAGED"):
            (own_stdlib / entry.name).symlink_to(entry)
    (own_stdlib / "EXTERNALLY-MANAGED").write_text(MARKER, encoding="utf-8")
    site_packages = own_stdlib / "site-packages"
    site_packages.mkdir()
    pip = Path(sysconfig.get_path("purelib")) / "pip"
    if pip.is_dir():  # so that the old README's `python3 -m pip install` meets the marker
        (site_packages / "pip").symlink_to(pip)
    return root / "bin" / "python3"


def installed_dependencies(root: Path) -> Path:
    """Links to every distribution installed here, except this project itself."""
    root.mkdir(parents=True)
    seen: set[str] = set()
    for folder in {sysconfig.get_path("purelib"), sysconfig.get_path("platlib")}:
        for entry in Path(folder).iterdir():
            if entry.name in seen or entry.name.startswith(OWN_PROJECT):
                continue
            if entry.suffix == ".pth" or entry.name == "__pycache__":
                continue
            seen.add(entry.name)
            (root / entry.name).symlink_to(entry)
    return root


def offline_environment(python: Path, dependencies: Path, home: Path) -> dict[str, str]:
    """The variables of a login on the fresh machine, with pip kept off the network."""
    path = [str(python.parent), "/usr/bin", "/bin"]
    # Some Python builds find their shared library only through this variable.
    library_path = {k: v for k, v in os.environ.items() if k == "LD_LIBRARY_PATH"}
    return {
        **library_path,
        "PATH": os.pathsep.join(path),
        "HOME": str(home),
        "LANG": "C.UTF-8",
        "PYTHONPATH": str(dependencies),
        "PIP_NO_INDEX": "1",
        "PIP_NO_CACHE_DIR": "1",
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
        # pip's negative options read "0" as "turn this off": build without isolation,
        # with the hatchling installed here, since no backend can be downloaded.
        "PIP_NO_BUILD_ISOLATION": "0",
    }
