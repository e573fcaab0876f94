"""Interactive controls: one small control set per lesson, and a playground with everything.

In a lesson (JupyterLab shows the widget; GitHub and nbconvert show a static picture):

    from augcourse.widgets import lesson_controls
    lesson_controls("shift")                 # or "flip", "rotation_zoom", "shear", "brightness",
                                             # "channel_shift", "normalization", "zca", "beyond",
                                             # "crop", "colour" (these two draw with Keras 3 layers)
    lesson_controls("shift", image=3)        # CIFAR training image 3 instead of the sample photo
    lesson_controls("shift", width_shift_range=0.3, seed=7, n=8)   # start values for the controls

In the playground notebook:

    from augcourse.widgets import playground
    pg = playground()
    pg                                       # every Augment option, probabilities, image choice
    print(pg.code())                         # the same settings for ImageDataGenerator, Keras 3 layers,
                                             # Albumentations and Augment

Modules (one idea each): ``controls`` (the framework: widgets -> throttled redraw of an image
grid, the widget factories), ``throttle`` (the Debouncer), ``display`` (uint8, upscaling, PNG,
the static picture), ``sources`` (the photo, the CIFAR subset, the image choice, the CIFAR-only
base), ``draws`` (one image augmented n times, a title per draw), ``lessons`` (the geometry,
brightness, channel shift and beyond lessons, drawn by the core), ``normalization``, ``zca``,
``keras_layers`` (crop and colour, drawn by Keras 3 layers), ``playground_controls`` (the module
is not named ``playground``: that name is the function).

Example (what a notebook cell shows as text; ``debounce=0`` redraws on each change):
    >>> controls = lesson_controls("shift", width_shift_range=0.3, seed=7, debounce=0)
    >>> controls
    <shift: width_shift_range=0.3, height_shift_range=0, fill_mode='nearest', cval=0, image='photo', \
cifar_index=0, seed=7, n=4 (interactive in JupyterLab)>
    >>> controls.widgets["seed"].value = 8          # what a message from the browser does
    >>> controls.redraws, controls.last_frame.titles[0].startswith("#0: shift x ")
    (2, True)
"""

from augcourse._checks import check_choice
from augcourse.widgets.keras_layers import LAYER_OPTIONS, KerasLayerControls
from augcourse.widgets.lessons import LESSON_OPTIONS, AugmentControls, BeyondControls
from augcourse.widgets.normalization import NormalizationControls
from augcourse.widgets.playground_controls import Playground
from augcourse.widgets.throttle import DEBOUNCE, Debouncer
from augcourse.widgets.zca import ZCAControls

__all__ = ["LESSONS", "lesson_controls", "playground", "Debouncer", "DEBOUNCE"]

LESSONS = tuple(LESSON_OPTIONS) + ("normalization", "zca", "beyond") + tuple(LAYER_OPTIONS)


def lesson_controls(lesson, image=None, *, n=4, seed=0, draw=None, render=None, debounce=DEBOUNCE,
                    schedule=None, **start):
    """The control set of one lesson, ready to display (return it from a cell).

    Args:
        lesson: one of ``LESSONS``.
        image: None (the lesson's default: the sample photo, or CIFAR images for
            "normalization" and "zca"), "photo", "cifar", a CIFAR subset index, or an
            (H, W, C) or (H, W) array (your own image; the geometry, colour, beyond, crop and
            colour-layer lessons only; its tones read as ``load_image`` reads files: uint16 and
            [0, 1] floats scaled to 0-255, see ``augcourse.images.tones_to_uint8``).
        n: number of images in the grid (1 to 8); seed: the draws' seed.
        draw: ``draw((N, H, W, C) images, spec, seed) -> (augmented, info)``; default: the augcourse core.
        render: ``render([uint8 (H, W, C)]) -> [png bytes]``; default: PIL.
        debounce: seconds over which rapid changes merge into one redraw (0: redraw on each).
        schedule: the timer factory for the debounce (tests inject a fake one).
        **start: start values of the controls, by name (e.g. ``width_shift_range=0.3``).

    Returns:
        a ``Controls`` object: ``.widget`` is the ipywidgets view, ``.widgets`` the controls.
    """
    check_choice("lesson", lesson, LESSONS)
    kwargs = dict(n=n, seed=seed, draw=draw, render=render, debounce=debounce, schedule=schedule, **start)
    if lesson == "normalization":
        return NormalizationControls(image, **kwargs)
    if lesson == "zca":
        return ZCAControls(image, **kwargs)
    if lesson == "beyond":
        return BeyondControls(image, **kwargs)
    if lesson in LAYER_OPTIONS:
        return KerasLayerControls(lesson, image, **kwargs)
    return AugmentControls(lesson, LESSON_OPTIONS[lesson], image, **kwargs)


def playground(image=None, *, n=4, seed=0, draw=None, render=None, debounce=DEBOUNCE, schedule=None, **start):
    """Every Augment option at once: see ``augcourse.widgets.playground_controls.Playground``.

    Arguments as for ``lesson_controls`` (``image`` may be None, "photo", "cifar", an index or an array).
    """
    return Playground(image, n=n, seed=seed, draw=draw, render=render, debounce=debounce, schedule=schedule,
                      **start)
