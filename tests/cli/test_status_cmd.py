from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from bulkio.cli.main import cli
from bulkio.sandbox import running


def test_status_on_the_embedded_sandbox(tmp_path: Path) -> None:
    with running(tmp_path / "s.sqlite"):
        pass  # a sandbox file that exists, as after an import
    result = CliRunner().invoke(cli, ["status", "--sandbox", str(tmp_path / "s.sqlite")])
    assert result.exit_code == 0, result.output
    assert "integration@example.com" in result.output
    assert "Muster Beratung GmbH" in result.output
    assert (
        "scopes:     contact-data:read yes; contact-data:write not checked "
        "(--probe --write checks it)\n" in result.output
    )


def test_a_wrong_token_exits_2_naming_the_fix_without_echoing_it(tmp_path: Path) -> None:
    secret = "not-the-right-token-12345"
    with running(tmp_path / "s.sqlite") as sandbox:
        result = CliRunner().invoke(
            cli, ["status", "--api-url", sandbox.base_url], env={"KANBERT_API_TOKEN": secret}
        )
    assert result.exit_code == 2
    assert "KANBERT_API_TOKEN" in result.output
    assert secret not in result.output
    assert "Traceback" not in result.output


def test_plain_http_to_another_host_is_refused_unless_insisted() -> None:
    result = CliRunner().invoke(
        cli, ["status", "--api-url", "http://kanbert.example.com/api/v1", "--token", "t0k3n"]
    )
    assert result.exit_code == 2
    assert "--insecure-http" in result.output
    assert "t0k3n" not in result.output
