from __future__ import annotations

import pytest

from bulkio.core.errors import ConfigError
from bulkio.kanbert.settings import DEFAULT_BASE_URL, ApiSettings

from .fakes import TOKEN


def test_default_url_is_kanbert_over_https() -> None:
    settings = ApiSettings(token=TOKEN)
    assert settings.base_url == DEFAULT_BASE_URL
    assert settings.user_agent.startswith("bulkio")


def test_plain_http_to_another_host_is_refused_with_the_fix() -> None:
    with pytest.raises(ConfigError) as caught:
        ApiSettings(base_url="http://api.kanbert.com/api/v1", token=TOKEN)
    text = str(caught.value)
    assert "https://" in text and "--insecure-http" in text
    assert TOKEN not in text


def test_plain_http_is_allowed_when_the_user_insists() -> None:
    settings = ApiSettings(
        base_url="http://kanbert.intranet/api/v1", token=TOKEN, allow_insecure_http=True
    )
    assert settings.base_url == "http://kanbert.intranet/api/v1"


@pytest.mark.parametrize(
    "url",
    ["http://127.0.0.1:8765/api/v1/", "http://localhost:9000/api/v1", "http://[::1]:8000/api/v1"],
)
def test_plain_http_to_this_machine_is_fine(url: str) -> None:
    assert ApiSettings(base_url=url, token=TOKEN).base_url == url.rstrip("/")


@pytest.mark.parametrize(
    "url", ["api.kanbert.com", "ftp://api.kanbert.com", "https://user:pw@api.kanbert.com/api/v1"]
)
def test_urls_that_cannot_work_are_refused(url: str) -> None:
    with pytest.raises(ConfigError) as caught:
        ApiSettings(base_url=url, token=TOKEN)
    assert "pw" not in str(caught.value)


@pytest.mark.parametrize("token", ["", "   ", "abc def", "abc\nX-Evil: 1"])
def test_missing_or_broken_token_names_the_setting(token: str) -> None:
    with pytest.raises(ConfigError) as caught:
        ApiSettings(token=token)
    assert "KANBERT_API_TOKEN" in str(caught.value)


def test_repr_never_shows_the_token() -> None:
    settings = ApiSettings(token=TOKEN)
    assert TOKEN not in repr(settings)
    assert TOKEN not in str(settings)
    assert "***" in repr(settings)
