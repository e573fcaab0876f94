"""`pip check` for the Binder image: repo2docker's Python 3.11 base environment with binder/ installed on top.

repo2docker (conda buildpack) first creates its own base environment (JupyterLab, notebook, jupyter_server,
... at the versions of its environment lock file), then runs ``pip install -r binder/requirements.txt`` in
it. pip only checks the requirements of what it installs, so a base-image package that binder/ leaves alone
(notebook 7.4.7, which wants jupyterlab<4.5) can end up broken beside the course's pins: that is what this
tool finds, without Docker and without downloading the big wheels.

1. A scratch venv receives binder/base-image.txt (the base image's Python packages, written by this tool
   from the lock file of the installed repo2docker: ``--write-base``), each with ``--no-deps``, as conda
   installed them.
2. ``pip install --dry-run --report`` of binder/requirements.txt in that venv: what pip would install on top,
   and at which versions (metadata only, from the index).
3. The resulting environment (base, with what pip replaces or adds) is checked as ``pip check`` does: every
   package's requirements (markers evaluated, no extras) present at an allowed version.

Needs the package index (so it is ``make check-binder``, not a pytest test). Exit status 1 and one line per
broken requirement when the environment is not clean, e.g.::

    notebook 7.4.7 requires jupyterlab<4.5,>=4.4.9, but the environment has jupyterlab 4.6.6

Usage: python tools/check_binder.py [--requirements binder/requirements.txt] [--keep DIR (reused when there)]
       python tools/check_binder.py --write-base      (regenerate binder/base-image.txt)
"""

import argparse
import importlib.metadata
import json
import re
import subprocess
import sys
import tempfile
import venv
from pathlib import Path

from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[1]
BASE_IMAGE = ROOT / "binder" / "base-image.txt"
REQUIREMENTS = ROOT / "binder" / "requirements.txt"
PYTHON = "3.11"
LOCK_FILE = f"environment.py-{PYTHON}-linux-64.lock"
# conda-forge names whose PyPI distribution is called otherwise.
CONDA_TO_PYPI = {"brotli-python": "brotli", "python-fastjsonschema": "fastjsonschema",
                 "jupyterhub-base": "jupyterhub", "nbconvert-core": "nbconvert"}
# Not Python distributions that pip sees or installs on top of (the interpreter, pip itself).
NOT_CHECKED = {"python", "pip"}


def repo2docker_lock():
    """The installed repo2docker's conda lock file for Python 3.11 and repo2docker's version."""
    dist = importlib.metadata.distribution("jupyter-repo2docker")
    path = Path(dist.locate_file(f"repo2docker/buildpacks/conda/{LOCK_FILE}"))
    return path, dist.version


def base_packages(lock_text):
    """[(pypi name, version)] of the Python packages in a conda ``@EXPLICIT`` lock file.

    A conda-forge file is ``name-version-build.conda``; Python packages have a ``py...`` build string
    (``pyhd8ed1ab_0`` noarch, ``py311h...`` compiled); libraries and meta-packages do not.
    """
    found = []
    for line in lock_text.splitlines():
        if not line.startswith("https://"):
            continue
        file = line.rsplit("/", 1)[1].split("#")[0]
        file = re.sub(r"\.(conda|tar\.bz2)$", "", file)
        name, version, build = file.rsplit("-", 2)
        if build.startswith("py") and name not in NOT_CHECKED:
            found.append((canonicalize_name(CONDA_TO_PYPI.get(name, name)), version))
    return sorted(found)


def base_image_text():
    path, version = repo2docker_lock()
    pins = base_packages(path.read_text())
    return (f"# The Python packages of repo2docker {version}'s Python {PYTHON} base environment, from its\n"
            f"# repo2docker/buildpacks/conda/{LOCK_FILE} (conda-forge names mapped to PyPI's).\n"
            "# Written by `python tools/check_binder.py --write-base`; repo2docker does NOT read this file:\n"
            "# tools/check_binder.py (make check-binder) installs binder/requirements.txt on top of it and runs pip check.\n"
            + "".join(f"{name}=={version}\n" for name, version in pins))


