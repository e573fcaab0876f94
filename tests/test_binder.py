"""Binder: binder/ is what repo2docker builds, with the learner's packages at the lock's versions, a
post-build step that installs augcourse, and every module the notebooks import.

No test here needs Docker or the network: `repo2docker --no-build` only writes the Dockerfile.
"""

import ast
import importlib.metadata
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from IPython.core.inputtransformer2 import TransformerManager
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
BINDER = ROOT / "binder"
OUT = ROOT / "test-output" / "binder"
sys.path.insert(0, str(ROOT / "tools"))
import write_environment  # noqa: E402

sys.path.insert(0, str(ROOT / "tests"))
import jupyter_servers  # noqa: E402

TEST_AND_BENCH_TOOLS = ("pytest", "nbval", "hypothesis", "coverage", "playwright",
                        "jupyter-repo2docker", "pluggy", "iniconfig", "docker")


def binder_pins():
    pins = {}
    for line in (BINDER / "requirements.txt").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            name, sep, version = line.partition("==")
            assert sep and version, f"binder/requirements.txt: {line!r} is not name==version"
            pins[canonicalize_name(name)] = version
    return pins


# --- the files repo2docker reads ------------------------------------------------------------------

def test_binder_files_are_what_the_tool_writes_from_the_lock():
    for path, text in write_environment.outputs().items():
        assert path.read_text() == text, \
            f"{path.relative_to(ROOT)} is not what tools/write_environment.py writes from requirements.lock: run make lock"


def test_binder_has_the_learners_packages_at_the_locked_versions_and_no_test_tools():
    lock = dict(write_environment._name_version(pin) for pin in write_environment.locked_pins())
    pins = binder_pins()
    for name, version in pins.items():
        assert lock.get(name) == version, f"binder pins {name}=={version}, the lock {lock.get(name)}"
    for name in ("tensorflow", "keras", "numpy", "scipy", "matplotlib", "jupyterlab", "ipywidgets",
                 "ipykernel", "opencv-python-headless", "albumentations", "setuptools",
                 # `jupyter notebook` is the image's default command: without a pin, repo2docker's base image keeps
                 # its own notebook, whose jupyterlab range excludes the lock's. wheel: the base image's otherwise.
                 "notebook", "wheel"):
        assert name in pins, name
    assert not [t for t in TEST_AND_BENCH_TOOLS if t in pins]
    assert (BINDER / "runtime.txt").read_text().strip() == "python-3.11"


def test_learner_set_follows_requirements_and_their_extras_only():
    metadata = {
        "app": ["lib>=1", "pytest; extra == 'test'", "tomli; python_version < '3.0'", "fmt[colour]"],
        "lib": ["six"],
        "six": [],
        "fmt": ["colorama; extra == 'colour'", "sphinx; extra == 'docs'"],
        "colorama": [],
    }
    names = write_environment.learner_names(["app"], requires=metadata.get)
    assert names == {"app", "lib", "six", "fmt", "colorama"}


def test_tool_refuses_an_environment_that_is_not_the_locked_one():
    with pytest.raises(SystemExit, match="numpy \\(installed 1.0, locked 2.4.6\\)"):
        write_environment.binder_pins(
            ["setuptools==84.2.1", "numpy==2.4.6"], ["numpy"], requires=lambda name: [],
            version=lambda name: {"numpy": "1.0", "setuptools": "84.2.1"}[name])


def test_post_build_installs_augcourse_without_touching_the_pinned_packages():
    post_build = BINDER / "postBuild"
    assert os.access(post_build, os.X_OK) and post_build.read_text().startswith("#!")
    installs = []
    for line in post_build.read_text().splitlines():
        words = shlex.split(line, comments=True)
        if "pip" in words and "install" in words:
            installs.append(words[words.index("install") + 1:])
    assert installs, "binder/postBuild runs no pip install"
    assert all("--no-deps" in args and "." in args for args in installs), installs
    start = BINDER / "start"
    assert os.access(start, os.X_OK)  # where it leads: test_start_opens_the_course_index_under_each_server_command
    assert (ROOT / "notebooks" / "00_index.ipynb").exists()


# --- repo2docker on a clean clone ------------------------------------------------------------------

