"""Publishing: Read the Docs and GitHub Pages configuration, the base URL, clean publish builds."""

from __future__ import annotations

import runpy
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import REPO

# Keys of .readthedocs.yaml version 2 as documented by Read the Docs
# (https://docs.readthedocs.io/en/stable/config-file/v2.html).
RTD_TOP = {"version", "build", "sphinx", "mkdocs", "formats", "python", "conda", "submodules", "search"}
RTD_BUILD = {"os", "tools", "apt_packages", "jobs", "commands"}
RTD_OS = {"ubuntu-20.04", "ubuntu-22.04", "ubuntu-24.04", "ubuntu-lts-latest"}
RTD_SPHINX = {"configuration", "builder", "fail_on_warning"}
RTD_BUILDERS = {"html", "dirhtml", "singlehtml"}
RTD_FORMATS = {"htmlzip", "pdf", "epub"}
RTD_JOBS = {
    "post_checkout", "pre_system_dependencies", "post_system_dependencies", "pre_create_environment",
    "create_environment", "post_create_environment", "pre_install", "install", "post_install",
    "pre_build", "build", "post_build",
}


def test_readthedocs_config_follows_schema():
    config = yaml.safe_load((REPO / ".readthedocs.yaml").read_text(encoding="utf-8"))
    assert config["version"] == 2
    assert set(config) <= RTD_TOP
    build = config["build"]
    assert set(build) <= RTD_BUILD
    assert build["os"] in RTD_OS
    assert set(build["tools"]) == {"python"} and build["tools"]["python"] == "3.11"
    assert set(config["sphinx"]) <= RTD_SPHINX
    assert config["sphinx"]["builder"] in RTD_BUILDERS
    assert (REPO / config["sphinx"]["configuration"]).is_file()
    assert config["sphinx"]["fail_on_warning"] is True
    assert set(config["formats"]) <= RTD_FORMATS and "pdf" in config["formats"]
    # Installed from the same constraints file as make and CI.
    assert "python" not in config
    assert set(build["jobs"]) <= RTD_JOBS
    assert build["jobs"]["install"] == ["python -m pip install -c constraints.txt ."]
    assert (REPO / "constraints.txt").is_file()
    # The PDF needs the same TeX packages as CI installs.
    ci = (REPO / ".ci/run").read_text(encoding="utf-8")
    for package in build["apt_packages"]:
        assert package in ci, package


def _workflow() -> dict:
    workflow = yaml.safe_load((REPO / ".github/workflows/pages.yml").read_text(encoding="utf-8"))
    # YAML 1.1 reads the key `on` as the boolean True.
    workflow["on"] = workflow.pop(True, workflow.get("on"))
    return workflow


def test_pages_workflow_tests_before_it_deploys():
    workflow = _workflow()
    assert set(workflow["on"]) == {"push", "pull_request"}
    assert workflow["on"]["push"]["branches"] == ["main"]
    jobs = workflow["jobs"]
    test_steps = " ".join(step.get("run", "") for step in jobs["test"]["steps"])
    assert ".ci/run" in test_steps
    assert "make test" in (REPO / ".ci/run").read_text(encoding="utf-8")
    assert jobs["build"]["needs"] == "test"
    build_runs = [step.get("run", "") for step in jobs["build"]["steps"]]
    assert any("make publish" in run for run in build_runs)
    assert any("make latexpdf" in run for run in build_runs)
    deploy = jobs["deploy"]
    assert deploy["needs"] == "build"
    # Pull requests get the tests and a build, never a deploy.
    assert "github.event_name == 'push'" in deploy["if"] and "refs/heads/main" in deploy["if"]
    assert [step["uses"].split("@")[0] for step in deploy["steps"]] == ["actions/deploy-pages"]
    upload = [s for s in jobs["build"]["steps"] if s.get("uses", "").startswith("actions/upload-pages-artifact")]
    assert upload and upload[0]["if"] == "github.event_name == 'push'"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, "https://akiratosei.github.io/mlnews/"),
        ({"MLNEWS_BASEURL": "https://pages.example/news/"}, "https://pages.example/news/"),
        (
            {"READTHEDOCS_CANONICAL_URL": "https://mlnews.readthedocs.io/ja/latest/", "MLNEWS_BASEURL": "x"},
            "https://mlnews.readthedocs.io/ja/latest/",
        ),
    ],
)
def test_base_url_comes_from_the_hosting_environment(monkeypatch, env, expected):
    for name in ("READTHEDOCS_CANONICAL_URL", "MLNEWS_BASEURL"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert runpy.run_path(str(REPO / "conf.py"))["html_baseurl"] == expected


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_publish_build_has_no_page_of_a_deleted_week(tmp_path, rootdir):
    project = tmp_path / "site"
    shutil.copytree(rootdir / "test-publish", project)
    shutil.copy2(REPO / "Makefile", project / "Makefile")
    shutil.copy2(REPO / "pyproject.toml", project / "pyproject.toml")
    shutil.copy2(REPO / "constraints.txt", project / "constraints.txt")
    stamp = tmp_path / "stamp"
    stamp.touch()  # the environment running this test is already installed
    make = ["make", "-s", "-C", str(project), f"VENV={Path(sys.prefix)}", f"STAMP={stamp}"]
    output = project / "_build/publish/html/issues/2020/11"

    subprocess.run([*make, "publish"], check=True, capture_output=True)
    subprocess.run([*make, "html"], check=True, capture_output=True)
    assert (output / "w45.html").is_file() and (output / "w46.html").is_file()

    (project / "issues/2020/11/w45.md").unlink()
    subprocess.run([*make, "html"], check=True, capture_output=True)
    # An ordinary incremental build leaves the deleted week's page behind ...
    assert (project / "_build/html/issues/2020/11/w45.html").is_file()
    subprocess.run([*make, "publish"], check=True, capture_output=True)
    # ... a publish build does not.
    assert not (output / "w45.html").exists()
    assert (output / "w46.html").is_file()
