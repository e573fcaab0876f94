"""CIFAR-10-C-style corruptions (augcourse.study.corruptions): parameters, determinism, ordering, errors."""

import colorsys

import numpy as np
import pytest
from PIL import Image

from augcourse.datasets import load_cifar10
from augcourse.study import corruptions as C


@pytest.fixture(scope="module")
def cifar():
    """The first 64 bundled CIFAR-10 test images, uint8 (64, 32, 32, 3)."""
    (_, _), (x_test, _), _ = load_cifar10()
    return x_test[:64].copy()


def _change(a, b):
    return float(np.abs(a.astype(np.int16) - b.astype(np.int16)).mean())


def test_table_is_hendrycks_cifar_c():
    # make_cifar_c.py of github.com/hendrycks/robustness
    assert C.CORRUPTIONS == ("gaussian_noise", "gaussian_blur", "contrast", "brightness", "jpeg", "pixelate")
    assert C.PARAMETERS["gaussian_noise"] == (0.04, 0.06, 0.08, 0.09, 0.10)
    assert C.PARAMETERS["jpeg"] == (80, 65, 58, 50, 40)
    assert C.parameter("pixelate", 5) == 0.65
    assert C.parameter("contrast", 1) == 0.75
    assert C.SEVERITIES == (1, 3, 5)


@pytest.mark.parametrize("name", C.CORRUPTIONS)
def test_shape_dtype_and_input_untouched(name):
    x = np.random.default_rng(3).integers(0, 256, size=(3, 9, 7, 3), dtype=np.uint8)
    before = x.copy()
    for severity in C.ALL_SEVERITIES:
        out = C.corrupt(x, name, severity)
        assert out.shape == x.shape and out.dtype == np.uint8
        assert out is not x
    np.testing.assert_array_equal(x, before)


@pytest.mark.parametrize("name", C.CORRUPTIONS)
def test_empty_batch(name):
    out = C.corrupt(np.zeros((0, 32, 32, 3), dtype=np.uint8), name, 5)
    assert out.shape == (0, 32, 32, 3) and out.dtype == np.uint8


@pytest.mark.parametrize("name", C.CORRUPTIONS)
def test_change_grows_with_severity(cifar, name):
    changes = [_change(C.corrupt(cifar, name, s), cifar) for s in C.ALL_SEVERITIES]
    assert changes[0] > 0.5, changes
    assert all(a < b for a, b in zip(changes, changes[1:])), changes


def test_noise_seeded_and_global_rng_untouched(cifar):
    np.random.seed(123)
    state = np.random.get_state()
    a = C.corrupt(cifar, "gaussian_noise", 3, seed=7)
    b = C.corrupt(cifar, "gaussian_noise", 3, seed=7)
    c = C.corrupt(cifar, "gaussian_noise", 3, seed=8)
    C.corrupted_sets(cifar[:4], seed=5)
    after = np.random.get_state()
    assert state[0] == after[0] and state[2:] == after[2:]
    np.testing.assert_array_equal(state[1], after[1])
    np.testing.assert_array_equal(a, b)
    assert (a != c).mean() > 0.5


def test_noise_std_matches_parameter():
    x = np.full((20, 32, 32, 3), 128, dtype=np.uint8)      # mid-grey: the noise is almost never clipped
    for severity in C.ALL_SEVERITIES:
        diff = C.corrupt(x, "gaussian_noise", severity, seed=0).astype(float) - 128
        assert diff.std() == pytest.approx(C.parameter("gaussian_noise", severity) * 255, rel=0.03)
        assert abs(diff.mean()) < 0.5
        # a different noise pattern for every image and channel
        assert not np.array_equal(diff[0], diff[1]) and not np.array_equal(diff[..., 0], diff[..., 1])


def test_deterministic_corruptions_ignore_seed(cifar):
    for name in C.CORRUPTIONS[1:]:
        np.testing.assert_array_equal(C.corrupt(cifar, name, 3, seed=0), C.corrupt(cifar, name, 3, seed=99))


def test_blur_is_spatial_per_channel_gaussian():
    x = np.zeros((1, 15, 15, 3), dtype=np.uint8)
    x[0, 7, 7, 0] = 255                                     # one red dot
    sigma = C.parameter("gaussian_blur", 5)
    k = np.exp(-np.arange(-4, 5) ** 2 / (2 * sigma**2))
    k /= k.sum()
    out = C.corrupt(x, "gaussian_blur", 5)
    np.testing.assert_allclose(out[0, 3:12, 3:12, 0], np.rint(255 * np.outer(k, k)), atol=1)
    assert not out[..., 1:].any()                           # no blur across channels


def test_contrast_keeps_channel_means(cifar):
    for severity in C.ALL_SEVERITIES:
        out = C.corrupt(cifar, "contrast", severity).astype(float)
        np.testing.assert_allclose(out.mean(axis=(1, 2)), cifar.astype(float).mean(axis=(1, 2)), atol=1)
    std_in = cifar.astype(float).std(axis=(1, 2))
    std_out = C.corrupt(cifar, "contrast", 5).astype(float).std(axis=(1, 2))
    np.testing.assert_allclose(std_out, 0.15 * std_in, atol=0.6)


