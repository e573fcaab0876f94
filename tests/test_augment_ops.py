"""The ops protocol: the NumPy and keras.ops twins offer the same operations, give the same
numbers, use the dtypes the protocol names, and never modify what they are given."""

import inspect

import numpy as np
import pytest

from augcourse._tf import tf
from augcourse.augment.ops import NUMPY_OPS, Ops
from augcourse.augment.keras_backend import KERAS_OPS   # keras.ops on this process's backend (TensorFlow here)

MEMBERS = sorted(name for name in vars(Ops) if not name.startswith("_")) + sorted(Ops.__annotations__)
RNG = np.random.default_rng(0)
X = RNG.normal(100, 60, (3, 4, 5, 3)).astype(np.float32)
CASES = {
    "cast": lambda ops: ops.cast(X, ops.float32),
    "cos": lambda ops: ops.cos(ops.cast(X[0, 0, 0], ops.float32)),
    "sin": lambda ops: ops.sin(ops.cast(X[0, 0, 0], ops.float32)),
    "floor": lambda ops: ops.floor(ops.cast(X, ops.float32)),
    "sqrt": lambda ops: ops.sqrt(ops.cast(np.abs(X), ops.float32)),
    "exp": lambda ops: ops.exp(ops.cast(X / 100, ops.float32)),
    "arange": lambda ops: ops.cast(ops.arange(5), ops.float32),
    "reshape": lambda ops: ops.reshape(ops.cast(X, ops.float32), (3, -1)),
    "full": lambda ops: ops.cast(ops.full((3, 2), (0.5, 2.0)), ops.float32) + ops.cast(ops.full((3, 2), 1.5), ops.float32),
    "minimum": lambda ops: ops.minimum(ops.cast(X, ops.float32), 90.0),
    "maximum": lambda ops: ops.maximum(ops.cast(X, ops.float32), 90.0),
    "where": lambda ops: ops.where(ops.cast(X > 100, ops.bool), ops.cast(X, ops.float32), 0.0),
    "stack": lambda ops: ops.stack([ops.cast(X[0], ops.float32), ops.cast(X[1], ops.float32)], -1),
    "reduce": lambda ops: [ops.reduce(name, ops.cast(X, ops.float32), (1, 2, 3)) for name in ("min", "max", "mean", "std")],
    "image_bounds": lambda ops: list(ops.image_bounds(ops.cast(X, ops.float32))),
    "add_mul_clip": lambda ops: ops.add_mul_clip(ops.cast(X, ops.float32), 10.0, 0.5, 20.0, 80.0),
}


def test_both_twins_implement_every_member_of_the_protocol():
    for name in MEMBERS:
        assert hasattr(NUMPY_OPS, name) and hasattr(KERAS_OPS, name), name
    assert set(CASES) == {name for name in MEMBERS if callable(getattr(Ops, name, None))}


@pytest.mark.parametrize("name", sorted(CASES))
def test_numpy_and_tf_give_the_same_numbers(name):
    ours, theirs = CASES[name](NUMPY_OPS), CASES[name](KERAS_OPS)
    ours, theirs = (np.asarray(ours, np.float64), np.asarray([np.asarray(t) for t in theirs]
                    if isinstance(theirs, list) else theirs, np.float64))
    assert ours.shape == theirs.shape and np.allclose(ours, theirs, rtol=1e-5, atol=1e-3)


def test_dtypes_are_the_ones_the_protocol_names():
    assert NUMPY_OPS.geometry_dtype == np.float64 and KERAS_OPS.geometry_dtype == "float32"
    for ops in (NUMPY_OPS, KERAS_OPS):
        assert "dtype" in inspect.signature(ops.cast).parameters
        assert inspect.signature(ops.cast).parameters["dtype"].default is inspect.Parameter.empty
        out = ops.add_mul_clip(np.arange(4, dtype=np.float64), 1.0, 2.0, 0.0, 5.0)
        assert np.asarray(out).dtype == np.float32


def test_no_operation_modifies_its_input():
    x = X.copy()
    for ops in (NUMPY_OPS, KERAS_OPS):
        for name, case in CASES.items():
            case(ops)
        assert np.array_equal(x, X)
    given = X.copy()
    out = NUMPY_OPS.add_mul_clip(given, 10.0, 0.5, 20.0, 80.0)
    assert not np.shares_memory(out, given) and np.array_equal(given, X)
    assert not np.shares_memory(NUMPY_OPS.cast(given, np.float32), given)


def test_image_bounds_of_an_empty_batch():
    lo, hi = NUMPY_OPS.image_bounds(np.zeros((0, 4, 4, 3), np.float32))
    assert lo.shape == hi.shape == (0, 1, 1, 1)


def test_overwrite_writes_into_a_float32_scratch_array_and_gives_the_same_numbers():
    expected = NUMPY_OPS.add_mul_clip(X, 10.0, 0.5, 20.0, 80.0)
    scratch = X.copy()
    out = NUMPY_OPS.add_mul_clip(scratch, 10.0, 0.5, 20.0, 80.0, overwrite=True)
    assert np.shares_memory(out, scratch) and np.array_equal(out, expected)
    wide = X.astype(np.float64)                     # not float32: a new float32 array, the input untouched
    out = NUMPY_OPS.add_mul_clip(wide, 10.0, 0.5, 20.0, 80.0, overwrite=True)
    assert out.dtype == np.float32 and not np.shares_memory(out, wide) and np.array_equal(wide, X)
    frozen = X.copy()
    frozen.flags.writeable = False                  # a read-only array is never written
    assert np.array_equal(NUMPY_OPS.add_mul_clip(frozen, 10.0, 0.5, 20.0, 80.0, overwrite=True), expected)
    tf_out = KERAS_OPS.add_mul_clip(tf.constant(X), 10.0, 0.5, 20.0, 80.0, overwrite=True)
    assert np.allclose(np.asarray(tf_out), expected)


@pytest.mark.parametrize("dtype", [np.uint8, np.float32])
def test_apply_never_writes_into_the_images_it_is_given(dtype):
    """apply() lets the colour step overwrite the warp's own new array, never the caller's images, also when
    no image moves (the warp then copies)."""
    from augcourse.augment import Augment

    images = RNG.uniform(0, 255, (4, 8, 8, 3)).astype(dtype)
    before = images.copy()
    for aug in (Augment(brightness_range=(0.5, 1.5), channel_shift_range=20),
                Augment(rotation_range=30, brightness_range=(0.5, 1.5))):
        out = aug.apply(images, aug.sample(4, images.shape[1:], seed=1))
        assert not np.shares_memory(out, images) and np.array_equal(images, before)
        assert not np.array_equal(out, images.astype(np.float32))