def _clean_clone(dest):
    """A `git clone` of the repository, with the work tree's not-ignored files on top (so that uncommitted
    work is what gets checked) and without anything git ignores (.venv, build outputs)."""
    subprocess.run(["git", "clone", "--quiet", "--no-hardlinks", str(ROOT), str(dest)], check=True)
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            cwd=ROOT, check=True, capture_output=True).stdout.decode().split("\0")
    for rel in filter(None, listed):
        src, dst = ROOT / rel, dest / rel
        if src.is_file():
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dst)
        elif dst.exists():
            dst.unlink()
    return dest


def _no_network_prefix():
    """`unshare --net` where this user may make a network namespace (root in CI), else nothing."""
    unshare = shutil.which("unshare")
    if unshare and subprocess.run([unshare, "--net", "true"], capture_output=True).returncode == 0:
        return [unshare, "--net"]
    return []


@pytest.fixture(scope="module")
def dockerfile(tmp_path_factory):
    repo2docker = Path(sys.executable).with_name("repo2docker")
    if not repo2docker.exists():
        pytest.fail("repo2docker is not installed: it is in the test extra (make test installs requirements.lock)")
    repo = _clean_clone(tmp_path_factory.mktemp("binder") / "augcourse")
    isolation = _no_network_prefix()
    # No Docker daemon either: the client is pointed at a socket that does not exist.
    env = dict(os.environ, DOCKER_HOST="unix:///nonexistent/docker.sock")
    result = subprocess.run([*isolation, str(repo2docker), "--no-build", "--user-id", "1000",
                             "--user-name", "jovyan", "."],
                            cwd=repo, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "Dockerfile").write_text(result.stdout)
    lines = [ln for ln in result.stdout.splitlines()
             if re.search(r"binder/|src/ |R2D_ENTRYPOINT|environment|mamba|pip install", ln)]
    (OUT / "dockerfile-lines.txt").write_text(
        f"# repo2docker --no-build on a clean clone ({'in a network namespace without network' if isolation else 'network not isolated'},"
        " no Docker daemon)\n# stderr:\n" + "".join(f"#   {ln}\n" for ln in result.stderr.splitlines())
        + "\n".join(lines) + "\n")
    print("\n".join(lines))
    return result


def test_repo2docker_installs_the_binder_environment_then_augcourse(dockerfile):
    dockerfile, log = dockerfile.stdout, dockerfile.stderr
    lines = dockerfile.splitlines()

    def index(pattern):
        hits = [i for i, ln in enumerate(lines) if re.fullmatch(pattern, ln)]
        assert hits, f"no Dockerfile line matches {pattern!r}"
        return hits[0]

    env_install = index(r'RUN \$\{KERNEL_PYTHON_PREFIX\}/bin/pip install --no-cache-dir -r "binder/requirements\.txt"')
    copy_repo = index(r"COPY --chown=1000:1000 src/ \$\{REPO_DIR\}/")
    post_build = index(r"RUN \./binder/postBuild")
    assert env_install < copy_repo < post_build
    index(r'ENV R2D_ENTRYPOINT="\$\{REPO_DIR\}/binder/start"')
    assert "Building conda environment for python=3.11" in log, log
    # The root environment.yml (with the test tools) is for conda users; Binder must not read it.
    assert "environment.yml" not in dockerfile and "mamba env update" not in dockerfile
    assert "pip install --no-cache-dir ." not in dockerfile, "augcourse would be installed twice"


# --- every module the notebooks import is in the Binder environment ------------------------------

def notebook_imports(notebooks):
    """{top-level module: {notebook names}} over the code cells of ``notebooks`` (IPython syntax allowed)."""
    transform = TransformerManager().transform_cell
    found = {}
    for path in notebooks:
        for cell in json.loads(Path(path).read_text())["cells"]:
            if cell["cell_type"] == "code":
                source = "".join(cell["source"])
                for module in _imports(ast.parse(transform(source))):
                    found.setdefault(module, set()).add(Path(path).name)
    return found


def library_imports():
    """{top-level module: {files}} that augcourse's own modules import (postBuild installs it --no-deps)."""
    found = {}
    for path in sorted((ROOT / "augcourse").rglob("*.py")):
        for module in _imports(ast.parse(path.read_text())):
            found.setdefault(module, set()).add(str(path.relative_to(ROOT)))
    return found


