"""The installed ``mlnews`` console script, run as an author runs it."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOTS = Path(__file__).parent / "roots"
SCRIPT = Path(sys.executable).parent / "mlnews"


def mlnews(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(SCRIPT), *args], cwd=cwd, capture_output=True, text=True, timeout=60)


def test_script_works_on_the_current_folder(tmp_path):
    site = tmp_path / "site"
    shutil.copytree(ROOTS / "test-cli", site)
    result = mlnews("new-week", cwd=site)
    assert (result.returncode, result.stdout) == (0, "issues/2020/11/w46.md\n")
    assert (site / "issues/2020/11/w46.md").is_file()
    result = mlnews("check", cwd=site)
    assert result.returncode == 0, result.stdout


def test_script_exit_statuses(tmp_path):
    broken = mlnews("--root", str(ROOTS / "test-cli-broken"), "check", cwd=tmp_path)
    assert broken.returncode == 1 and broken.stderr.strip() == "20 problems in 6 files"
    usage = mlnews("add", cwd=tmp_path)
    assert usage.returncode == 2 and "the following arguments are required: ID" in usage.stderr
    # The install location is never taken for the project: tmp_path has no conf.py.
    nowhere = mlnews("check", cwd=tmp_path)
    assert nowhere.returncode == 2
    assert nowhere.stderr.strip() == f"mlnews: error: {tmp_path.resolve()}: not an mlnews project (no conf.py); use --root DIR"
