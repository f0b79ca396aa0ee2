"""What a user sees when the API address is wrong or cannot be reached."""

from __future__ import annotations

import socket
from pathlib import Path

from click.testing import CliRunner

from bulkio.cli.main import cli
from bulkio.sandbox import running

ROOT = Path(__file__).resolve().parents[2]
QUICKSTART = [str(ROOT / "samples/quickstart.csv"), "-m", str(ROOT / "mappings/quickstart.yaml")]


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_a_base_url_without_api_v1_suggests_it(tmp_path: Path) -> None:
    with running(tmp_path / "s.sqlite") as sandbox:
        bare = sandbox.base_url.removesuffix("/api/v1")
        env = {"KANBERT_API_TOKEN": sandbox.token}
        status = CliRunner().invoke(cli, ["status", "--api-url", bare + "/"], env=env)
        imported = CliRunner().invoke(
            cli, ["import", *QUICKSTART, "--api-url", bare, "--report", str(tmp_path / "r.xlsx")],
            env=env,
        )  # fmt: skip

    for result in (status, imported):
        assert result.exit_code == 2, result.output
        assert f"did you mean {bare}/api/v1?" in result.output
        assert f"Set KANBERT_API_URL or --api-url to {bare}/api/v1." in result.output
        assert "deleted" not in result.output and "Traceback" not in result.output


def test_an_unreachable_host_ends_the_import_after_two_tries(tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{_closed_port()}/api/v1"
    result = CliRunner().invoke(
        cli,
        ["import", *QUICKSTART, "--api-url", url, "--report", str(tmp_path / "r.xlsx")],
        env={"KANBERT_API_TOKEN": "t0k3n"},
    )

    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert lines[-2] == (
        f"error: could not reach the API at {url} (connection refused or host not found) "
        "after 2 tries"
    )
    assert lines[-1].startswith("Check the address (KANBERT_API_URL or --api-url)")
