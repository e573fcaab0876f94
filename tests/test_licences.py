"""Licences and credits: the files exist, pyproject names them, the README says what covers what and
credits the data and the sample photo; the Binder link opens a notebook that exists."""

import re
import tomllib
from pathlib import Path

import matplotlib
from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text()


def test_code_licence_is_mit_and_pyproject_names_the_licence_files():
    text = (ROOT / "LICENSE").read_text()
    assert text.startswith("MIT License\n")
    assert "Copyright (c) 2026 the augcourse authors" in text
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert project["license"] == "MIT"
    assert project["license-files"] == ["LICENSE", "LICENSE-content"]
    assert all((ROOT / name).is_file() for name in project["license-files"])


def test_content_licence_is_cc_by_4_and_the_readme_says_what_each_licence_covers():
    text = (ROOT / "LICENSE-content").read_text()
    assert "Creative Commons Attribution 4.0 International" in text
    assert "https://creativecommons.org/licenses/by/4.0/legalcode" in text
    section = README.split("## Licences and credits", 1)[1].split("\n## ", 1)[0]
    assert "[LICENSE](LICENSE)" in section and "[LICENSE-content](LICENSE-content)" in section
    assert "CC BY 4.0" in section and "MIT" in section


def test_readme_credits_cifar10_and_the_sample_photo():
    section = " ".join(README.split("## Licences and credits", 1)[1].split("\n## ", 1)[0].split())
    assert "Alex Krizhevsky" in section and "2009" in section
    assert "Learning Multiple Layers of Features from Tiny Images" in section
    assert "https://www.cs.toronto.edu/~kriz/cifar.html" in section
    assert "Grace M. Hopper" in section and "grace_hopper.jpg" in section and "public domain" in section
    assert "https://commons.wikimedia.org/wiki/File:Grace_Hopper.jpg" in section


def test_the_photo_matplotlib_ships_is_the_one_credited():
    path = Path(matplotlib.get_data_path()) / "sample_data" / "grace_hopper.jpg"
    with Image.open(path) as photo:
        comment = photo.info.get("comment", b"").decode()
    assert "commons.wikimedia.org/wiki/File:Grace_Hopper.jpg" in comment, \
        f"matplotlib's grace_hopper.jpg changed (comment {comment!r}): check the README's credit"


def test_binder_link_opens_the_course_index():
    paths = re.findall(r"mybinder\.org/v2/gh/[^)\s`]+\?urlpath=lab/tree/([^)\s`]+)", README)
    assert paths, "the README has no Binder link that opens a notebook"
    assert set(paths) == {"notebooks/00_index.ipynb"}
    assert all((ROOT / p).is_file() for p in paths)
    # binder/start opens the same notebook under every server command: tests/test_binder.py starts them.
    assert f"default_url=/lab/tree/{paths[0]}" in (ROOT / "binder" / "start").read_text()
