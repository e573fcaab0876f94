"""CIFAR-10 for the course: a bundled offline subset, or the full set through Keras.

``load_cifar10`` returns what ``keras.datasets.cifar10.load_data()`` returns,
plus the class names:

    (x_train, y_train), (x_test, y_test), class_names

with ``x_*`` of shape (N, 32, 32, 3) uint8 and ``y_*`` of shape (N, 1) uint8.

- ``source="subset"`` (the default): 4,660 training and 846 test images, real
  CIFAR-10 images bundled with augcourse, checked against their sha256.
- ``source="full"``: the 50,000 / 10,000 images, downloaded once (170 MB) by
  Keras' own downloader ``keras.utils.get_file`` into the same cache file that
  ``keras.datasets.cifar10.load_data()`` uses, so either one reuses the other's
  download. Without a network it fails within seconds and says what to do.
- ``source="auto"``: the full set if it can be had, otherwise the subset, with
  one line saying why (no network, an HTTP error such as 404, a download whose
  sha256 differs, an archive that is not CIFAR-10's); a failed download is not
  kept and no empty cache folder is left behind. ``load_cifar10_with_source`` also says which of the two
  it loaded.

Example:
    >>> (x_train, y_train), (x_test, y_test), names = load_cifar10()
    >>> x_train.shape, y_train.shape, names[0]
    ((4660, 32, 32, 3), (4660, 1), 'airplane')
"""

import hashlib
import os
import pickle
import shutil
import socket
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import numpy as np

from augcourse._checks import check_choice, check_number
from augcourse.language import tr

CLASS_NAMES = ("airplane", "automobile", "bird", "cat", "deer",
               "dog", "frog", "horse", "ship", "truck")

SUBSET_PATH = Path(__file__).with_name("data") / "cifar10-subset.npz"
SUBSET_SHA256 = "2b51d2750f35b7876c1fb4e46cc78076ae3ae610c35746652dc30f1c3e22028e"

# The same origin, hash and cache name as keras.datasets.cifar10.load_data().
CIFAR10_ORIGIN = "https://www.cs.toronto.edu/~kriz/cifar-10-python.tar.gz"
CIFAR10_SHA256 = "6d958be074577803d12ecdefd02955f39262c83c16fe9348329d7fe0b5c001ce"
KERAS_CACHE_NAME = "cifar-10-batches-py-target"

SOURCES = ("subset", "full", "auto")


class CIFAR10Unavailable(RuntimeError):
    """The full CIFAR-10 could not be had (no network and no cached download).

    ``reason`` says why, ``origin`` where it was looked for and ``archive`` where a copy may be
    put by hand; ``explain(use_instead)`` is the message with another way to the subset (the
    command line names its own option instead of the Python call).

    Example:
        >>> error = CIFAR10Unavailable("https://example.org/c.tar.gz", "no network", Path("/k/c_archive"))
        >>> error.explain("--source subset")
        'Could not download the full CIFAR-10 (170 MB) from https://example.org/c.tar.gz: no network. \
Use --source subset for the bundled 4,660/846-image subset, or copy cifar-10-python.tar.gz to \
/k/c_archive and try again.'
    """

    def __init__(self, origin, reason, archive):
        self.origin, self.reason, self.archive = origin, reason, archive
        super().__init__(self.explain())

    def explain(self, use_instead="load_cifar10('subset')"):
        """The one-line message, pointing to ``use_instead`` for the subset."""
        return tr("Could not download the full CIFAR-10 (170 MB) from {origin}: {reason}. "
                  "Use {use_instead} for the bundled 4,660/846-image subset, "
                  "or copy cifar-10-python.tar.gz to {archive} and try again.", origin=self.origin,
                  reason=self.reason, use_instead=use_instead, archive=self.archive)


def load_cifar10(source="subset", *, subset_path=None, cache_dir=None,
                 origin=CIFAR10_ORIGIN, file_hash=CIFAR10_SHA256, timeout=5.0):
    """Load CIFAR-10 as ``(x_train, y_train), (x_test, y_test), class_names``.

    Args:
        source: "subset" (bundled, offline), "full" (Keras download) or "auto".
        subset_path: the subset ``.npz`` to read (default: the bundled file).
        cache_dir: Keras' cache root (default: ``$KERAS_HOME`` or ``~/.keras``).
        origin, file_hash: where the full archive comes from and its sha256
            (defaults: the ones Keras uses).
        timeout: seconds to wait for the download server before giving up.

    Returns:
        ``(x_train, y_train), (x_test, y_test), class_names``: uint8 arrays of
        shapes (N, 32, 32, 3) and (N, 1), and a tuple of 10 names.

    Example:
        >>> (x, y), _, names = load_cifar10("subset")
        >>> names[int(y[0, 0])]
        'frog'
    """
    return load_cifar10_with_source(source, subset_path=subset_path, cache_dir=cache_dir,
                                    origin=origin, file_hash=file_hash, timeout=timeout)[1]


