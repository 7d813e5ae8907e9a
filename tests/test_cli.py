"""The command line as a person uses it: JSON out, one-line errors, exit code 2."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import ROOT

KEYS = {"id", "name", "controller", "share_az", "status", "since", "sources"}


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "geo", *args], cwd=ROOT, capture_output=True, text=True, timeout=120)


def test_status_json_after_the_aghdam_handover() -> None:
    result = run("status", "--date", "2020-11-21", "--json")
    assert result.returncode == 0, result.stderr
    records = {r["id"]: r for r in json.loads(result.stdout)}
    assert len(records) >= 12
    for record in records.values():
        assert set(record) >= KEYS
        assert record["controller"] in ("AZ", "ARM", "split")
        assert record["share_az"] is None or 0.0 <= record["share_az"] <= 1.0
        assert record["sources"], record["id"]
    assert records["AZ-AGM"]["controller"] == "AZ"
    assert records["AZ-AGM"]["since"] == "2020-11-20"
    assert records["AZ-KAL"]["controller"] == "ARM"
    assert records["AZ-KAL"]["name"] == "Kalbajar"


def test_status_json_scheduled_scenario() -> None:
    result = run("status", "--date", "2020-11-21", "--json", "--scenario", "scheduled")
    records = {r["id"]: r for r in json.loads(result.stdout)}
    assert records["AZ-KAL"]["controller"] == "AZ"
    assert records["AZ-KAL"]["since"] == "2020-11-15"


def test_settlement_level() -> None:
    result = run("status", "--level", "settlement", "--date", "2020-11-09", "--json")
    records = {r["id"]: r for r in json.loads(result.stdout)}
    assert len(records) >= 150
    shusha = records["shusha"]
    assert shusha["controller"] == "AZ" and shusha["since"] == "2020-11-08"
    assert shusha["names"]["hy_latn"] == "Shushi"
    assert {"id", "name", "names", "district", "controller", "since", "confidence", "sources"} <= set(shusha)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("status", "--date", "2020-13-40", "--json"), "not a real calendar date"),
        (("status", "--date", "1990-01-01", "--json"), "outside the data"),
        (("status", "--date", "2020-11-21", "--scenario", "hoped"), "invalid choice"),
        (("status", "--date", "yesterday"), "not a date written YYYY-MM-DD"),
    ],
)
def test_bad_input_is_one_line_exit_2(args: tuple[str, ...], message: str) -> None:
    result = run(*args)
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0]
    assert "Traceback" not in result.stderr


def test_validate_ok() -> None:
    result = run("validate")
    assert result.returncode == 0 and result.stdout.startswith("ok:")
