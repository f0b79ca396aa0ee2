"""Peak memory of `bulkio sandbox` while a client sends it a huge request body.

Each case starts a fresh `bulkio sandbox` process on a free loopback port, sends one request
with a body of --megabytes (default 400) MB, and prints the server's peak resident memory
(VmHWM from /proc, Linux only) before and after, the answer's status and the time taken.

Run: python benchmarks/bench_sandbox_body.py [--megabytes 400]   (prints figures; asserts nothing)
"""

from __future__ import annotations

import argparse
import secrets
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import httpx

CHUNK = b"x" * (1024 * 1024)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _peak_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM in /proc (this script needs Linux)")


def _body(megabytes: int) -> Iterator[bytes]:
    yield b'{"first_name": "'
    for _ in range(megabytes):
        yield CHUNK
    yield b'"}'


def _case(name: str, method: str, path: str, megabytes: int, declare_length: bool) -> None:
    token = secrets.token_urlsafe(16)
    port = _free_port()
    with tempfile.TemporaryDirectory() as tmp:
        command = [sys.executable, "-m", "bulkio", "sandbox", "--db", str(Path(tmp) / "s.db")]
        command += ["--port", str(port), "--token", token, "--rate-limit", "off"]
        server = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        try:
            assert server.stdout is not None
            server.stdout.readline()  # "bulkio sandbox on ...": it listens
            base = f"http://127.0.0.1:{port}/api/v1"
            auth = {"Authorization": f"Bearer {token}"}
            httpx.get(base + "/whoami", headers=auth).raise_for_status()
            before = _peak_mb(server.pid)
            headers = auth | {"content-type": "application/json"}
            if declare_length:
                headers["content-length"] = str(megabytes * len(CHUNK) + len(b'{"first_name": ""}'))
            started = time.perf_counter()
            try:
                answer = httpx.request(
                    method, base + path, headers=headers, content=_body(megabytes), timeout=600
                )
                outcome = f"{answer.status_code} {answer.text[:60]}"
            except httpx.HTTPError as exc:
                outcome = f"no answer ({type(exc).__name__})"
            seconds = time.perf_counter() - started
            after = _peak_mb(server.pid)
        finally:
            server.terminate()
            server.wait(timeout=30)
            if server.stdout is not None:
                server.stdout.close()
    print(f"{name}")
    print(f"  answer: {outcome}")
    print(f"  server peak RSS {before:.0f} MB before, {after:.0f} MB after; {seconds:.1f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=int, default=400)
    args = parser.parse_args()
    mb = args.megabytes
    print(f"{mb} MB request bodies against a fresh `bulkio sandbox` each (default --max-body)")
    _case(f"POST /contacts, Content-Length {mb} MB", "POST", "/contacts", mb, True)
    _case(f"POST /contacts, chunked, {mb} MB", "POST", "/contacts", mb, False)
    _case(f"GET /whoami (reads no body), chunked, {mb} MB", "GET", "/whoami", mb, False)


if __name__ == "__main__":
    main()
