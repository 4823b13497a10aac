"""A minimal LSP client over stdio that opens YAML files in yaml-language-server and collects its diagnostics."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from queue import Empty, Queue
from typing import IO, Any

SETTINGS = {
    "yaml": {
        "validate": True,
        "completion": True,
        "hover": True,
        "format": {"enable": False},
        "schemaStore": {"enable": False},
        "yamlVersion": "1.2",
    }
}


@dataclass(frozen=True)
class Diagnostic:
    """One diagnostic of the server: its 1-based line and column and its message."""

    line: int
    column: int
    message: str


def server_command() -> list[str] | None:
    """How to start yaml-language-server: $YAML_LANGUAGE_SERVER, on PATH, or under a local node_modules."""
    explicit = os.environ.get("YAML_LANGUAGE_SERVER")
    if explicit:
        return [explicit, "--stdio"]
    found = shutil.which("yaml-language-server")
    if found:
        return [found, "--stdio"]
    for root in (Path.cwd(), Path(__file__).resolve().parents[1]):
        local = root / "node_modules" / ".bin" / "yaml-language-server"
        if local.exists():
            return [str(local), "--stdio"]
    return None


class YamlServer:
    """yaml-language-server started over stdio, initialized and configured with SETTINGS."""

    def __init__(self, command: list[str], root: Path) -> None:
        self._process = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
        )
        self._messages: Queue[dict[str, Any]] = Queue()
        self._next_id = 0
        self._diagnostics: dict[str, list[Diagnostic]] = {}
        self._reader = threading.Thread(target=self._read, args=(self._process.stdout,), daemon=True)
        self._reader.start()
        self._initialize(root)

    def __enter__(self) -> YamlServer:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        """Shut the server down (and kill it if it does not exit)."""
        try:
            self._request("shutdown", None)
            self._send({"jsonrpc": "2.0", "method": "exit"})
            self._process.wait(timeout=5)
        except (OSError, TimeoutError, subprocess.TimeoutExpired):
            self._process.kill()
            self._process.wait()
        self._reader.join(timeout=5)
        for stream in (self._process.stdin, self._process.stdout):
            if stream is not None:
                stream.close()

    def diagnostics(self, files: list[Path], timeout: float = 60.0) -> dict[Path, list[Diagnostic]]:
        """Open each file and return the diagnostics the server publishes for it."""
        uris = {path.resolve().as_uri(): path for path in files}
        for uri, path in uris.items():
            text = path.read_text(encoding="utf-8")
            document = {"uri": uri, "languageId": "yaml", "version": 1, "text": text}
            self._send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": document}})
        deadline = time.monotonic() + timeout
        while not all(uri in self._diagnostics for uri in uris):
            self._handle(self._wait(deadline))
        for uri in uris:
            self._send({"jsonrpc": "2.0", "method": "textDocument/didClose", "params": {"textDocument": {"uri": uri}}})
        return {path: self._diagnostics.pop(uri) for uri, path in uris.items()}

    def completion(self, path: Path, line: int, column: int) -> list[str]:
        """The labels the server completes at a 1-based line and column of a file (opened for the request)."""
        uri = path.resolve().as_uri()
        document = {"uri": uri, "languageId": "yaml", "version": 1, "text": path.read_text(encoding="utf-8")}
        self._send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": document}})
        position = {"line": line - 1, "character": column - 1}
        result = self._request("textDocument/completion", {"textDocument": {"uri": uri}, "position": position})
        self._send({"jsonrpc": "2.0", "method": "textDocument/didClose", "params": {"textDocument": {"uri": uri}}})
        items = result.get("items", []) if isinstance(result, dict) else result or []
        return [str(item["label"]) for item in items]

    def _initialize(self, root: Path) -> None:
        capabilities: dict[str, Any] = {
            "textDocument": {"publishDiagnostics": {}, "completion": {"completionItem": {}}}
        }
        params = {"processId": os.getpid(), "rootUri": root.resolve().as_uri(), "capabilities": capabilities}
        self._request("initialize", params)
        self._send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
        self._send({"jsonrpc": "2.0", "method": "workspace/didChangeConfiguration", "params": {"settings": SETTINGS}})

    def _request(self, method: str, params: Any, timeout: float = 60.0) -> Any:
        self._next_id += 1
        ident = self._next_id
        self._send({"jsonrpc": "2.0", "id": ident, "method": method, "params": params})
        deadline = time.monotonic() + timeout
        while True:
            message = self._wait(deadline)
            if message.get("id") == ident and "method" not in message:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result")
            self._handle(message)

    def _handle(self, message: dict[str, Any]) -> None:
        method = message.get("method")
        if method == "textDocument/publishDiagnostics":
            params = message["params"]
            self._diagnostics[params["uri"]] = [_diagnostic(item) for item in params["diagnostics"]]
        elif method is not None and "id" in message:
            result: Any = [SETTINGS["yaml"]] if method == "workspace/configuration" else None
            self._send({"jsonrpc": "2.0", "id": message["id"], "result": result})

    def _wait(self, deadline: float) -> dict[str, Any]:
        try:
            return self._messages.get(timeout=max(0.0, deadline - time.monotonic()))
        except Empty:
            raise TimeoutError("yaml-language-server did not answer in time") from None

    def _send(self, message: dict[str, Any]) -> None:
        body = json.dumps(message).encode("utf-8")
        stdin = self._process.stdin
        assert stdin is not None
        stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        stdin.flush()

    def _read(self, stream: IO[bytes] | None) -> None:
        assert stream is not None
        while True:
            length = 0
            while (header := stream.readline()) not in (b"\r\n", b""):
                if header.lower().startswith(b"content-length:"):
                    length = int(header.split(b":")[1])
            if not header:
                return
            self._messages.put(json.loads(stream.read(length)))


def _diagnostic(item: dict[str, Any]) -> Diagnostic:
    start = item["range"]["start"]
    return Diagnostic(start["line"] + 1, start["character"] + 1, str(item["message"]))
