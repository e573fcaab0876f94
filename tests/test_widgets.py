"""Wiring of augcourse.widgets, without a browser: set a control's value (what the browser
does over the comm) and assert what was drawn, with which arguments, and how often."""

import base64
import datetime
import importlib.util
import io
import time
from pathlib import Path

import numpy as np
import pytest

from augcourse.augment.options import TRANSFORMS
from augcourse.widgets.lessons import BEYOND_TRANSFORMS
from augcourse.images import load_image
from augcourse.widgets import LESSONS, Debouncer, lesson_controls, playground
from augcourse.widgets.display import CIFAR_SCALE
from augcourse.widgets.sources import PREVIEW_SIZE, cifar_train
from augcourse.widgets.zca import fit_svd, whiten

ROOT = Path(__file__).resolve().parents[1]


class Recorder:
    """An injected ``draw``: records its arguments and returns the images unchanged."""

    def __init__(self):
        self.calls = []

    def __call__(self, images, spec, seed):
        self.calls.append({"shape": images.shape, "spec": dict(spec), "seed": seed})
        return np.asarray(images, dtype=np.float32), None

    @property
    def last(self):
        return self.calls[-1]


class FakeScheduler:
    """An injected timer factory: delays run only when the test fires them."""

    class Handle:
        def __init__(self, fn):
            self.fn, self.cancelled = fn, False

        def cancel(self):
            self.cancelled = True

    def __init__(self):
        self.handles = []

    def __call__(self, delay, fn):
        handle = self.Handle(fn)
        self.handles.append(handle)
        return handle

    def fire(self):
        live = [h for h in self.handles if not h.cancelled]
        self.handles = []
        for h in live:
            h.fn()


def build(lesson, **kwargs):
    recorder = Recorder()
    controls = lesson_controls(lesson, draw=recorder, debounce=0, **kwargs)
    return controls, recorder


# (control, new value, spec key, expected spec value) for every lesson control
CHANGES = {
    "flip": [("horizontal_flip", False, "horizontal_flip", False),
             ("vertical_flip", True, "vertical_flip", True)],
    "shift": [("width_shift_range", 0.3, "width_shift_range", 0.3),
              ("height_shift_range", 0.1, "height_shift_range", 0.1),
              ("fill_mode", "wrap", "fill_mode", "wrap"),
              ("cval", 128.0, "cval", 128.0)],
    "rotation_zoom": [("rotation_range", 45.0, "rotation_range", 45.0),
                      ("zoom_range", 0.5, "zoom_range", 0.5),
                      ("fill_mode", "reflect", "fill_mode", "reflect"),
                      ("cval", 50.0, "cval", 50.0)],
    "shear": [("shear_range", 30.0, "shear_range", 30.0),
              ("fill_mode", "constant", "fill_mode", "constant")],
    "brightness": [("brightness_range", (0.2, 1.8), "brightness_range", (0.2, 1.8))],
    "channel_shift": [("channel_shift_range", 100.0, "channel_shift_range", 100.0),
                      ("channel_shift_per_channel", True, "channel_shift_per_channel", True)],
    "normalization": [("featurewise_center", True, "featurewise_center", True),
                      ("featurewise_std_normalization", True, "featurewise_std_normalization", True),
                      ("samplewise_center", True, "samplewise_center", True),
                      ("samplewise_std_normalization", True, "samplewise_std_normalization", True),
                      ("rescale", "1/255", "rescale", 1 / 255)],
    "zca": [("zca_epsilon", 0.1, "zca_epsilon", 0.1),
            ("n_fit", 100, "n_fit", 100)],
    "beyond": [(f"p_{t}", 0.75, "p", None) for t in BEYOND_TRANSFORMS],
    "atlas": [("layer", "RandomFlip", "layer", "RandomFlip"), ("layer", "Solarization", "layer", "Solarization"),
              ("factor", 0.3, "factor", 0.3)],
    "crop": [("crop_fraction", 0.8, "crop_fraction", 0.8), ("padding", 4, "padding", 4),
             ("resize_back", True, "resize_back", True)],
    "colour": [("contrast", 0.5, "contrast", 0.5), ("saturation", 0.2, "saturation", 0.2),
               ("hue", 0.2, "hue", 0.2), ("grayscale", 0.5, "grayscale", 0.5), ("blur", 0.4, "blur", 0.4)],
}


def test_every_lesson_has_a_change_table():
    assert set(CHANGES) == set(LESSONS)


@pytest.mark.parametrize("lesson", LESSONS)
def test_each_control_redraws_once_with_its_value(lesson):
    controls, recorder = build(lesson)
    assert len(recorder.calls) == 1 and controls.redraws == 1      # the first picture
    for i, (name, value, key, expected) in enumerate(CHANGES[lesson]):
        controls.widgets[name].value = value
        assert len(recorder.calls) == i + 2, name
        spec = recorder.last["spec"]
        if lesson == "beyond":
            assert spec["p"][name[2:]] == 0.75
        else:
            got = spec[key]
            assert (tuple(got) if isinstance(got, (tuple, list)) else got) == pytest.approx(expected), name
    assert controls.status.value == ""


