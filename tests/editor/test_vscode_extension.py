"""The VS Code extension's client: what it starts and hands to the server.

``editors/vscode/test/activate.js`` runs ``activate()`` with stand-ins for VS
Code and the language client and reports what the extension asked for.
"""

from __future__ import annotations

import json
import subprocess
from typing import Any

from .node import EXTENSION, require_node


def activate(settings: dict[str, Any]) -> dict[str, Any]:
    require_node("vscode-languageclient")
    result = subprocess.run(
        ["node", str(EXTENSION / "test" / "activate.js"), json.dumps(settings)],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_the_extension_starts_timescale_lsp_for_rule_files() -> None:
    manifest = json.loads((EXTENSION / "package.json").read_text(encoding="utf-8"))
    (language,) = manifest["contributes"]["languages"]
    seen = activate({})
    first = seen["clients"][0]
    assert first["serverOptions"]["command"] == "timescale"
    assert first["serverOptions"]["args"] == ["lsp"]
    assert {s["language"] for s in first["clientOptions"]["documentSelector"]} == {language["id"]}
    assert first["clientOptions"]["initializationOptions"] == {}
    (command,) = manifest["contributes"]["commands"]
    assert seen["commands"] == [["registered", command["command"]]]
    # activate, then the restart command: two clients started; each stopped in turn.
    assert seen["started"] == 2
    assert seen["stopped"] == 2


def test_the_settings_reach_the_server() -> None:
    seen = activate({"server.path": "/srv/venv/bin/timescale", "exampleDate": "2026-12-18"})
    first = seen["clients"][0]
    assert first["serverOptions"]["command"] == "/srv/venv/bin/timescale"
    assert first["clientOptions"]["initializationOptions"] == {"exampleDate": "2026-12-18"}