def test_brightness_adds_to_hsv_value(cifar):
    x = cifar[:3]
    out = C.corrupt(x, "brightness", 4)
    for idx in np.ndindex(x.shape[:3]):
        h, s, v = colorsys.rgb_to_hsv(*(x[idx] / 255.0))
        want = np.rint(np.array(colorsys.hsv_to_rgb(h, s, min(v + 0.2, 1.0))) * 255)
        np.testing.assert_allclose(out[idx], want, atol=1)
    black = C.corrupt(np.zeros((1, 2, 2, 3), dtype=np.uint8), "brightness", 5)
    assert (black == 76).all() or (black == 77).all()       # 0.3 * 255 = 76.5: grey, not black
    dark = C.corrupt(np.zeros((1, 2, 2, 3), dtype=np.uint8), "brightness", 1)
    assert (dark == 13).all()                               # 0.05 * 255 = 12.75 rounds to 13 (not truncated)


@pytest.mark.parametrize("severity", C.ALL_SEVERITIES)
def test_pixelate_makes_blocks(cifar, severity):
    out = C.corrupt(cifar, "pixelate", severity)
    small = int(32 * C.parameter("pixelate", severity))
    # nearest-neighbour enlargement: exactly `small` distinct rows and columns per image
    row_runs = 1 + (out[:, 1:] != out[:, :-1]).any(axis=(2, 3)).sum(axis=1)
    col_runs = 1 + (out[:, :, 1:] != out[:, :, :-1]).any(axis=(1, 3)).sum(axis=1)
    assert row_runs.max() <= small and col_runs.max() <= small
    assert np.median(row_runs) == small and np.median(col_runs) == small
    # the block values are averages: close to Pillow's BOX pixelation of the script
    ref = np.stack([np.asarray(Image.fromarray(i).resize((small, small), Image.BOX).resize((32, 32), Image.BOX))
                    for i in cifar])
    assert _change(out, ref) < 6


def test_pixelate_keeps_a_flat_image():
    x = np.full((2, 32, 32, 3), 77, dtype=np.uint8)
    np.testing.assert_array_equal(C.corrupt(x, "pixelate", 5), x)


def test_jpeg_differs_but_stays_close(cifar):
    q80, q40 = C.corrupt(cifar, "jpeg", 1), C.corrupt(cifar, "jpeg", 5)
    assert 1 < _change(q80, cifar) < _change(q40, cifar) < 15
    buffer = __import__("io").BytesIO()
    Image.fromarray(cifar[0]).save(buffer, format="JPEG", quality=40)
    np.testing.assert_array_equal(q40[0], np.asarray(Image.open(buffer)))


def test_corrupted_sets_keys_and_values(cifar):
    x = cifar[:5]
    sets = C.corrupted_sets(x, seed=4)
    assert list(sets) == [(n, s) for n in C.CORRUPTIONS for s in C.SEVERITIES]
    for (name, severity), arr in sets.items():
        np.testing.assert_array_equal(arr, C.corrupt(x, name, severity, seed=4))
    assert list(C.corrupted_sets(x, severities=[2], names=["jpeg"])) == [("jpeg", 2)]


@pytest.mark.parametrize("call, error, words", [
    (lambda x: C.corrupt(x, "fog", 1), ValueError, ["name must be one of", "'fog'"]),
    (lambda x: C.corrupt(x, "jpeg", 6), ValueError, ["severity must be one of 1, 2, 3, 4, 5", "got 6"]),
    (lambda x: C.corrupt(x, "jpeg", 0), ValueError, ["severity", "got 0"]),
    (lambda x: C.corrupt(x, "jpeg", 2.0), TypeError, ["severity must be an integer", "2.0"]),
    (lambda x: C.corrupt(x, "jpeg", True), TypeError, ["severity must be an integer", "True"]),
    (lambda x: C.corrupt(x.astype(np.float32), "jpeg", 1), TypeError, ["images.dtype", "uint8", "float32"]),
    (lambda x: C.corrupt(x[0], "jpeg", 1), ValueError, ["images", "rank 3", "N, H, W, C"]),
    (lambda x: C.corrupt(x[..., :1], "jpeg", 1), ValueError, ["images", "1 channels", "3 channels"]),
    (lambda x: C.corrupt(x, "gaussian_noise", 1, seed=-1), ValueError, ["seed must be", "-1"]),
    (lambda x: C.corrupted_sets(x, severities=(1, 7)), ValueError, ["severities[...]", "got 7"]),
    (lambda x: C.corrupted_sets(x, severities=()), TypeError, ["severities must be a non-empty"]),
    (lambda x: C.corrupted_sets(x, names="jpeg"), TypeError, ["names must be a non-empty", "'jpeg'"]),
    (lambda x: C.corrupted_sets(x, names=["jpeg", "snow"]), ValueError, ["names[...] must be one of", "'snow'"]),
    (lambda x: C.corrupted_sets(x.astype(np.int64)), TypeError, ["images.dtype", "int64"]),
])
def test_errors_name_the_parameter(call, error, words):
    x = np.zeros((2, 8, 8, 3), dtype=np.uint8)
    with pytest.raises(error) as info:
        call(x)
    for word in words:
        assert word in str(info.value), (word, str(info.value))


def test_corrupted_sets_checks_everything_first(monkeypatch):
    calls = []
    monkeypatch.setattr(C, "corrupt", lambda *args, **kwargs: calls.append(args))
    x = np.zeros((2, 8, 8, 3), dtype=np.uint8)
    for kwargs in ({"severities": (1, 3, 9)}, {"names": ("jpeg", "fog")}, {"seed": -3}):
        with pytest.raises(ValueError):
            C.corrupted_sets(x, **kwargs)
    with pytest.raises(TypeError):
        C.corrupted_sets(x.astype(np.float64))
    assert calls == []