@pytest.mark.parametrize("lesson", LESSONS)
def test_seed_and_n_reach_the_draw(lesson):
    controls, recorder = build(lesson)
    controls.widgets["seed"].value = 7
    assert recorder.last["seed"] == 7
    controls.widgets["n"].value = 6
    assert recorder.last["shape"][0] == 6
    per_image = 2 if lesson == "zca" else 1             # zca shows each original beside its whitened version
    assert len(controls.views) == 6 * per_image
    assert len(controls.grid.children) == 6 * per_image


@pytest.mark.parametrize("lesson", LESSONS)
def test_setting_the_same_value_again_does_not_redraw(lesson):
    controls, recorder = build(lesson)
    name, value = CHANGES[lesson][0][:2]
    controls.widgets[name].value = value
    controls.widgets["seed"].value = 3
    controls.widgets["seed"].value = 0
    controls.widgets["seed"].value = 0
    assert len(recorder.calls) == 4


@pytest.mark.parametrize("lesson", LESSONS)
def test_show_parameters_toggle_does_not_recompute(lesson):
    controls, recorder = build(lesson)
    assert controls.params_view.layout.display == "none"
    controls.show_params.value = True
    assert controls.params_view.layout.display is None
    controls.show_params.value = False
    assert len(recorder.calls) == 1 and controls.redraws == 1


@pytest.mark.parametrize("lesson", ["flip", "shift", "rotation_zoom", "shear", "brightness", "channel_shift",
                                    "beyond"])
def test_image_choice_photo_cifar_and_own_array(lesson):
    controls, recorder = build(lesson)
    assert recorder.last["shape"][1:] == (PREVIEW_SIZE, PREVIEW_SIZE, 3)
    assert controls.widgets["cifar_index"].layout.display == "none"
    controls.widgets["cifar_index"].value = 5          # hidden, photo shown: nothing to redraw
    assert len(recorder.calls) == 1
    controls.widgets["image"].value = "cifar"
    assert recorder.last["shape"][1:] == (32, 32, 3)
    assert controls.widgets["cifar_index"].layout.display is None
    assert controls.last_frame.images[0].shape == (32 * CIFAR_SCALE, 32 * CIFAR_SCALE, 3)
    controls.widgets["cifar_index"].value = 6
    assert len(recorder.calls) == 3
    own, recorder2 = build(lesson, image=np.full((40, 50, 3), 7, np.uint8))
    assert recorder2.last["shape"][1:] == (40, 50, 3) and own.widgets["image"].value == "user"
    by_index, recorder3 = build(lesson, image=12)
    assert by_index.widgets["cifar_index"].value == 12 and recorder3.last["shape"][1:] == (32, 32, 3)


def test_start_values_reach_the_controls_and_the_first_draw():
    controls, recorder = build("shift", width_shift_range=0.35, fill_mode="reflect", seed=4, n=2)
    assert controls.widgets["width_shift_range"].value == 0.35
    assert recorder.last["spec"]["fill_mode"] == "reflect"
    assert recorder.last["seed"] == 4 and recorder.last["shape"][0] == 2


def test_render_is_injected_and_only_changed_images_are_sent():
    rendered = []

    def render(images):
        rendered.append(len(images))
        return [bytes([i]) * 4 for i in range(len(images))]       # the same bytes every time

    controls = lesson_controls("shear", render=render, debounce=0)
    first = [v.value for v in controls.views]
    sent = []
    for view in controls.views:
        view.observe(lambda change: sent.append(change["new"]), names="value")
    controls.widgets["shear_range"].value = 40.0
    assert rendered == [4, 4]
    assert sent == [] and [v.value for v in controls.views] == first     # unchanged bytes are not re-sent


def test_real_draw_changes_the_pictures_when_a_slider_moves():
    controls = lesson_controls("shift", debounce=0)
    before = [bytes(v.value) for v in controls.views]
    assert all(png.startswith(b"\x89PNG") for png in before)
    controls.widgets["width_shift_range"].value = 0.45
    after = [bytes(v.value) for v in controls.views]
    assert all(a != b for a, b in zip(before, after))
    assert controls.last_frame.titles[0].startswith("#0: shift x ")


