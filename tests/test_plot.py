"""Plot helpers draw what they are given, with IDG and with plain arrays."""

import matplotlib.pyplot as plt
import numpy as np
import pytest

from augcourse.plot import displayable, show_aug_image_batch, show_grid, show_image


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def test_displayable_scales_0_255_floats_and_keeps_unit_floats():
    img = np.full((2, 2, 3), 255.0, dtype=np.float32)
    assert displayable(img).max() == pytest.approx(1.0)
    unit = np.full((2, 2, 3), 0.5, dtype=np.float32)
    assert displayable(unit).max() == pytest.approx(0.5)
    assert displayable(np.zeros((2, 2, 1), np.uint8)).shape == (2, 2)


def test_show_image_draws_one_axes_with_title():
    fig = show_image(np.zeros((4, 5, 3), np.uint8), title="hello")
    (ax,) = fig.axes
    assert ax.get_title() == "hello" and ax.images[0].get_array().shape == (4, 5, 3)


def test_show_grid_lays_out_rows_and_titles():
    fig = show_grid(np.zeros((5, 4, 4, 3), np.uint8), titles=list("abcde"), ncols=3)
    drawn = [ax for ax in fig.axes if ax.images]
    assert len(fig.axes) == 6 and len(drawn) == 5 and drawn[4].get_title() == "e"


def test_show_grid_rejects_mismatched_titles():
    with pytest.raises(ValueError, match="titles must be None or 2 titles"):
        show_grid(np.zeros((2, 4, 4, 3), np.uint8), titles=["only one"])


def test_show_aug_image_batch_with_image_data_generator():
    from augcourse._tf import tf

    gen = tf.keras.preprocessing.image.ImageDataGenerator(horizontal_flip=True)
    image = np.arange(4 * 6 * 3, dtype=np.uint8).reshape(4, 6, 3)
    fig = show_aug_image_batch(image, gen, n_images=6)
    shown = [ax.images[0].get_array() for ax in fig.axes]
    assert len(shown) == 6
    for arr in shown:   # every variant is the image or its mirror, as 0-1 floats
        arr = np.asarray(arr) * 255
        assert np.allclose(arr, image) or np.allclose(arr, image[:, ::-1])


def test_show_aug_image_batch_needs_a_generator():
    with pytest.raises(TypeError, match="generator must be an ImageDataGenerator or augcourse Augment"):
        show_aug_image_batch(np.zeros((4, 4, 3), np.uint8), generator="flip")


def test_show_image_rejects_a_batch():
    with pytest.raises(ValueError, match=r"rank 3 \(H, W, C\)"):
        show_image(np.zeros((1, 4, 4, 3), np.uint8))
