"""Every code block the library writes runs as pasted, for every spec the constructor accepts (hypothesis).

For each accepted ``Augment`` spec (every option drawn over its whole accepted range, edges included:
0, factors up to 100, shifts up to 1e6 px, cval / rescale / erasing fill up to ±1e6, tuples, ``p``) the
four code blocks are executed as a learner pastes them:

- ``to_code()`` with ``Augment`` in the namespace: the rebuilt spec writes the same code and augments a
  batch exactly as the original does (same seed);
- ``to_idg_code(shape)`` with tensorflow.keras' ``ImageDataGenerator``: ``random_transform`` (and
  ``standardize``) on a real CIFAR-10 image;
- ``to_keras_code(shape)`` with ``keras``: the ``augment`` model on a batch with ``training=True``
  (after the ``adapt`` its comment asks for, for featurewise specs);
- ``to_albumentations_code(shape)`` as is: ``transform(image=...)`` on a uint8 image;
- the printouts: each transform's ``describe`` words and the ``AugmentParams`` table of a few draws;

and each must give a finite result of the input's shape; ``augment`` itself must too (every door is
covered option by option in test_augment_hostile.py). Fixed examples by default (the "course" profile);
``make fuzz`` (AUGCOURSE_FUZZ=1) draws fresh ones, more of them.
"""

import os
import warnings

import numpy as np
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from augcourse._tf import keras
from augcourse.augment import FILL_MODES, Augment
from augcourse.augment.options import TRANSFORMS
from augcourse.augment.transforms import RECORDS
from augcourse.datasets import load_cifar10

os.environ.setdefault("NO_ALBUMENTATIONS_UPDATE", "1")        # no version check over the network
A = pytest.importorskip("albumentations")