def test_debounce_merges_rapid_changes_into_one_redraw():
    fake, recorder = FakeScheduler(), Recorder()
    controls = lesson_controls("shift", draw=recorder, debounce=0.1, schedule=fake)
    slider = controls.widgets["width_shift_range"]
    slider.value = 0.25                           # first change after a quiet spell: drawn at once
    assert len(recorder.calls) == 2 and recorder.last["spec"]["width_shift_range"] == 0.25
    for value in (0.26, 0.27, 0.28, 0.29):       # arrow key held down
        slider.value = value
    assert len(recorder.calls) == 2
    fake.fire()                                   # the delay ends: one redraw with the latest value
    assert len(recorder.calls) == 3 and recorder.last["spec"]["width_shift_range"] == 0.29
    fake.fire()                                   # quiet again: nothing more
    assert len(recorder.calls) == 3
    slider.value = 0.3
    assert len(recorder.calls) == 4


def test_debouncer_starts_a_new_delay_after_a_merged_call():
    """A merged call is a call like any other: a trigger right after it waits for the next delay."""
    calls, fake = [], FakeScheduler()
    d = Debouncer(lambda: calls.append(1), delay=1.0, schedule=fake)
    d(); d()                                      # at once, then merged
    assert len(calls) == 1
    fake.fire()                                   # the merged call, and a new delay
    assert len(calls) == 2 and len(fake.handles) == 1
    d()                                           # arrives during that delay: waits
    assert len(calls) == 2
    fake.fire()
    assert len(calls) == 3
    fake.fire()                                   # nothing waited: quiet, no new delay
    assert len(calls) == 3 and fake.handles == []
    d()                                           # after a quiet spell: at once
    assert len(calls) == 4


def test_debouncer_flush_and_zero_delay():
    calls = []
    fake = FakeScheduler()
    d = Debouncer(lambda: calls.append(1), delay=1.0, schedule=fake)
    d(); d(); d()
    assert calls == [1]
    d.flush()
    assert calls == [1, 1] and all(h.cancelled for h in fake.handles)
    d.flush()
    assert calls == [1, 1]
    now = Debouncer(lambda: calls.append(2), delay=0)
    now(); now()
    assert calls == [1, 1, 2, 2]
    with pytest.raises(TypeError, match="debounce"):
        Debouncer(lambda: None, delay="fast")


def test_debouncer_with_a_real_timer_draws_the_latest_value():
    recorder = Recorder()
    # a delay far longer than three value changes take, so the last two surely merge
    controls = lesson_controls("brightness", draw=recorder, render=lambda images: [b""] * len(images),
                               debounce=0.5)
    for hi in (1.6, 1.7, 1.8):
        controls.widgets["brightness_range"].value = (0.5, hi)
    deadline = time.time() + 5
    while recorder.last["spec"]["brightness_range"] != (0.5, 1.8) and time.time() < deadline:
        time.sleep(0.01)
    assert recorder.last["spec"]["brightness_range"] == (0.5, 1.8)
    assert len(recorder.calls) == 3               # first + the change drawn at once + one merged


def test_an_error_in_drawing_becomes_a_message_not_an_exception():
    def broken(images, spec, seed):
        raise RuntimeError("boom")

    controls = lesson_controls("flip", draw=broken, debounce=0)
    assert "RuntimeError: boom" in controls.status.value
    controls.widgets["vertical_flip"].value = True          # still no exception
    assert controls.redraws == 0


def test_mimebundle_carries_widget_and_static_png():
    from PIL import Image

    controls = lesson_controls("rotation_zoom", debounce=0)
    bundle = controls._repr_mimebundle_()
    assert bundle["application/vnd.jupyter.widget-view+json"]["model_id"] == controls.widget.model_id
    png = base64.b64decode(bundle["image/png"])
    assert Image.open(io.BytesIO(png)).size[0] > 400
    assert bundle["text/plain"].startswith("<rotation_zoom: rotation_range=30, zoom_range=0.2")


def test_static_caption_shows_the_settings_in_effect_wrapped_at_spaces():
    """The PNG's caption: the settings in effect (off switches, probabilities of 1 and an unused brightness
    range left out), lines of at most CAPTION_WIDTH characters, each as full as the next word allows."""
    from augcourse.widgets.controls import CAPTION_WIDTH

    pg = playground(draw=Recorder(), debounce=0)
    lines = pg.caption().split("\n")
    assert all(len(line) <= CAPTION_WIDTH for line in lines) and len(lines) >= 2
    assert all(len(line) + 1 + len(nxt.split(" ")[0]) > CAPTION_WIDTH for line, nxt in zip(lines, lines[1:]))
    caption = " ".join(lines)
    assert caption.startswith("playground controls: horizontal_flip=True, rotation_range=20, width_shift_range=0.1,")
    assert "erasing" not in caption.replace("p_erasing=0.5", "")      # a switched-off transform's options
    assert "p_horizontal_flip=0.5" in caption and "p_rotation=1" not in caption
    assert "vertical_flip=False" not in caption and "brightness_range" not in caption and "cifar_index" not in caption
    pg.widgets["use_brightness"].value = True
    assert "brightness_range=(0.8, 1.2)" in pg.caption().replace("\n", " ")
    assert lesson_controls("normalization", draw=Recorder(), debounce=0).caption() == (
        "normalization controls: every option off, seed=0, n=4")


