"""``pip install .`` into a fresh virtual environment ships the default scenario with the package."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """A fresh venv with the project's wheel installed (its dependencies from the index as usual)."""
    base = tmp_path_factory.mktemp("install")
    src = base / "src"
    # build from a copy of the tracked tree so no local state leaks into the wheel
    shutil.copytree(
        ROOT,
        src,
        symlinks=True,
        ignore=shutil.ignore_patterns(
            ".venv",
            ".git",
            "__pycache__",
            "*.egg-info",
            "build",
            "dist",
            ".pytest_cache",
            ".hypothesis",
            "tests",
            "bench",
        ),
    )
    env_dir = base / "venv"
    venv.EnvBuilder(with_pip=False, system_site_packages=False).create(env_dir)
    py = env_dir / "bin" / "python"
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(py), "install", "-q", str(src)],
        check=True,
        capture_output=True,
        text=True,
        timeout=600,
    )
    return env_dir


def run(env_dir: Path, *args, input=None, cwd=None):
    env = dict(os.environ, BRIEFING_DATA_DIR=str(env_dir.parent / "data"))
    return subprocess.run(
        [str(env_dir / "bin" / "briefing"), *args],
        input=input,
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=120,
    )


def test_the_wheel_carries_the_default_scenario(installed, tmp_path):
    r = run(installed, "check", cwd=tmp_path)
    assert "checked 1 scenario, " in r.stdout, r.stdout + r.stderr
    assert " 0 errors" in r.stdout.splitlines()[-1], r.stdout
    site = next((installed / "lib").glob("python*/site-packages"))
    assert (site / "briefing" / "scenarios" / "kazakhstan-2022" / "scenario.yaml").is_file()
    assert not (site / "briefing" / "scenarios").is_symlink()


def test_plain_play_from_another_folder(installed, tmp_path):
    r = run(installed, "play", "--plain", input="1\n", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "Kazakhstan, January 2022" in r.stdout
    assert "Your choice (" in r.stdout or "Your answer (" in r.stdout  # the second edition grades first


def test_python_dash_m_works(installed, tmp_path):
    r = subprocess.run(
        [str(installed / "bin" / "python"), "-m", "briefing", "--version"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
    )
    assert r.returncode == 0 and r.stdout.startswith("briefing ")


def ci_recipe() -> list[str]:
    """The ``run:`` lines of the CI workflow in docs/authoring.md, in order."""
    guide = (ROOT / "docs" / "authoring.md").read_text(encoding="utf-8")
    workflow = guide.split("## 10. Test it in CI", 1)[1].split("```yaml", 1)[1].split("```", 1)[0]
    return [line.split("- run:", 1)[1].strip() for line in workflow.splitlines() if "- run:" in line]


def test_the_distribution_is_briefing_desk(installed):
    site = next((installed / "lib").glob("python*/site-packages"))
    assert [p.name for p in site.glob("briefing*.dist-info")] == ["briefing_desk-0.1.0.dist-info"]


def test_the_ci_recipe_in_the_guide_runs_as_written(installed, tmp_path):
    steps = ci_recipe()
    assert steps[0] == "pip install briefing-desk"  # installed here from the local tree instead
    assert run(installed, "new", "scenario", "first-report", cwd=tmp_path).returncode == 0
    record = ("play", "--plain", "first-report", "--record", "first-report/recordings/careful.json")
    assert run(installed, *record, input="1\n1\n", cwd=tmp_path).returncode == 0
    for step in steps[1:]:
        command, *args = shlex.split(step)
        assert command == "briefing", step
        r = run(installed, *args, cwd=tmp_path)
        assert r.returncode == 0, f"{step}\n{r.stdout}{r.stderr}"