def read_pins(path):
    pins = {}
    for line in Path(path).read_text().splitlines():
        line = line.split("#")[0].strip()
        if line:
            name, _, version = line.partition("==")
            pins[canonicalize_name(name)] = version
    return pins


def broken(environment, requires, markers=None):
    """``pip check`` over a planned environment: one line per unmet requirement.

    ``environment`` is {name: version}; ``requires`` {name: [Requires-Dist strings]}. Markers are evaluated
    for ``markers`` (this interpreter's by default) with no extra, as pip check does.
    """
    markers = dict(markers or default_environment(), extra="")
    problems = []
    for name, version in sorted(environment.items()):
        for text in requires.get(name) or []:
            req = Requirement(text)
            if req.marker is not None and not req.marker.evaluate(markers):
                continue
            dep = canonicalize_name(req.name)
            have = environment.get(dep)
            if have is None:
                problems.append(f"{name} {version} requires {req.name}{req.specifier}, which is not installed")
            elif not req.specifier.contains(Version(have), prereleases=True):
                problems.append(f"{name} {version} requires {req.name}{req.specifier}, "
                                f"but the environment has {dep} {have}")
    return problems


def _run(*command):
    result = subprocess.run([str(word) for word in command], capture_output=True, text=True)
    if result.returncode:
        raise SystemExit(f"{' '.join(map(str, command))} failed ({result.returncode}):\n{result.stderr}")
    return result.stdout


def _pip(python, *args):
    return _run(python, "-m", "pip", "--disable-pip-version-check", *args)


def planned_environment(scratch, base=BASE_IMAGE, requirements=REQUIREMENTS):
    """({name: version}, {name: requires}) of the base image with ``requirements`` installed on top."""
    python = Path(scratch) / "bin" / "python"
    if python.exists():
        print(f"reusing {scratch} (its base packages are checked against {base} below)", file=sys.stderr)
    else:
        venv.create(scratch, with_pip=True)
        print(f"installing the base image's packages into {scratch} (--no-deps) ...", file=sys.stderr)
        _pip(python, "install", "--quiet", "--no-deps", "-r", base)
    print(f"resolving {requirements} on top (pip install --dry-run --report) ...", file=sys.stderr)
    report_path = Path(scratch) / "report.json"
    _pip(python, "install", "--quiet", "--dry-run", "--report", report_path, "-r", requirements)
    report = json.loads(report_path.read_text())
    listed = json.loads(_run(python, "-c", "import importlib.metadata as m, json; print(json.dumps("
                             "{d.metadata['Name']: [d.version, d.requires or []] for d in m.distributions()}))"))
    environment = {canonicalize_name(n): v for n, (v, _) in listed.items()}
    requires = {canonicalize_name(n): r for n, (_, r) in listed.items()}
    stale = {n: v for n, v in read_pins(base).items() if environment.get(n) != v}
    if stale:
        raise SystemExit(f"{scratch} does not hold {base}'s versions ({stale}): remove it")
    for item in report["install"]:
        name = canonicalize_name(item["metadata"]["name"])
        environment[name] = item["metadata"]["version"]
        requires[name] = item["metadata"].get("requires_dist") or []
    return environment, requires


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requirements", type=Path, default=REQUIREMENTS)
    parser.add_argument("--base", type=Path, default=BASE_IMAGE)
    parser.add_argument("--keep", type=Path, help="make the scratch venv here and keep it (reused if it exists)")
    parser.add_argument("--write-base", action="store_true", help=f"rewrite {BASE_IMAGE.relative_to(ROOT)}")
    args = parser.parse_args(argv)
    if args.write_base:
        args.base.write_text(base_image_text())
        print(f"wrote {args.base}", file=sys.stderr)
        return 0
    with tempfile.TemporaryDirectory(prefix="check-binder-") as tmp:
        scratch = args.keep or Path(tmp) / "venv"
        environment, requires = planned_environment(scratch, args.base, args.requirements)
    problems = broken(environment, requires)
    for line in problems:
        print(line)
    print(f"{len(environment)} packages (the base image's, with {args.requirements.name} on top): "
          + (f"{len(problems)} broken requirement(s)" if problems else "no broken requirements"), file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