FUZZ = bool(os.environ.get("AUGCOURSE_FUZZ"))
SETTINGS = settings(max_examples=int(os.environ.get("AUGCOURSE_FUZZ_EXAMPLES", 150)) if FUZZ else 12, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
SHAPE = (32, 32, 3)


def edges(*values):
    return st.sampled_from(values)


def number(low, high, *special, exclude_min=False, exclude_max=False):
    """Any float of the range, or one of its edges and ``special`` values (drawn often).

    Subnormal floats (below 2.2e-308) are left out until ``source.python_literal`` writes them: it takes
    ``1 / value``, which overflows for them.
    """
    ends = [v for v, excluded in ((low, exclude_min), (high, exclude_max)) if not excluded]
    return st.one_of(edges(*ends, *special),
                     st.floats(low, high, exclude_min=exclude_min, exclude_max=exclude_max))


def pair(low, high, *special, exclude_min=False):
    """A (low, high) pair with low <= high inside the range (a tuple or a list)."""
    one = number(low, high, *special, exclude_min=exclude_min)
    return st.tuples(one, one).map(sorted).flatmap(lambda v: st.sampled_from([tuple(v), list(v)]))


SHIFT = st.one_of(number(0, 1, 0.5, 0.999999, exclude_max=True), st.integers(0, 10**6),
                  number(1, 1e6, 5.0, 31.0, 32.0, 33.0, 1e3), edges(1, 5, 32, 40, 10**6))
OPTIONS = {
    "rotation_range": number(0, 360, 90.0, 180.0),
    "width_shift_range": SHIFT, "height_shift_range": SHIFT,
    "zoom_range": st.one_of(number(0, 0.99, 0.5), pair(0.01, 100, 0.5, 1.0, 2.0)),
    "shear_range": number(0, 90, 45.0, 89.999, exclude_max=True),
    "brightness_range": st.one_of(st.none(), pair(0, 100, 0.5, 1.0, 1.5)),
    "channel_shift_range": number(0, 2e6, 1.0, 50.0, 255.0, 1e6),
    "channel_shift_per_channel": st.booleans(),
    "perspective_range": number(0, 0.25, 0.1),
    "erasing_area": st.one_of(st.none(), pair(0, 1, 1e-6, 0.02, 0.25, exclude_min=True)),
    "erasing_ratio": pair(0, 100, 1e-6, 0.3, 1.0, 3.3, exclude_min=True),
    "erasing_fill": st.one_of(edges("noise"), number(-1e6, 1e6, 0.0, 127.5, 255.0)),
    "horizontal_flip": st.booleans(), "vertical_flip": st.booleans(),
    "fill_mode": st.sampled_from(FILL_MODES), "interpolation": st.sampled_from(["bilinear", "nearest"]),
    "cval": number(-1e6, 1e6, 0.0, 127.5, 255.0),
    "rescale": st.one_of(st.none(), number(-1e6, 1e6, 1 / 255, 1.0, -1.0).filter(bool)),
    "featurewise_center": st.booleans(), "featurewise_std_normalization": st.booleans(),
    "samplewise_center": st.booleans(), "samplewise_std_normalization": st.booleans(),
    "p": st.dictionaries(st.sampled_from(TRANSFORMS), number(0, 1, 0.5), max_size=4),
}
SPECS = st.fixed_dictionaries({}, optional=OPTIONS)


@pytest.fixture(scope="module")
def photos():
    (x, _), _, _ = load_cifar10("subset")
    return x[:2]                                                   # real uint8 photos, (2, 32, 32, 3)


def finite(out, shape, what):
    out = np.asarray(out)
    assert out.shape == shape, (what, out.shape, shape)
    assert np.isfinite(out.astype(np.float64)).all(), (what, "non-finite values")


def check_core_code(aug, x):
    code = aug.to_code()
    rebuilt = eval(code, {"Augment": Augment})                      # noqa: S307 - runs as printed
    assert rebuilt.to_code() == code
    x = x.astype(np.float32)                  # float images take any cval (uint8 ones refuse one beyond 0..255)
    if aug.featurewise:
        aug.fit(x)
        rebuilt.fit(x)
    out = aug.augment(x, seed=7)
    finite(out, x.shape, "augment")
    assert np.array_equal(out, rebuilt.augment(x, seed=7)), f"{code} rebuilt augments otherwise"


def check_words(aug):
    """The printouts: each record's ``describe`` words and the parameter table, for a few draws."""
    params = aug.sample(4, SHAPE, seed=5)
    words = [w for i in range(len(params)) for t in RECORDS for w in t.describe(params[i])]
    text = " ".join(words) + repr(params)
    assert all(isinstance(w, str) and w for w in words) and "nan" not in text and "inf" not in text, text


def check_idg_code(aug, image):
    from tensorflow.keras.preprocessing.image import ImageDataGenerator

    code = aug.to_idg_code(SHAPE)
    generator = eval(code, {"ImageDataGenerator": ImageDataGenerator})    # noqa: S307 - runs as printed
    out = generator.random_transform(image.astype(np.float32), seed=3)
    finite(out, SHAPE, code)
    if not aug.featurewise:                   # featurewise statistics need IDG's own fit
        finite(generator.standardize(out.copy()), SHAPE, code)


def check_keras_code(aug, x):
    code = aug.to_keras_code(SHAPE)
    namespace = {"keras": keras}
    exec(code, namespace)                                           # noqa: S102 - runs as printed
    model = namespace["augment"]
    batch = x.astype(np.float32)
    if aug.featurewise:                       # as the code's comment asks
        model.layers[-1].adapt(batch)
    finite(keras.ops.convert_to_numpy(model(batch, training=True)), batch.shape, code)


def check_albumentations_code(aug, image):
    code = aug.to_albumentations_code(SHAPE)
    namespace = {}
    exec(code, namespace)                                           # noqa: S102 - runs as printed
    out = namespace["transform"](image=image)["image"]
    finite(out, SHAPE, code)


@SETTINGS
@given(spec=SPECS)
# Each example below failed before its fix (the code writer named in its comment):
@example(spec={"width_shift_range": 5.0})          # to_code wrote 5 (whole pixels): codegen.literal
@example(spec={"width_shift_range": 10**6 + 0.0, "height_shift_range": 40})   # RandomTranslation factor > 1
@example(spec={"zoom_range": (100, 100)})          # RandomZoom factor 99 > 1
@example(spec={"zoom_range": (0.01, 2.5)})         # RandomZoom factor -0.99 (it takes > -1)
@example(spec={"channel_shift_range": 2e6})        # RandomBrightness factor > 1; Albumentations limits > 1
@example(spec={"channel_shift_range": 256.0, "channel_shift_per_channel": True})   # RGBShift limit > 255
@example(spec={})                                  # keras.Sequential([]) cannot be called
@example(spec={"erasing_area": (1, 1), "p": {"erasing": 1.0}})   # A.Erasing finds no rectangle and fails
@example(spec={"erasing_area": (0.5, 0.6), "erasing_ratio": (0.3, 3.3), "p": {"erasing": 1.0}})
@example(spec={"erasing_area": (0.1, 0.2), "erasing_fill": 1e6, "p": {"erasing": 1.0}})  # fill beyond uint8
@example(spec={"fill_mode": "constant", "cval": -1e6, "rotation_range": 10})    # cval beyond 0..255, any image
@example(spec={"rotation_range": 2.225073858507e-311})   # source.python_literal: 1 / a subnormal is inf
def test_every_written_code_block_runs_for_every_accepted_spec(photos, spec):
    aug = Augment(**spec)                     # every draw is accepted: the strategies stay inside the ranges
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")       # IDG and Albumentations warn about values they accept
        check_core_code(aug, photos)
        check_words(aug)
        check_idg_code(aug, photos[0])
        check_keras_code(aug, photos)
        check_albumentations_code(aug, photos[0])


@pytest.mark.parametrize("zoom", [(5e-324, 100), (1e-9, 2.5), 0.999999])
def test_a_zoom_whose_reciprocal_has_no_use_is_refused(zoom):
    # (5e-324, 100) was accepted and wrote `inf` into the Albumentations code (make fuzz found it).
    with pytest.raises(ValueError, match=r"^zoom_range must be .*0\.01 <= low <= high <= 100"):
        Augment(zoom_range=zoom)