def test_the_static_picture_reads_at_a_page_width():
    """Four images of 240 pixels, titles wrapped inside their image's width, nothing cut off."""
    from PIL import Image

    pg = playground(draw=Recorder(), debounce=0)
    picture = Image.open(io.BytesIO(pg.static_png()))
    assert picture.size[0] == 960 and 300 < picture.size[1] < 500


def test_normalization_prints_per_channel_mean_and_std():
    controls = lesson_controls("normalization", debounce=0, featurewise_center=True,
                               featurewise_std_normalization=True)
    text = controls.last_frame.text
    assert "all 4660 train" in text
    whole = [line for line in text.splitlines() if line.startswith("all 4660 train")][0]
    numbers = [float(v) for v in whole.replace("(", " ").replace(")", " ").replace(",", " ").split()[3:]]
    assert numbers[:3] == pytest.approx([0, 0, 0], abs=1e-3)
    assert numbers[3:] == pytest.approx([1, 1, 1], abs=1e-3)


@pytest.mark.parametrize("n_fit, eps", [(100, 0.1), (300, 1e-6), (100, 1000.0)])
def test_zca_widget_whitens_as_a_fitted_imagedatagenerator(n_fit, eps):
    """The widget's whitened images against tf.keras' own ImageDataGenerator(zca_whitening=True).fit."""
    from augcourse._tf import tf

    drawn = {}

    def spy(images, spec, seed):                  # the widget's default draw, recorded
        drawn.update(images=images, spec=spec, out=whiten(images, spec, seed))
        return drawn["out"]

    controls = lesson_controls("zca", draw=spy, debounce=0, n_fit=n_fit, zca_epsilon=eps, seed=5, n=3)
    assert controls.status.value == "" and drawn["spec"]["zca_epsilon"] == pytest.approx(eps)
    fit = cifar_train()[0][:n_fit].astype(np.float32) / 255          # the widget whitens 0-1 pixels, as lesson 12
    with pytest.warns(UserWarning, match="overrides setting of `featurewise_center`"):   # IDG centres for ZCA
        idg = tf.keras.preprocessing.image.ImageDataGenerator(zca_whitening=True, zca_epsilon=eps)
    idg.fit(fit)
    index = drawn["spec"]["index"]
    np.testing.assert_array_equal(drawn["images"], cifar_train()[0][index])   # the originals shown
    expected = np.stack([idg.standardize(fit[i].copy()) for i in index])
    white = drawn["out"][0]
    assert white.shape == expected.shape == (3, 32, 32, 3)
    scale = np.abs(expected).max()
    np.testing.assert_allclose(white, expected, rtol=0, atol=2e-4 * scale + 1e-5)   # IDG works in float32, SVD too
    shown = controls.last_frame.titles[3:]
    assert shown == [f"#{i} whitened" for i in index]


def test_zca_new_epsilon_reweights_without_a_new_svd():
    controls = lesson_controls("zca", debounce=0, n_fit=100, zca_epsilon=0.1)
    fit_svd(100)
    svd_calls = []
    real = np.linalg.svd
    try:
        np.linalg.svd = lambda *a, **k: svd_calls.append(1) or real(*a, **k)
        controls.widgets["zca_epsilon"].value = 10.0
    finally:
        np.linalg.svd = real
    assert svd_calls == [] and controls.redraws == 2


