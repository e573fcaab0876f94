"""CITATION.cff is a valid Citation File Format 1.2 file that names this version, and CHANGELOG.md has dated
sections, newest first (after an optional "Unreleased")."""

import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def test_citation_has_the_fields_cff_requires_and_the_package_s_version_and_licence():
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text())
    assert cff["cff-version"] == "1.2.0"
    assert {"message", "title", "authors"} <= cff.keys() and cff["authors"]
    assert all("name" in author or "family-names" in author for author in cff["authors"])
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert cff["version"] == project["version"]
    assert cff["license"] == "MIT" and (ROOT / "LICENSE").read_text().startswith("MIT License")
    assert re.fullmatch(r"\d{4}-\d\d-\d\d", str(cff["date-released"]))


def test_the_changelog_lists_its_dates_newest_first():
    headings = re.findall(r"^## (.+)$", (ROOT / "CHANGELOG.md").read_text(), flags=re.M)
    dates = headings[1:] if headings[0] == "Unreleased" else headings
    assert dates and all(re.fullmatch(r"\d{4}-\d\d-\d\d", d) for d in dates) and dates == sorted(dates, reverse=True)