def load_cifar10_with_source(source="subset", *, subset_path=None, cache_dir=None,
                             origin=CIFAR10_ORIGIN, file_hash=CIFAR10_SHA256, timeout=5.0):
    """``load_cifar10`` that also says which data it loaded: ``(used, cifar10)``.

    ``used`` is "subset" or "full": for ``source="auto"`` it is "full" when the
    full set could be had and "subset" when the loader fell back to the bundled
    images. ``cifar10`` is what ``load_cifar10`` returns; the arguments are its.

    Example:
        >>> used, ((x_train, y_train), (x_test, y_test), names) = load_cifar10_with_source("subset")
        >>> used, x_train.shape, x_test.shape
        ('subset', (4660, 32, 32, 3), (846, 32, 32, 3))
    """
    check_choice("source", source, SOURCES)
    check_number("timeout", timeout, low=0, low_inclusive=False)
    subset = Path(subset_path) if subset_path else SUBSET_PATH
    if source == "subset":
        return "subset", _load_subset(subset)
    try:
        return "full", _load_full(cache_dir, origin, file_hash, timeout)
    except CIFAR10Unavailable as error:
        if source == "full":
            raise
        print(tr("Full CIFAR-10 unavailable ({reason}); using the bundled subset (4,660 train / 846 test images).",
                 reason=error.reason))
        return "subset", _load_subset(subset)


def sha256_of(path):
    """Hex sha256 of a file (``hashlib.file_digest``, read in chunks).

    Example:
        >>> sha256_of(SUBSET_PATH) == SUBSET_SHA256
        True
    """
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def _load_subset(path):
    if not path.is_file():
        raise FileNotFoundError(tr("The CIFAR-10 subset file {path!r} does not exist.", path=str(path)))
    got = sha256_of(path)
    if got != SUBSET_SHA256:
        raise ValueError(tr(
            "The CIFAR-10 subset file {path!r} is corrupted or not the one augcourse ships: "
            "its sha256 is {got}, expected {expected}. "
            "Restore it with `git checkout augcourse/data/cifar10-subset.npz` or reinstall augcourse.",
            path=str(path), got=got, expected=SUBSET_SHA256))
    with np.load(path) as data:
        train = (data["x_train"], data["y_train"])
        test = (data["x_test"], data["y_test"])
    return train, test, CLASS_NAMES


def keras_archive_path(cache_dir=None):
    """Where Keras keeps (or will keep) the downloaded CIFAR-10 archive.

    Example:
        >>> keras_archive_path("/tmp/keras-home").as_posix()
        '/tmp/keras-home/datasets/cifar-10-batches-py-target_archive'
    """
    if cache_dir is None:
        cache_dir = os.environ.get("KERAS_HOME", os.path.join(os.path.expanduser("~"), ".keras"))
    return Path(cache_dir) / "datasets" / f"{KERAS_CACHE_NAME}_archive"


def _load_full(cache_dir, origin, file_hash, timeout):
    """The full set through ``keras.utils.get_file``; every way the download can fail is ``CIFAR10Unavailable``.

    No network, an HTTP error (404, 500, ...), a download whose sha256 differs from ``file_hash`` and an
    archive without CIFAR-10's batches all become the one error that ``source="auto"`` falls back on.
    A download that failed is not kept, and folders this call made are removed again when left empty.
    """
    archive = keras_archive_path(cache_dir)
    if not (archive.is_file() and sha256_of(archive) == file_hash):
        reason = _unreachable_reason(origin, timeout)
        if reason:
            raise CIFAR10Unavailable(origin, reason, archive)
    made = [p for p in (archive.parent, *archive.parent.parents) if not p.exists()]
    try:
        return _download_and_read(archive, origin, file_hash)
    except CIFAR10Unavailable:
        for path in made:              # deepest first: only the folders this call made, only if empty
            if path.is_dir() and not any(path.iterdir()):
                path.rmdir()
        raise


