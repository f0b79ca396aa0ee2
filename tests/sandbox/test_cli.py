"""``bulkio sandbox`` as a user runs it: start, answer, survive SIGKILL on the same --db."""

from __future__ import annotations

import os
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
def _sandbox_process(db: Path, port: int) -> Iterator[tuple[subprocess.Popen[str], str]]:
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "bulkio",
            "sandbox",
            "--db",
            str(db),
            "--port",
            str(port),
            "--rate-limit",
            "off",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        first = process.stdout.readline()
        assert first.startswith("bulkio sandbox on http://127.0.0.1:"), first
        token_line = process.stdout.readline()
        assert token_line.strip() == "token: sandbox-token"
        yield process, first.split(" on ")[1].strip()
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=10)
        for stream in (process.stdout, process.stderr):
            if stream is not None:
                stream.close()


def test_sigkill_and_restart_keeps_every_answered_write(tmp_path: Path) -> None:
    db = tmp_path / "x.sqlite"
    port = _free_port()
    headers = {"Authorization": "Bearer sandbox-token"}
    with _sandbox_process(db, port) as (process, base_url):
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
        _sandbox_process(db, port) as (_, base_url),
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