@pytest.mark.parametrize("kwargs, match", [
    ({"lesson": "flipp"}, r"lesson must be one of 'flip', 'shift'.*got 'flipp'"),
    ({"lesson": "shift", "n": 0}, r"n must be an integer >= 1; got 0"),
    ({"lesson": "shift", "n": 9}, r"n must be an integer from 1 to 8; got 9"),
    ({"lesson": "shift", "seed": -1}, r"seed must be an integer >= 0"),
    ({"lesson": "shift", "widht_shift_range": 0.2}, r"start value 'widht_shift_range'.*'width_shift_range'"),
    ({"lesson": "shift", "image": b"cat.jpg"}, r"image must be None, 'photo', 'cifar'.*or the path of an image "
                                               r"file; got b'cat.jpg'"),
    ({"lesson": "shift", "fill_mode": "Nearest"},
     r"^fill_mode must be one of 'nearest', 'reflect', 'wrap', 'constant'; got 'Nearest'\.$"),
    ({"lesson": "shift", "width_shift_range": 5.0},
     r"^width_shift_range must be a start value from 0 to 0.5 \(the slider's range\); got 5.0\.$"),
    ({"lesson": "shift", "cval": float("nan")}, r"^cval must be a start value from 0 to 255 .*; got nan\.$"),
    ({"lesson": "flip", "horizontal_flip": "yes"}, r"^horizontal_flip must be True or False; got 'yes'\.$"),
    ({"lesson": "brightness", "brightness_range": (1.5, 0.5)},
     r"^brightness_range must be a \(low, high\) pair from 0 to 2 .*; got \(1.5, 0.5\)\.$"),
    ({"lesson": "beyond", "p_rotation": 1.5}, r"^p_rotation must be a start value from 0 to 1 .*; got 1.5\.$"),
    ({"lesson": "normalization", "samplewise_center": 1}, r"^samplewise_center must be True or False; got 1\.$"),
    ({"lesson": "shift", "image": 99999}, r"image must be a CIFAR subset index from 0 to 4659"),
    ({"lesson": "zca", "zca_epsilon": 0.0}, r"zca_epsilon must be a finite number >= 1e-06"),
    ({"lesson": "zca", "n_fit": 50}, r"n_fit must be one of 100, 300, 1000"),
    ({"lesson": "normalization", "rescale": 2}, r"rescale must be None, 1/255 or 255.0"),
    ({"lesson": "normalization", "image": 3}, r"image must be None \(this lesson always shows CIFAR"),
])
def test_bad_arguments_raise_clear_errors(kwargs, match):
    with pytest.raises(ValueError, match=match):
        lesson_controls(**kwargs)


@pytest.mark.parametrize("start, match", [
    ({"zoom_range": (2.5, 3.0)}, r"^zoom_range must be a \(low, high\) pair from 0.3 to 2 .*; got \(2.5, 3.0\)"),
    ({"interpolation": "cubic"}, r"^interpolation must be one of 'bilinear', 'nearest'; got 'cubic'"),
    ({"p_shift": -0.5}, r"^p_shift must be a start value from 0 to 1"),
    ({"rescale": 2}, r"^rescale must be one of 'None', '1/255'"),
])
def test_playground_start_values_are_checked_like_the_core(start, match):
    with pytest.raises(ValueError, match=match):
        playground(**start)


def test_good_start_values_are_the_ones_shown():
    controls, recorder = build("shift", width_shift_range=0.35, fill_mode="wrap")
    assert controls.widgets["width_shift_range"].value == 0.35 and controls.widgets["fill_mode"].value == "wrap"
    assert recorder.last["spec"]["width_shift_range"] == 0.35
    pg = playground(zoom_range=(0.5, 1.5), p_rotation=0.25, debounce=0)
    assert pg.spec()["zoom_range"] == (0.5, 1.5) and pg.spec()["p"]["rotation"] == 0.25


