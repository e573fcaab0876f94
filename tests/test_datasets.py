"""CIFAR-10 loading: the bundled subset, the full path without a network, and "auto"."""

import hashlib
import io
import pickle
import shutil
import tarfile
import time

import numpy as np
import pytest

from augcourse import datasets
from augcourse.datasets import CIFAR10Unavailable, load_cifar10, load_cifar10_with_source, sha256_of


def test_subset_matches_keras_layout():
    (x_train, y_train), (x_test, y_test), names = load_cifar10("subset")
    assert x_train.shape == (4660, 32, 32, 3) and x_train.dtype == np.uint8
    assert y_train.shape == (4660, 1) and y_train.dtype == np.uint8
    assert x_test.shape == (846, 32, 32, 3) and y_test.shape == (846, 1)
    assert names == ("airplane", "automobile", "bird", "cat", "deer",
                     "dog", "frog", "horse", "ship", "truck")
    assert set(np.unique(y_train)) == set(range(10))
    # the first CIFAR-10 training image is a frog, the first test image a cat
    assert names[y_train[0, 0]] == "frog" and names[y_test[0, 0]] == "cat"


def test_corrupted_subset_is_rejected(tmp_path):
    bad = tmp_path / "cifar10-subset.npz"
    shutil.copy(datasets.SUBSET_PATH, bad)
    raw = bytearray(bad.read_bytes())
    raw[len(raw) // 2] ^= 0xFF
    bad.write_bytes(bytes(raw))
    with pytest.raises(ValueError, match="corrupted.*sha256.*git checkout"):
        load_cifar10("subset", subset_path=bad)


def test_missing_subset_names_the_path(tmp_path):
    with pytest.raises(FileNotFoundError, match="nowhere.npz"):
        load_cifar10("subset", subset_path=tmp_path / "nowhere.npz")


def test_unknown_source_names_the_choices():
    with pytest.raises(ValueError, match=r"source must be one of 'subset', 'full', 'auto'; got 'cifar'"):
        load_cifar10("cifar")


def test_full_without_network_fails_fast_and_explains(tmp_path):
    start = time.monotonic()
    with pytest.raises(CIFAR10Unavailable, match="Could not download the full CIFAR-10") as info:
        load_cifar10("full", cache_dir=tmp_path)
    assert time.monotonic() - start < 30  # "within seconds", generous for a loaded machine
    message = str(info.value)
    assert "no network" in message and "load_cifar10('subset')" in message
    assert str(datasets.keras_archive_path(tmp_path)) in message


def test_auto_falls_back_to_subset_in_one_line(tmp_path, capsys):
    (x_train, _), (x_test, _), _ = load_cifar10("auto", cache_dir=tmp_path)
    assert x_train.shape[0] == 4660 and x_test.shape[0] == 846
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1 and out[0].startswith("Full CIFAR-10 unavailable") and "subset" in out[0]


def test_sha256_of_is_the_sha256_of_the_bytes(tmp_path):
    path = tmp_path / "blob.bin"
    path.write_bytes(bytes(range(256)) * 5000)          # larger than one read
    assert sha256_of(path) == hashlib.sha256(path.read_bytes()).hexdigest()
    assert sha256_of(datasets.SUBSET_PATH) == datasets.SUBSET_SHA256


def test_with_source_says_subset_when_auto_falls_back(tmp_path, capsys):
    used, ((x_train, _), (x_test, _), names) = load_cifar10_with_source("auto", cache_dir=tmp_path)
    assert used == "subset" and x_train.shape[0] == 4660 and names[0] == "airplane"
    assert capsys.readouterr().out.startswith("Full CIFAR-10 unavailable")
    used, cifar = load_cifar10_with_source("subset")
    assert used == "subset"
    np.testing.assert_array_equal(cifar[0][0], x_train)


def _cifar_archive(path, x_parts, y_parts):
    """Write a tar.gz laid out like cifar-10-python.tar.gz (pickled batches, CHW rows)."""
    names = [f"data_batch_{i}" for i in range(1, 6)] + ["test_batch"]
    with tarfile.open(path, "w:gz") as tar:
        for name, x, y in zip(names, x_parts, y_parts):
            batch = {b"data": x.transpose(0, 3, 1, 2).reshape(len(x), -1),
                     b"labels": [int(v) for v in y[:, 0]]}
            blob = pickle.dumps(batch)
            info = tarfile.TarInfo(f"cifar-10-batches-py/{name}")
            info.size = len(blob)
            tar.addfile(info, io.BytesIO(blob))
    return path


@pytest.fixture
def tiny_archive(tmp_path):
    (x_train, y_train), (x_test, y_test), _ = load_cifar10("subset")
    x_parts = [x_train[i * 8:(i + 1) * 8] for i in range(5)] + [x_test[:8]]
    y_parts = [y_train[i * 8:(i + 1) * 8] for i in range(5)] + [y_test[:8]]
    archive = _cifar_archive(tmp_path / "cifar-10-python.tar.gz", x_parts, y_parts)
    return archive, x_train[:40], y_train[:40], x_test[:8], y_test[:8]


def test_full_path_downloads_through_keras_from_a_local_archive(tmp_path, tiny_archive):
    archive, x_train, y_train, x_test, y_test = tiny_archive
    cache = tmp_path / "keras-home"
    (xa, ya), (xb, yb), names = load_cifar10("full", cache_dir=cache, origin=archive.as_uri(),
                                             file_hash=sha256_of(archive))
    np.testing.assert_array_equal(xa, x_train)
    np.testing.assert_array_equal(ya, y_train)
    np.testing.assert_array_equal(xb, x_test)
    np.testing.assert_array_equal(yb, y_test)
    assert xa.dtype == np.uint8 and ya.shape == (40, 1) and names[0] == "airplane"
    # Keras' cache now holds the archive where keras.datasets.cifar10 looks for it
    assert datasets.keras_archive_path(cache).is_file()


def test_with_source_says_full_when_full_or_auto_get_the_full_set(tmp_path, tiny_archive):
    archive, x_train, *_ = tiny_archive
    kwargs = dict(cache_dir=tmp_path / "keras-home", origin=archive.as_uri(), file_hash=sha256_of(archive))
    for source in ("full", "auto"):
        used, ((xa, _), _, _) = load_cifar10_with_source(source, **kwargs)
        assert used == "full"
        np.testing.assert_array_equal(xa, x_train)


def test_full_uses_a_cached_archive_without_any_network(tmp_path, tiny_archive):
    archive, x_train, *_ = tiny_archive
    cache = tmp_path / "keras-home"
    target = datasets.keras_archive_path(cache)
    target.parent.mkdir(parents=True)
    shutil.copy(archive, target)
    # the origin points at a server that does not exist: only the cache can answer
    (xa, _), _, _ = load_cifar10("full", cache_dir=cache, origin="https://cifar.invalid/x.tar.gz",
                                 file_hash=sha256_of(archive))
    np.testing.assert_array_equal(xa, x_train)


class _Server:
    """A local HTTP server in a thread (127.0.0.1, a free port) that answers every path alike."""

    def __init__(self, status, body=b"", head_status=None):
        import http.server
        import threading

        class Handler(http.server.BaseHTTPRequestHandler):
            def _answer(self, with_body):
                self.send_response(status if with_body or head_status is None else head_status)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if with_body:
                    self.wfile.write(body)

            def do_GET(self):
                self._answer(True)

            def do_HEAD(self):
                self._answer(False)

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/cifar-10-python.tar.gz"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def serve():
    servers = []

    def start(status, body=b"", head_status=None):
        servers.append(_Server(status, body, head_status))
        return servers[-1].url

    yield start
    for server in servers:
        server.close()


def _one_fallback_line(capsys):
    lines = [line for line in capsys.readouterr().out.splitlines() if line.startswith("Full CIFAR-10 unavailable")]
    assert len(lines) == 1, lines
    return lines[0]


def test_auto_falls_back_on_an_http_404_and_leaves_no_empty_folder(tmp_path, serve, capsys):
    cache = tmp_path / "keras-home"
    used, ((x_train, _), _, _) = load_cifar10_with_source("auto", cache_dir=cache, origin=serve(404))
    assert used == "subset" and x_train.shape[0] == 4660
    line = _one_fallback_line(capsys)
    assert "HTTP 404" in line and "subset" in line
    assert not cache.exists()
    with pytest.raises(CIFAR10Unavailable, match="HTTP 404"):
        load_cifar10("full", cache_dir=cache, origin=serve(404))
    assert not cache.exists()


def test_auto_falls_back_on_a_download_whose_hash_differs(tmp_path, serve, capsys, tiny_archive):
    archive = tiny_archive[0]
    cache = tmp_path / "keras-home"
    origin = serve(200, b"these are not the bytes of cifar-10-python.tar.gz")
    used, ((x_train, _), _, _) = load_cifar10_with_source("auto", cache_dir=cache, origin=origin,
                                                          file_hash=sha256_of(archive))
    assert used == "subset" and x_train.shape[0] == 4660
    line = _one_fallback_line(capsys)
    assert "sha256" in line and sha256_of(archive) in line
    assert not cache.exists()                      # the wrong bytes are not kept, no empty folder either
    with pytest.raises(CIFAR10Unavailable, match="sha256"):
        load_cifar10("full", cache_dir=cache, origin=origin, file_hash=sha256_of(archive))


def test_auto_falls_back_on_an_archive_that_is_not_cifar(tmp_path, serve, capsys):
    body = b"not a tar archive at all"
    cache = tmp_path / "keras-home"
    used, _ = load_cifar10_with_source("auto", cache_dir=cache, origin=serve(200, body),
                                       file_hash=hashlib.sha256(body).hexdigest())
    assert used == "subset" and "not a CIFAR-10 archive" in _one_fallback_line(capsys)
    assert not cache.exists()


def test_the_cli_with_source_auto_on_a_404_falls_back_and_writes(tmp_path, serve, capsys):
    from augcourse import study

    out, cache = tmp_path / "out", tmp_path / "keras-home"
    status = study.main(["--source", "auto", "--origin", serve(404), "--cache-dir", str(cache), "--limit", "64",
                         "--epochs", "1", "--configs", "none", "--timing", "", "--out", str(out)])
    assert status == 0
    assert "HTTP 404" in _one_fallback_line(capsys)
    assert (out / "study_subset.json").is_file() and not cache.exists()


def test_a_404_that_only_the_download_sees_is_unavailable_too(tmp_path, serve, capsys):
    # a server without HEAD (405): the check before the download passes, Keras' own fetch gets the 404
    cache = tmp_path / "keras-home"
    used, _ = load_cifar10_with_source("auto", cache_dir=cache, origin=serve(404, head_status=405))
    assert used == "subset" and "HTTP 404 Not Found" in _one_fallback_line(capsys)
    assert not cache.exists()
