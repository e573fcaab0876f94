"""requirements.lock, environment.yml and pyproject.toml describe one environment."""

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]


def _pins(lines):
    pins = {}
    for line in lines:
        match = re.fullmatch(r"\s*(?:- )?\s*([A-Za-z0-9_.\-]+)==([^\s#]+)\s*", line)
        if match:
            pins[canonicalize_name(match[1])] = match[2]
    return pins


def lock_pins():
    return _pins((ROOT / "requirements.lock").read_text().splitlines())


def test_lock_pins_every_line_exactly():
    lines = [ln for ln in (ROOT / "requirements.lock").read_text().splitlines()
             if ln.strip() and not ln.startswith("#")]
    assert len(lines) == len(lock_pins()), "every non-comment lock line must be name==version"


def test_environment_yml_has_the_same_pins_as_the_lock():
    text = (ROOT / "environment.yml").read_text()
    env_pins = _pins(ln for ln in text.splitlines() if ln.startswith("      - "))
    assert env_pins == lock_pins()
    assert re.search(r"^\s+- python=3\.11$", text, re.M)


def test_pyproject_ranges_admit_the_locked_versions():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    requirements = project["dependencies"] + [r for extra in project["optional-dependencies"].values()
                                               for r in extra]
    pins = lock_pins()
    for text in requirements:
        req = Requirement(text)
        name = canonicalize_name(req.name)
        assert name in pins, f"{req.name} is required by pyproject.toml but not pinned in requirements.lock"
        assert req.specifier.contains(pins[name], prereleases=True), \
            f"pyproject.toml wants {text} but requirements.lock pins {name}=={pins[name]}"


def test_the_course_packages_are_pinned():
    pins = lock_pins()
    for name in ("tensorflow", "keras", "numpy", "matplotlib", "jupyterlab", "ipywidgets", "nbval", "pytest"):
        assert name in pins, name