def _download_and_read(archive, origin, file_hash):
    import warnings

    from augcourse._tf import keras

    # Keras quietly falls back to /tmp/.keras when the cache root does not exist yet.
    archive.parent.mkdir(parents=True, exist_ok=True)
    folder = Path(archive.parent / KERAS_CACHE_NAME)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            folder = Path(keras.utils.get_file(fname=KERAS_CACHE_NAME, origin=origin, extract=True,
                                               file_hash=file_hash, cache_dir=str(archive.parent.parent)))
    except Exception as error:         # Keras raises a bare Exception for HTTP and URL errors
        text = str(error)
        if archive.is_file() and file_hash and sha256_of(archive) != file_hash:
            got = sha256_of(archive)
            archive.unlink()           # not CIFAR-10: do not keep it in Keras' cache
            raise CIFAR10Unavailable(origin, tr("the download's sha256 is {got}, expected {expected}", got=got,
                                                expected=file_hash), archive) from None
        if text.startswith("URL fetch failure"):
            raise CIFAR10Unavailable(origin, _fetch_reason(text), archive) from None
        raise
    batches = folder / "cifar-10-batches-py"
    names = [f"data_batch_{i}" for i in range(1, 6)] + ["test_batch"]
    if not all((batches / name).is_file() for name in names):
        shutil.rmtree(folder, ignore_errors=True)
        archive.unlink(missing_ok=True)
        why = "; ".join(str(w.message) for w in caught) or tr("no cifar-10-batches-py/ in it")
        raise CIFAR10Unavailable(origin, tr("the download is not a CIFAR-10 archive ({why})", why=why), archive)
    train = [_read_batch(batches / f"data_batch_{i}") for i in range(1, 6)]
    x_train = np.concatenate([x for x, _ in train])
    y_train = np.concatenate([y for _, y in train])
    x_test, y_test = _read_batch(batches / "test_batch")
    return (x_train, y_train), (x_test, y_test), CLASS_NAMES


def _fetch_reason(text):
    """Keras' "URL fetch failure on <url>: 404 -- Not Found" as "the server answered HTTP 404 Not Found".

    Example:
        >>> _fetch_reason("URL fetch failure on http://x/c.tar.gz: 404 -- Not Found")
        'the server answered HTTP 404 Not Found'
        >>> _fetch_reason("URL fetch failure on http://x/c.tar.gz: None -- timed out")
        'the download failed (timed out)'
    """
    code, _, message = text.rpartition(": ")[2].partition(" -- ")
    if code.isdigit():
        return tr("the server answered HTTP {code} {message}", code=code, message=message).rstrip()
    return tr("the download failed ({reason})", reason=message or text)


def _read_batch(path):
    """One pickled CIFAR-10 batch -> (x (N, 32, 32, 3) uint8, y (N, 1) uint8)."""
    with open(path, "rb") as handle:
        batch = pickle.load(handle, encoding="bytes")
    x = np.asarray(batch[b"data"], dtype=np.uint8).reshape(-1, 3, 32, 32).transpose(0, 2, 3, 1)
    y = np.asarray(batch[b"labels"], dtype=np.uint8).reshape(-1, 1)
    return x, y


def _unreachable_reason(origin, timeout):
    """None if the origin's server accepts a connection within ``timeout`` s, else why not."""
    url = urllib.parse.urlparse(origin)
    if url.scheme == "file":
        return None if Path(urllib.request.url2pathname(url.path)).is_file() else tr("no such file")
    port = url.port or (443 if url.scheme == "https" else 80)
    try:
        with socket.create_connection((url.hostname, port), timeout=timeout):
            pass
    except OSError as error:
        return tr("no network connection ({kind}: {error})", kind=error.__class__.__name__, error=error)
    if url.scheme in ("http", "https"):   # ask before Keras prints "Downloading data from ..."
        try:
            with urllib.request.urlopen(urllib.request.Request(origin, method="HEAD"), timeout=timeout):
                return None
        except urllib.error.HTTPError as error:
            if error.code in (405, 501):  # no HEAD on this server: let the download itself tell
                return None
            return tr("the server answered HTTP {code} {message}", code=error.code, message=error.reason)
        except (urllib.error.URLError, OSError):
            return None                   # the download will tell, and is turned into the same error
    return None
