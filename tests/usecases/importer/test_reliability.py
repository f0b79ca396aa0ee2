"""Reliability: a server with bad days, and an import killed with SIGKILL at random moments.

In every case the platform ends with each record once, every link once, nothing missing.
"""

from __future__ import annotations

import random
import subprocess
from collections import Counter
from pathlib import Path

from bulkio import Target, import_file
from bulkio.sandbox import FaultConfig, running
from tests.usecases.importer.files import (
    Platform,
    flat_rows,
    read_platform,
    write_csv,
    write_mapping,
)
from tests.usecases.killed_runs import (
    TOKEN,
    bulkio_command,
    run_until,
    sandbox_process,
    writes_sent,
)


def assert_exactly_once(platform: Platform, rows: list[list[str]]) -> None:
    contacts = Counter(c["external_id"] for c in platform.contacts)
    companies = Counter(c["external_id"] for c in platform.companies)
    assert contacts == Counter(r[6] for r in rows), "a contact is missing or twice"
    assert companies == Counter(dict.fromkeys({r[0] for r in rows}, 1)), "a company twice"
    assert sorted(platform.links()) == sorted((r[6], r[0], r[10]) for r in rows)
    assert not any(c["deleted_at"] for c in platform.contacts + platform.companies)


def test_a_server_with_errors_drops_and_late_answers_still_gets_everything_once(
    tmp_path: Path,
) -> None:
    rows = flat_rows(120, per_company=4)
    data = write_csv(tmp_path / "kontakte.csv", rows)
    mapping = write_mapping(tmp_path / "kontakte.yaml")
    faults = FaultConfig(error_500=0.10, drop=0.05, late=0.05, late_seconds=0.6, seed=7)
    with running(tmp_path / "sandbox.sqlite", faults=faults) as box:
        target = Target(api_url=box.base_url, token=box.token, timeout=0.3, max_in_flight=6)
        runs: list[object] = []
        for _ in range(6):  # a run may stop when one request fails 5 times; the next resumes
            try:
                result = import_file(
                    data, target=target, mapping=mapping, report=tmp_path / "r.xlsx"
                )
            except Exception as exc:  # a network error before planning: run again
                runs.append(repr(exc))
                continue
            runs.append(result.summary())
            if result.ok:
                break
        assert result.ok, runs
    with running(tmp_path / "sandbox.sqlite") as box:  # the same data, without faults
        assert_exactly_once(read_platform(box.base_url, box.token), rows)


def test_an_import_killed_at_random_moments_and_resumed_lands_everything_once(
    tmp_path: Path,
) -> None:
    rng = random.Random(20261124)
    with sandbox_process(tmp_path / "sandbox.sqlite", "--rate-limit", "1500/minute") as base:
        mapping = write_mapping(tmp_path / "kontakte.yaml")
        kills = 0
        all_rows: list[list[str]] = []
        for round_no in range(4):
            rows = [
                [f"R{round_no}{cell}" if i in (0, 6) else cell for i, cell in enumerate(r)]
                for r in flat_rows(40, per_company=5)
            ]
            rows = [[*r[:9], f"r{round_no}.{r[9]}", *r[10:]] for r in rows]
            all_rows += rows
            data = write_csv(tmp_path / f"round{round_no}.csv", rows)
            journal = tmp_path / f"round{round_no}.journal.sqlite"
            command = bulkio_command(
                "import",
                str(data),
                "-m",
                str(mapping),
                "--api-url",
                base + "/api/v1",
                "--token",
                TOKEN,
                "--journal",
                str(journal),
                "--report",
                str(tmp_path / f"round{round_no}.xlsx"),
                "--timeout",
                "2",
            )
            for attempt in range(6):
                at_least = writes_sent(journal) + rng.randint(1, 25)
                if run_until(command, journal, at_least, deadline=rng.uniform(1.0, 4.0)):
                    kills += 1
                if attempt >= 4 and kills >= 5 * (round_no + 1):
                    break
            final = subprocess.run(command, capture_output=True, text=True, timeout=120)
            assert final.returncode == 0, final.stdout + final.stderr
            assert "Every row landed." in final.stdout
        assert kills >= 20
        assert_exactly_once(read_platform(base + "/api/v1", TOKEN), all_rows)