def _imports(tree):
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name.partition(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            yield node.module.partition(".")[0]


def missing_from_binder(imports, binder_names, distributions=None):
    """[(module, where, why)] for every imported module that Binder's packages do not provide."""
    distributions = importlib.metadata.packages_distributions() if distributions is None else distributions
    missing = []
    for module, where in sorted(imports.items()):
        if module in sys.stdlib_module_names or module == "augcourse":
            continue
        dists = {canonicalize_name(d) for d in distributions.get(module, [])}
        if not dists:
            missing.append((module, sorted(where), "no installed distribution provides it"))
        elif not dists & binder_names:
            missing.append((module, sorted(where), f"provided by {', '.join(sorted(dists))}, not in binder/"))
    return missing


def test_binder_provides_every_module_the_notebooks_and_the_library_import():
    imports = notebook_imports(sorted((ROOT / "notebooks").glob("*.ipynb")))
    assert {"numpy", "tensorflow", "matplotlib", "augcourse"} <= set(imports)
    for module, where in library_imports().items():
        imports.setdefault(module, set()).update(where)
    assert "cv2" in imports
    assert missing_from_binder(imports, set(binder_pins())) == []


def test_the_import_check_reports_a_package_binder_lacks(tmp_path):
    notebook = tmp_path / "99_extra.ipynb"
    notebook.write_text(json.dumps({"cells": [
        {"cell_type": "code", "source": ["%matplotlib inline\n", "import hypothesis\n",
                                         "from scipy.ndimage import rotate\n", "import json\n"]},
        {"cell_type": "markdown", "source": ["import nothing_here"]}]}))
    imports = notebook_imports([notebook])
    assert set(imports) == {"hypothesis", "scipy", "json"}
    binder = set(binder_pins())
    assert missing_from_binder(imports, binder) == [
        ("hypothesis", ["99_extra.ipynb"], "provided by hypothesis, not in binder/")]
    assert [m for m, *_ in missing_from_binder(imports, binder - {"scipy"})] == ["hypothesis", "scipy"]
    assert missing_from_binder({"nowhere_module": {"x"}}, binder)[0][2] == "no installed distribution provides it"


# --- pip check: the base image's packages with binder/ on top (make check-binder does it against the index) --

import check_binder  # noqa: E402


def test_base_image_list_is_the_installed_repo2docker_lock():
    assert (BINDER / "base-image.txt").read_text() == check_binder.base_image_text(), \
        "binder/base-image.txt is not the installed repo2docker's base environment: python tools/check_binder.py --write-base"
    base = check_binder.read_pins(BINDER / "base-image.txt")
    assert {"notebook", "jupyterlab", "jupyter-server", "wheel", "jupyterhub", "nbconvert"} <= set(base)
    assert not {"python", "pip", "nodejs", "openssl"} & set(base)


def test_base_packages_parsed_from_a_conda_lock():
    lock = ("@EXPLICIT\nhttps://conda.anaconda.org/conda-forge/linux-64/python-3.11.14-hfe2f287_1_cpython.conda#e8\n"
            "https://conda.anaconda.org/conda-forge/linux-64/libgcc-15.2.0-h767d61c_7.conda#c0\n"
            "https://conda.anaconda.org/conda-forge/noarch/notebook-7.4.7-pyhd8ed1ab_0.conda#82\n"
            "https://conda.anaconda.org/conda-forge/noarch/nbconvert-core-7.16.6-pyh29332c3_0.conda#d2\n"
            "https://conda.anaconda.org/conda-forge/linux-64/pyzmq-27.1.0-py311h2315fbb_0.conda#6f\n"
            "https://conda.anaconda.org/conda-forge/noarch/cached_property-1.5.2-pyha770c72_1.tar.bz2#57\n")
    assert check_binder.base_packages(lock) == [("cached-property", "1.5.2"), ("nbconvert", "7.16.6"),
                                                ("notebook", "7.4.7"), ("pyzmq", "27.1.0")]


def test_pip_check_finds_the_base_images_notebook_beside_the_course_jupyterlab():
    # notebook 7.4.7's requirement, as its metadata states it; the jupyterlab the lock pins.
    requires = {"notebook": ["jupyterlab<4.5,>=4.4.9", "tornado>=6.2.0", "pytest; extra == 'test'",
                             "pywin32; sys_platform == 'win32'"],
                "jupyterlab": [], "tornado": []}
    old = {"notebook": "7.4.7", "jupyterlab": "4.6.6", "tornado": "6.6.1"}
    assert check_binder.broken(old, requires) == [
        "notebook 7.4.7 requires jupyterlab<4.5,>=4.4.9, but the environment has jupyterlab 4.6.6"]
    assert check_binder.broken(dict(old, tornado="6.1"), requires)[1].startswith("notebook 7.4.7 requires tornado>=6.2.0")
    assert check_binder.broken({"notebook": "7.4.7"}, requires)[0].endswith("which is not installed")


def test_binder_pins_meet_every_requirement_of_the_binder_packages():
    """pip check over binder/ alone, from the metadata of the same versions installed here (offline)."""
    pins = binder_pins()
    installed = {name: importlib.metadata.version(name) for name in pins}
    assert installed == pins, "the packages installed here are not binder/'s versions: make install"
    requires = {name: importlib.metadata.requires(name) for name in pins}
    assert check_binder.broken(pins, requires) == []
    # The image's default command comes from binder/, and accepts binder/'s JupyterLab.
    notebook = [Requirement(r) for r in requires["notebook"] if canonicalize_name(Requirement(r).name) == "jupyterlab"]
    assert notebook and all(pins["jupyterlab"] in r.specifier for r in notebook), notebook


# --- binder/start: the course index opens under `jupyter lab` and under the image's `jupyter notebook` ----

INDEX = "notebooks/00_index.ipynb"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _get(url, opener=urllib.request.build_opener(_NoRedirect)):
    """(status, Location header) of a GET that does not follow redirects."""
    try:
        with opener.open(url, timeout=10) as response:
            return response.status, response.headers.get("Location")
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Location")


def redirect_chain(url, limit=10):
    """[(path, status)] from ``url``, following Location headers by hand until a non-redirect answer."""
    chain = []
    for _ in range(limit):
        status, location = _get(url)
        chain.append((urlsplit(url).path, status))
        if status not in (301, 302, 303, 307, 308):
            return chain
        url = urljoin(url, location)
    raise AssertionError(f"more than {limit} redirects: {chain}")


@pytest.fixture
def course_copy(tmp_path):
    """The repository layout the server sees in the image: binder/ and notebooks/ (the index) in its root."""
    root = tmp_path / "augcourse"
    (root / "notebooks").mkdir(parents=True)
    shutil.copy2(ROOT / INDEX, root / INDEX)
    shutil.copytree(BINDER, root / "binder")
    return root


def _serve(root, *command):
    """Start ``binder/start <command>`` in ``root`` as repo2docker's entrypoint does; return the server."""
    bin_dir = Path(sys.executable).parent
    args = [str(root / "binder" / "start"), str(bin_dir / command[0]), *command[1:],
            "--IdentityProvider.token=", "--ServerApp.password=", "--ServerApp.disable_check_xsrf=True"]
    env = dict(os.environ, JUPYTER_CONFIG_DIR=str(root / ".jupyter-config"),
               JUPYTER_RUNTIME_DIR=str(root / ".jupyter-runtime"),
               PATH=f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}")
    return jupyter_servers.start(args, cwd=root, env=env, log=root / "server.log")


@pytest.mark.parametrize("command, index_url", [
    (("jupyter", "lab"), "/lab/tree/" + INDEX),
    # repo2docker's default command (also the README's local `repo2docker .`): notebook 7's page for a notebook.
    (("jupyter", "notebook"), "/notebooks/" + INDEX),
], ids=["jupyter-lab", "jupyter-notebook"])
def test_start_opens_the_course_index_under_each_server_command(course_copy, command, index_url):
    server = _serve(course_copy, *command)
    base = server.url
    try:
        chain = redirect_chain(base + "/")
        # Neither page handler checks that the file exists: the contents API says that the page's path is the index.
        with urllib.request.urlopen(f"{base}/api/contents/{INDEX}?content=0", timeout=10) as response:
            model = json.load(response)
    finally:
        jupyter_servers.stop(server)
    assert (model["path"], model["type"]) == (INDEX, "notebook")
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / f"start-{'-'.join(command)}.txt").write_text(
        f"binder/start {' '.join(command)}: GET / without following redirects\n"
        + "".join(f"{status} {path}\n" for path, status in chain))
    assert chain[0][1] in (301, 302, 303, 307, 308), chain
    assert chain[-1] == (index_url, 200), f"{' '.join(command)}: / leads to {chain}, not {index_url}"