def _big_photo(tmp_path):
    """A 4000 x 3000 JPEG (a phone photo's size) of smooth colour."""
    from PIL import Image

    y, x = np.mgrid[0:3000, 0:4000]
    image = np.stack([x * 255 // 3999, y * 255 // 2999, np.full_like(x, 128)], axis=-1).astype(np.uint8)
    path = tmp_path / "phone.jpg"
    Image.fromarray(image).save(path, quality=90)
    return path, image


def test_a_large_image_is_reduced_once_for_display(tmp_path):
    path, image = _big_photo(tmp_path)
    for given in (path, str(path), image):
        controls, recorder = build("shift", image=given)
        assert controls.widgets["image"].value == "user"
        assert controls.choice.user_image.shape == (192, 256, 3)
        assert [call["shape"] for call in recorder.calls] == [(4, 192, 256, 3)]
        controls.widgets["width_shift_range"].value = 0.3
        assert recorder.last["shape"] == (4, 192, 256, 3)
        assert controls.last_frame.images[0].shape == (192, 256, 3)
    reduced = build("shift", image=image)[0].choice.user_image
    assert np.abs(reduced[96, :, 0].astype(int) - np.linspace(0, 255, 256)).max() < 4   # the picture, smaller


def test_the_playground_shows_the_image_file_it_is_given(tmp_path):
    path, _ = _big_photo(tmp_path)
    pg, recorder = build_playground(image=path)
    assert pg.widgets["image"].value == "user" and recorder.last["shape"][1:] == (192, 256, 3)
    assert "your image" in pg.last_frame.text
    with pytest.raises(FileNotFoundError, match=r"load_image: no file at path='.*nowhere.png'"):
        playground(image=tmp_path / "nowhere.png")


def test_unknown_lesson_error_lists_all_names():
    with pytest.raises(ValueError, match=r"lesson must be one of .*; got 'zoom'") as info:
        lesson_controls("zoom")
    for name in LESSONS:
        assert repr(name) in str(info.value)


# -- the playground ------------------------------------------------------------------------------
PLAYGROUND_CHANGES = [
    ("rotation_range", 90.0, "rotation_range", 90.0),
    ("width_shift_range", 0.3, "width_shift_range", 0.3),
    ("height_shift_range", 0.2, "height_shift_range", 0.2),
    ("zoom_range", (0.5, 1.5), "zoom_range", (0.5, 1.5)),
    ("shear_range", 20.0, "shear_range", 20.0),
    ("perspective_range", 0.1, "perspective_range", 0.1),
    ("horizontal_flip", False, "horizontal_flip", False),
    ("vertical_flip", True, "vertical_flip", True),
    ("fill_mode", "constant", "fill_mode", "constant"),
    ("cval", 200.0, "cval", 200.0),
    ("interpolation", "nearest", "interpolation", "nearest"),
    ("use_brightness", True, "brightness_range", (0.8, 1.2)),
    ("brightness_range", (0.3, 1.9), "brightness_range", (0.3, 1.9)),
    ("channel_shift_range", 50.0, "channel_shift_range", 50.0),
    ("channel_shift_per_channel", True, "channel_shift_per_channel", True),
    ("use_erasing", True, "erasing_area", (0.02, 0.2)),
    ("erasing_area", (0.1, 0.3), "erasing_area", (0.1, 0.3)),
    ("erasing_ratio", (0.5, 2.0), "erasing_ratio", (0.5, 2.0)),
    ("erasing_fill", "noise", "erasing_fill", "noise"),
    ("rescale", "1/255", "rescale", 1 / 255),
    ("samplewise_center", True, "samplewise_center", True),
    ("samplewise_std_normalization", True, "samplewise_std_normalization", True),
    ("featurewise_center", True, "featurewise_center", True),
    ("featurewise_std_normalization", True, "featurewise_std_normalization", True),
] + [(f"p_{t}", 0.25, "p", None) for t in TRANSFORMS]


def build_playground(**kwargs):
    recorder = Recorder()
    return playground(draw=recorder, debounce=0, **kwargs), recorder


def test_playground_every_control_reaches_the_spec():
    pg, recorder = build_playground()
    names = {name for name, *_ in PLAYGROUND_CHANGES}
    assert names | {"image", "cifar_index", "seed", "n"} == set(pg.widgets)
    for i, (name, value, key, expected) in enumerate(PLAYGROUND_CHANGES):
        pg.widgets[name].value = value
        assert len(recorder.calls) == i + 2, name
        spec = recorder.last["spec"]
        if key == "p":
            assert spec["p"][name[2:]] == 0.25
        else:
            got = spec[key]
            assert (tuple(got) if isinstance(got, (tuple, list)) else got) == pytest.approx(expected), name
    from augcourse.augment import Augment
    Augment(**recorder.last["spec"])              # every state the playground reaches is a valid spec


def test_playground_settings_that_cannot_change_the_images_do_not_redraw():
    pg, recorder = build_playground()
    pg.widgets["cval"].value = 99.0                # fill_mode is 'nearest': cval is unused
    pg.widgets["brightness_range"].value = (0.1, 0.2)   # brightness is off
    pg.widgets["cifar_index"].value = 9            # the photo is shown
    pg.show_params.value = True
    pg.code_button.click()
    assert len(recorder.calls) == 1


def test_playground_code_button_writes_code_that_constructs_both():
    pg, _ = build_playground(rotation_range=15.0, fill_mode="reflect", p_rotation=0.5, use_brightness=True)
    pg.code_button.click()
    assert "ImageDataGenerator(" in pg.code_view.value and "Augment(" in pg.code_view.value
    code = pg.code()
    namespace = {}
    exec(code, namespace)                         # noqa: S102 - the point: it runs as printed
    datagen, aug = namespace["datagen"], namespace["aug"]
    assert type(datagen).__name__ == "ImageDataGenerator" and datagen.rotation_range == 15.0
    assert datagen.fill_mode == "reflect" and tuple(datagen.brightness_range) == (0.8, 1.2)
    assert aug.rotation_range == 15.0 and aug.p["rotation"] == 0.5 and aug.fill_mode == "reflect"
    assert "IDG has no per-transform probability" in code


def test_playground_default_code_is_deterministic():
    assert playground(draw=Recorder()).code() == playground(draw=Recorder()).code()


STAMP = datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc)   # FileUpload serializes it


def _png_bytes(width=60, height=30):
    from PIL import Image

    buffer = io.BytesIO()
    Image.fromarray(np.full((height, width, 3), 200, np.uint8)).save(buffer, format="png")
    return buffer.getvalue()


def test_playground_upload_shows_the_file_and_a_bad_file_gives_a_message():
    pg, recorder = build_playground()
    pg.widgets["image"].value = "upload"           # nothing uploaded yet: a message, no exception
    assert "no image uploaded yet" in pg.status.value
    pg.widgets["image"].value = "photo"
    pg.upload.value = ({"name": "notes.txt", "type": "text/plain", "size": 5,
                        "content": memoryview(b"hello"), "last_modified": STAMP},)
    assert "the uploaded file 'notes.txt' is not an image file" in pg.upload_message.value
    assert "BytesIO" not in pg.upload_message.value
    assert pg.widgets["image"].value == "photo"
    calls = len(recorder.calls)
    pg.upload.value = ({"name": "wide.png", "type": "image/png", "size": 10,
                        "content": memoryview(_png_bytes(600, 300)), "last_modified": STAMP},)
    assert pg.widgets["image"].value == "upload"
    assert recorder.last["shape"][1:] == (128, 256, 3) and len(recorder.calls) == calls + 1
    assert "256 × 128" in pg.upload_message.value and pg.status.value == ""
    pg.upload.value = ({"name": "small.png", "type": "image/png", "size": 10,
                        "content": memoryview(_png_bytes(60, 30)), "last_modified": STAMP},)
    assert recorder.last["shape"][1:] == (30, 60, 3)


def test_upload_reading_keeps_aspect_and_limits_size():
    """What the playground does with an upload's bytes: load_image on a file object, longest side 256."""
    image = load_image(io.BytesIO(_png_bytes(1000, 500)), max_side=PREVIEW_SIZE)
    assert image.shape == (128, 256, 3) and image.dtype == np.uint8
    with pytest.raises(ValueError, match=r"load_image: the file object is not an image file PIL can read"):
        load_image(io.BytesIO(b"not an image"), max_side=PREVIEW_SIZE)
    pg, _ = build_playground()
    pg.upload.value = ({"name": "bad.png", "type": "image/png", "size": 12,
                        "content": memoryview(b"not an image"), "last_modified": STAMP},)
    assert "load_image: the uploaded file 'bad.png' is not an image file" in pg.upload_message.value


def test_playground_starts_on_the_image_it_is_given():
    own = np.full((20, 30, 3), 9, np.uint8)
    pg, recorder = build_playground(image=own)
    assert pg.widgets["image"].value == "user" and recorder.last["shape"][1:] == (20, 30, 3)
    assert "your image" in pg.last_frame.text
    by_index, recorder = build_playground(image=12)
    assert by_index.widgets["image"].value == "cifar" and by_index.widgets["cifar_index"].value == 12
    assert recorder.last["shape"][1:] == (32, 32, 3)


def test_playground_real_draw_and_static_png():
    pg = playground(debounce=0)
    bundle = pg._repr_mimebundle_()
    assert {"image/png", "application/vnd.jupyter.widget-view+json", "text/plain"} <= set(bundle)
    before = pg.views[0].value
    pg.widgets["rotation_range"].value = 170.0
    assert pg.views[0].value != before
    pg.widgets["rescale"].value = "1/255"         # normalized output is still shown
    assert pg.status.value == ""
    pg.widgets["featurewise_center"].value = True  # fitted on the CIFAR subset, no "call fit()" error
    pg.widgets["featurewise_std_normalization"].value = True
    assert pg.status.value == "" and pg.redraws == 5
    assert "featurewise_center=True" in pg.last_frame.text
    assert "aug.fit(x_train)" in pg.code()
    exec("from augcourse.augment" + pg.code().split("from augcourse.augment", 1)[1], {})   # runs as printed


def _bench_widgets():
    spec = importlib.util.spec_from_file_location("bench_widgets", ROOT / "benchmarks" / "bench_widgets.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_benchmark_timer_times_the_redraw_of_each_change():
    """With a throttle every change after the first is merged: only the timer's flush() draws it.

    The clock is fake and each draw advances it by one second, so a time of 1.0 means: exactly
    one redraw, with that change's value, between the two clock readings of its window.
    """
    now = [0.0]
    recorder = Recorder()

    def draw(images, spec, seed):
        now[0] += 1.0
        return recorder(images, spec, seed)

    controls = lesson_controls("shift", draw=draw, debounce=0.1, schedule=FakeScheduler())
    times = _bench_widgets().time_redraw(controls, "width_shift_range", [0.1, 0.2, 0.3], clock=lambda: now[0])
    assert times == [1.0, 1.0, 1.0]
    assert [call["spec"]["width_shift_range"] for call in recorder.calls] == [0.2, 0.1, 0.2, 0.3]
    assert controls.redraws == 4


def test_committed_widget_cells_carry_a_static_png_for_github():
    """Notebooks executed by nbclient (tools/regen_outputs.py) keep the PNG fallback beside the widget."""
    import json
    from pathlib import Path

    checked = 0
    for path in sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("*.ipynb")):
        for cell in json.loads(path.read_text())["cells"]:
            source = "".join(cell["source"])
            if cell["cell_type"] != "code" or not ("lesson_controls(" in source or "playground(" in source):
                continue
            if cell.get("execution_count") is None:
                continue
            kinds = [set(out.get("data", {})) for out in cell["outputs"]]
            assert any({"image/png", "application/vnd.jupyter.widget-view+json"} <= k for k in kinds), path.name
            checked += 1
    assert checked >= 1


def test_playground_code_follows_every_later_change_and_is_rounded_as_shown():
    pg, _ = build_playground()
    assert pg.code_view.value == ""                      # not shown until asked for
    pg.widgets["rotation_range"].value = 30.0
    assert pg.code_view.value == ""
    pg.code_button.click()
    assert "rotation_range=30" in pg.code_view.value
    pg.widgets["rotation_range"].value = 141.00000000000003     # what a drag can leave behind
    assert "rotation_range=141," in pg.code_view.value and "141.0000" not in pg.code_view.value
    pg.widgets["fill_mode"].value = "wrap"               # a change that does not even redraw the same way
    assert "fill_mode='wrap'" in pg.code_view.value
    assert pg.spec()["rotation_range"] == 141.0


@pytest.mark.parametrize("shape, title", [((128, 128, 3), "#152 whitened"),
                                          ((96, 160, 3), "#0: rotate 5°, shift x -12 px, shift y -24 px, zoom x 1.06"),
                                          ((160, 96, 3), "#3: rotate -17°, mirrored")])
def test_static_picture_titles_never_cover_an_image_or_the_caption(shape, title):
    """Two rows of images, each with its title: every title stays clear of every image and of the caption
    (tight_layout once put the second row's titles over the first row's images)."""
    from matplotlib.backends.backend_agg import RendererAgg

    from augcourse.widgets.display import grid_figure

    fig = grid_figure([np.zeros(shape, np.uint8)] * 8, [title] * 8, "a caption long enough to wrap " * 6)
    renderer = RendererAgg(*(fig.get_size_inches() * fig.dpi).astype(int), fig.dpi)
    fig.draw(renderer)
    images = [ax.get_window_extent(renderer) for ax in fig.axes]
    titles = [ax.title.get_window_extent(renderer) for ax in fig.axes]
    caption = fig._suptitle.get_window_extent(renderer)
    assert len(images) == len(titles) == 8
    for box in titles:
        assert not any(box.overlaps(image) for image in images)
        assert not box.overlaps(caption)
        assert 0 <= box.y0 and box.y1 <= fig.get_size_inches()[1] * fig.dpi     # inside the picture


# -- the learner's own array: its tones as load_image reads files (issue 21, item 7) ------------------
_RAMP8 = np.tile(np.arange(0, 256, 5, dtype=np.uint8), (6, 1))                 # (6, 52) tones 0..255
_RGB8 = np.stack([_RAMP8, _RAMP8[:, ::-1], np.full_like(_RAMP8, 128)], axis=-1)  # (6, 52, 3)


@pytest.mark.parametrize("given, expected", [
    (_RGB8.astype(np.float32) / 255, _RGB8),                                   # float in [0, 1]: times 255
    (_RGB8.astype(np.uint16) * 257, _RGB8),                                    # uint16: times 255 / 65535
    (_RGB8.astype(np.float64), _RGB8),                                         # float in [0, 255]: as it is
    (_RGB8.astype(np.int64), _RGB8),                                           # integers in 0..255: as they are
    (_RAMP8 > 127, np.where(_RAMP8 > 127, 255, 0)[..., None]),                 # a mask: white where True
    (_RAMP8, _RAMP8[..., None]),                                               # 2-D grayscale: one channel
    (_RAMP8.astype(np.float32) / 255, _RAMP8[..., None]),                      # 2-D float grayscale
], ids=["float01", "uint16", "float255", "int64", "bool", "gray2d", "gray2d-float01"])
def test_an_array_image_is_drawn_with_the_tones_the_learner_expects(given, expected):
    for make in (lambda **kw: build("shift", **kw), build_playground):
        controls, recorder = make(image=given)
        assert controls.widgets["image"].value == "user"
        assert controls.choice.user_image.dtype == np.uint8
        assert np.abs(controls.choice.user_image.astype(int) - expected).max() <= 1
        drawn = np.asarray(controls.last_frame.images[0], float)      # small images are shown enlarged
        scale = drawn.shape[0] // expected.shape[0]
        assert drawn.shape == (expected.shape[0] * scale, expected.shape[1] * scale, expected.shape[2])
        assert np.abs(drawn[::scale, ::scale] - expected).max() <= 1


@pytest.mark.parametrize("bad", [np.nan, np.inf])
def test_an_array_image_with_non_finite_values_is_refused_by_name(bad):
    image = _RGB8.astype(np.float32) / 255
    image[2, 3, 1] = bad
    for door in (lambda: lesson_controls("shift", image=image), lambda: playground(image=image)):
        with pytest.raises(ValueError, match=r"^image must be .*; got .*1 NaN or infinite"):
            door()
