"""``bulkio sandbox`` as a user runs it: start, answer, survive SIGKILL on the same --db."""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
from click.testing import CliRunner

from bulkio.cli.main import cli


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def _sandbox_process(
    db: Path, port: int, *options: str
) -> Iterator[tuple[subprocess.Popen[str], list[str]]]:
    """``bulkio sandbox`` in a process of its own, and the lines it printed on start."""
    command = [sys.executable, "-m", "bulkio", "sandbox", "--db", str(db), "--port", str(port)]
    process = subprocess.Popen(
        [*command, "--rate-limit", "off", *options],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        lines = [process.stdout.readline()]
        while not lines[-1].startswith("data:"):
            lines.append(process.stdout.readline())
            assert lines[-1], lines
        yield process, lines
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=10)
        for stream in (process.stdout, process.stderr):
            if stream is not None:
                stream.close()


@contextmanager
def _default_sandbox(db: Path, port: int) -> Iterator[tuple[subprocess.Popen[str], str]]:
    with _sandbox_process(db, port) as (process, lines):
        assert lines[0].startswith("bulkio sandbox on http://127.0.0.1:"), lines
        assert lines[1].strip() == "token: sandbox-token"
        assert lines[2].strip() == "read-only token: sandbox-readonly-token"
        yield process, lines[0].split(" on ")[1].strip()


def test_sigkill_and_restart_keeps_every_answered_write(tmp_path: Path) -> None:
    db = tmp_path / "x.sqlite"
    port = _free_port()
    headers = {"Authorization": "Bearer sandbox-token"}
    with _default_sandbox(db, port) as (process, base_url):
        me = httpx.get(base_url + "/whoami", headers=headers)
        assert me.json()["email"] == "integration@example.com"
        with httpx.Client(base_url=base_url, headers=headers) as client:
            ids = [
                client.post("/contacts", json={"external_id": f"K-{i}"}).json()["id"]
                for i in range(50)
            ]
            company = client.post("/companies", json={"company_name": "ACME"}).json()
            client.put(f"/contacts/{ids[0]}/companies/{company['id']}", json={"position": "CEO"})
            client.patch(f"/contacts/{ids[1]}", json={"first_name": "Patched"})
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
    with (
        _default_sandbox(db, port) as (_, base_url),
        httpx.Client(base_url=base_url, headers=headers) as client,
    ):
        listed = client.get("/contacts", params={"page[size]": "100"}).json()["data"]
        assert sorted(c["id"] for c in listed) == sorted(ids)
        assert client.get(f"/contacts/{ids[1]}").json()["first_name"] == "Patched"
        linked = client.get(f"/contacts/{ids[0]}", params={"include": "companies"}).json()
        assert linked["companies"][0]["contact_company"] == {"position": "CEO"}


def test_bad_options_exit_2_with_a_plain_message(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(
        cli, ["sandbox", "--db", str(tmp_path / "x.sqlite"), "--rate-limit", "lots"]
    )
    assert result.exit_code == 2
    assert "60/minute" in result.output
    assert "Traceback" not in result.output
    seed = tmp_path / "seed.json"
    seed.write_text("{not json", encoding="utf-8")
    broken = runner.invoke(
        cli, ["sandbox", "--db", str(tmp_path / "x.sqlite"), "--seed", str(seed)]
    )
    assert broken.exit_code == 2
    assert "not valid JSON" in broken.output


def test_port_in_use_exits_2_and_names_the_fix(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(
            cli, ["sandbox", "--db", str(tmp_path / "x.sqlite"), "--port", str(port)]
        )
    assert result.exit_code == 2
    assert "--port" in result.output


def _stderr_after_stop(process: subprocess.Popen[str]) -> str:
    process.terminate()
    _, stderr = process.communicate(timeout=10)
    return stderr


def test_listening_beyond_loopback_warns_and_keeps_a_chosen_token_off_screen(
    tmp_path: Path,
) -> None:
    token, reader = secrets.token_urlsafe(16), secrets.token_urlsafe(16)
    options = ("--host", "0.0.0.0", "--token", token, "--read-only-token", reader)
    with _sandbox_process(tmp_path / "x.sqlite", _free_port(), *options) as (process, lines):
        assert process.stderr is not None
        warning = process.stderr.readline()
        assert warning.startswith("warning: listening on 0.0.0.0 lets other computers reach")
        assert "--host 127.0.0.1" in warning
        assert lines[1].strip() == "token: the one given with --token"
        assert lines[2].strip() == "read-only token: the one given with --read-only-token"
        base_url = lines[0].split(" on ")[1].strip().replace("0.0.0.0", "127.0.0.1")
        me = httpx.get(base_url + "/whoami", headers={"Authorization": f"Bearer {token}"})
        assert me.status_code == 200
        stderr = warning + _stderr_after_stop(process)
    printed = "".join(lines) + stderr
    assert token not in printed and reader not in printed


def test_the_public_token_beyond_loopback_is_named_in_the_warning(tmp_path: Path) -> None:
    # The port is taken, so the sandbox warns and stops without ever serving the public token.
    with socket.socket() as taken:
        taken.bind(("0.0.0.0", 0))
        taken.listen()
        port = str(taken.getsockname()[1])
        result = CliRunner().invoke(
            cli,
            ["sandbox", "--db", str(tmp_path / "x.sqlite"), "--host", "0.0.0.0", "--port", port],
        )
    assert result.exit_code == 2
    assert "the public sandbox-token: choose your own with --token" in result.stderr


def test_loopback_start_warns_about_nothing(tmp_path: Path) -> None:
    for host in ("127.0.0.1", "localhost"):
        options = ("--host", host)
        with _sandbox_process(tmp_path / "x.sqlite", _free_port(), *options) as (process, _):
            assert "warning" not in _stderr_after_stop(process), host
