"""Request bodies are bounded: beyond the limit a 413 in the usual JSON shape, nothing stored."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import httpx

from bulkio.sandbox import DEFAULT_MAX_BODY, Sandbox, running


def _contacts(sandbox: Sandbox) -> list[object]:
    answer = httpx.get(sandbox.base_url + "/contacts", headers=sandbox.auth_headers)
    return list(answer.json()["data"])


def _assert_too_large(answer: httpx.Response, limit: int) -> None:
    assert answer.status_code == 413
    assert set(answer.json()) == {"message"}
    assert str(limit) in answer.json()["message"]
    assert "--max-body" in answer.json()["message"]


def test_a_declared_length_beyond_the_default_limit_answers_413(sandbox: Sandbox) -> None:
    body = json.dumps({"first_name": "A", "title": "x" * DEFAULT_MAX_BODY}).encode()
    answer = httpx.post(
        sandbox.base_url + "/contacts",
        headers=sandbox.auth_headers | {"content-type": "application/json"},
        content=body,
    )
    _assert_too_large(answer, DEFAULT_MAX_BODY)
    assert _contacts(sandbox) == []


def test_a_streamed_body_beyond_the_limit_answers_413(tmp_path: Path) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"first_name": "'
        for _ in range(5_000):  # 5 MB, far beyond the limit
            yield b"x" * 1000
        yield b'"}'

    with running(tmp_path / "s.sqlite", max_body=10_000) as sandbox:
        answer = httpx.post(
            sandbox.base_url + "/contacts", headers=sandbox.auth_headers, content=chunks()
        )
        _assert_too_large(answer, 10_000)
        assert _contacts(sandbox) == []
        # a body within the limit, streamed the same way, is accepted
        small = httpx.post(
            sandbox.base_url + "/contacts",
            headers=sandbox.auth_headers,
            content=iter([b'{"first_name": ', b'"Anna"}']),
        )
        assert small.status_code == 201


def test_the_limit_is_set_per_sandbox(tmp_path: Path) -> None:
    body = {"first_name": "A" * 200}
    with running(tmp_path / "s.sqlite", max_body=100) as sandbox:
        answer = httpx.post(sandbox.base_url + "/contacts", headers=sandbox.auth_headers, json=body)
        _assert_too_large(answer, 100)
    with running(tmp_path / "s.sqlite", max_body=1000) as sandbox:
        answer = httpx.post(sandbox.base_url + "/contacts", headers=sandbox.auth_headers, json=body)
        assert answer.status_code == 201
