"""A small Language Server Protocol client for the tests: JSON-RPC over a subprocess's pipes.

Messages are framed with ``Content-Length`` headers, as the protocol says. A
reader thread collects what the server sends; every wait is bounded, so a
server that hangs fails the test instead of blocking the suite.
"""

from __future__ import annotations

import itertools
import json
import os
import queue
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import timescale_dsl

#: Seconds any single answer may take; generous, as the test machine is shared.
TIMEOUT = 30.0


class ServerError(Exception):
    """The server answered a request with a JSON-RPC error."""

    def __init__(self, error: dict[str, Any]) -> None:
        super().__init__(error.get("message"))
        self.code = error.get("code")


class LspClient:
    def __init__(self, command: Sequence[str], cwd: Path | None = None) -> None:
        source = str(Path(timescale_dsl.__file__).resolve().parents[1])
        env = dict(os.environ, PYTHONPATH=source + os.pathsep + os.environ.get("PYTHONPATH", ""))
        self.process = subprocess.Popen(
            list(command),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
            cwd=cwd,
        )
        self._ids = itertools.count(1)
        self._inbox: queue.Queue[dict[str, Any] | None] = queue.Queue()
        self.notifications: list[dict[str, Any]] = []
        self._responses: dict[int, dict[str, Any]] = {}
        threading.Thread(target=self._read, daemon=True).start()

    @classmethod
    def python_module(cls, *args: str) -> LspClient:
        return cls([sys.executable, "-m", *args])

    # -- framing -------------------------------------------------------------------
    def _read(self) -> None:
        try:
            self._read_messages()
        except (OSError, ValueError):  # the pipe was closed at shutdown
            self._inbox.put(None)

    def _read_messages(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            length = None
            while True:
                header = stream.readline()
                if not header:
                    self._inbox.put(None)
                    return
                header = header.strip()
                if not header:
                    break
                name, _, value = header.decode("ascii").partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            assert length is not None, "a message without Content-Length"
            self._inbox.put(json.loads(stream.read(length).decode("utf-8")))

    def _send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        stream = self.process.stdin
        assert stream is not None
        stream.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        stream.flush()

    def _next(self, deadline: float) -> dict[str, Any]:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError("the language server did not answer in time")
        try:
            message = self._inbox.get(timeout=remaining)
        except queue.Empty:
            raise TimeoutError("the language server did not answer in time") from None
        if message is None:
            stderr = self.process.stderr.read().decode() if self.process.stderr else ""
            raise EOFError(f"the language server closed its output:\n{stderr}")
        if "method" in message and "id" in message:
            # A request from the server (registrations, progress): accept it.
            self._send({"id": message["id"], "result": None})
        elif "method" in message:
            self.notifications.append(message)
        else:
            self._responses[message["id"]] = message
        return message

    # -- requests and notifications ------------------------------------------------
    def request(self, method: str, params: Any = None, timeout: float = TIMEOUT) -> Any:
        number = next(self._ids)
        self._send({"id": number, "method": method, "params": params})
        deadline = time.monotonic() + timeout
        while number not in self._responses:
            self._next(deadline)
        response = self._responses.pop(number)
        if "error" in response:
            raise ServerError(response["error"])
        return response.get("result")

    def notify(self, method: str, params: Any = None) -> None:
        self._send({"method": method, "params": params})

    def wait_for(
        self,
        method: str,
        accept: Callable[[dict[str, Any]], bool] = lambda params: True,
        timeout: float = TIMEOUT,
    ) -> dict[str, Any]:
        """The params of the first notification ``method`` (not seen before) that ``accept``s."""
        deadline = time.monotonic() + timeout
        seen = 0
        while True:
            for message in self.notifications[seen:]:
                if message["method"] == method and accept(message["params"]):
                    self.notifications.remove(message)
                    return message["params"]  # type: ignore[no-any-return]
            seen = len(self.notifications)
            self._next(deadline)

    # -- session -------------------------------------------------------------------
    def initialize(self, options: dict[str, Any] | None = None) -> dict[str, Any]:
        result = self.request(
            "initialize",
            {
                "processId": os.getpid(),
                "rootUri": None,
                "capabilities": {
                    "textDocument": {
                        "hover": {"contentFormat": ["markdown", "plaintext"]},
                        "rename": {"prepareSupport": True},
                        "documentSymbol": {"hierarchicalDocumentSymbolSupport": True},
                        "publishDiagnostics": {"versionSupport": True},
                    }
                },
                "initializationOptions": options or {},
            },
        )
        self.notify("initialized", {})
        return result  # type: ignore[no-any-return]

    def shutdown(self, timeout: float = TIMEOUT) -> int:
        """Shut down and exit as the protocol says; the server's exit status."""
        try:
            self.request("shutdown", None, timeout)
            self.notify("exit", None)
            return self.process.wait(timeout=timeout)
        finally:
            if self.process.poll() is None:
                self.process.kill()
                self.process.wait(timeout=timeout)
            for stream in (self.process.stdin, self.process.stdout, self.process.stderr):
                if stream is not None:
                    stream.close()
