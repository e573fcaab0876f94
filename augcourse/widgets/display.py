"""Pixels for the screen: any-range images as uint8, enlarged with sharp pixels, encoded as PNG.

``render_pngs`` is the control sets' default ``render``; ``static_png`` (a ``grid_figure`` of the
images with their titles and a caption) is the picture shown where widgets do not run.

Shapes: an image is (H, W, C) with C = 1 or 3; a batch is (N, H, W, C).

Example:
    >>> to_uint8(np.array([[[-3.0, 127.6, 300.0]]])).tolist()
    [[[0, 128, 255]]]
    >>> stretch(np.array([[[[-1.0]], [[1.0]]]])).ravel().tolist()
    [0, 255]
    >>> upscale(np.zeros((32, 32, 3), np.uint8), display_factor(np.zeros((32, 32, 3)))).shape
    (128, 128, 3)
    >>> encode_png(np.zeros((2, 2, 3), np.uint8))[:4]
    b'\\x89PNG'
"""

import functools
import html
import io
import re
import textwrap
from pathlib import Path

import numpy as np

CIFAR_SCALE = 4             # CIFAR images (32 x 32) are shown 4x larger, pixels kept sharp
SMALL_SIDE = 64             # images at most this tall count as CIFAR-sized
# The Hangul font of the Korean titles and captions (matplotlib's default font has none): NanumGothic, from
# the koreanize-matplotlib package (a dependency), whose font file is registered, never its code.
HANGUL_FONT = "NanumGothic"


def to_uint8(image):
    """Float pixels in 0-255 (the core's output) as uint8, rounded and clipped; any shape.

    Example:
        >>> to_uint8(np.array([0.4, 254.6])).tolist()
        [0, 255]
    """
    image = np.asarray(image)
    if image.dtype == np.uint8:
        return image
    return np.clip(np.rint(image), 0, 255).astype(np.uint8)


def stretch(images):
    """Normalized (any range) (N, H, W, C) images as uint8: the batch's min maps to 0, its max to 255.

    One scale for the whole batch, so the images stay comparable (a constant batch is all 0).

    Example:
        >>> stretch(np.array([[[[0.0]], [[0.5]]], [[[1.0]], [[2.0]]]])).ravel().tolist()
        [0, 64, 128, 255]
    """
    images = np.asarray(images, dtype=np.float32)
    lo, hi = images.min(), images.max()
    span = np.where(hi - lo > 1e-12, hi - lo, 1.0)
    return np.clip(np.rint((images - lo) / span * 255.0), 0, 255).astype(np.uint8)


def stretch_about_zero(image, percentile=99):
    """A signed (H, W, C) image as uint8 with 0 at mid-grey: ``percentile`` of ``|image|`` maps to 0 and 255.

    Edges of a whitened image show as light and dark strokes on grey.

    Example:
        >>> stretch_about_zero(np.array([[[-2.0, 0.0, 2.0]]]), percentile=100).tolist()
        [[[0, 128, 255]]]
    """
    image = np.asarray(image, dtype=np.float64)
    scale = np.percentile(np.abs(image), percentile) or 1.0
    return np.clip(np.rint(127.5 + 127.5 * image / scale), 0, 255).astype(np.uint8)


def display_factor(image):
    """How many times larger an (H, W, C) image is shown: ``CIFAR_SCALE`` if CIFAR-sized, else 1.

    Example:
        >>> display_factor(np.zeros((32, 32, 3))), display_factor(np.zeros((256, 256, 3)))
        (4, 1)
    """
    return CIFAR_SCALE if np.shape(image)[0] <= SMALL_SIDE else 1


def upscale(image, factor):
    """An (H, W, C) image as (H * factor, W * factor, C), each pixel repeated (sharp, not smoothed).

    Example:
        >>> upscale(np.array([[[1], [2]]]), 2)[:, :, 0].tolist()
        [[1, 1, 2, 2], [1, 1, 2, 2]]
    """
    if factor <= 1:
        return image
    return np.repeat(np.repeat(image, factor, axis=0), factor, axis=1)


def encode_png(image):
    """An (H, W, 3 or 1) uint8 image as PNG bytes (fast compression: this runs on every redraw)."""
    from PIL import Image

    image = np.asarray(image)
    if image.ndim == 3 and image.shape[-1] == 1:
        image = image[:, :, 0]
    buffer = io.BytesIO()
    Image.fromarray(image).save(buffer, format="png", compress_level=1)
    return buffer.getvalue()


def render_pngs(images):
    """The default ``render`` callback: a list of (H, W, C) uint8 images -> a list of PNG bytes.

    Example:
        >>> [png[:4] for png in render_pngs([np.zeros((4, 4, 3), np.uint8)] * 2)]
        [b'\\x89PNG', b'\\x89PNG']
    """
    return [encode_png(image) for image in images]


def title_phrases(title):
    """A draw's title cut into the phrases no line break may split: "#0:", "rotate 12°,", "zoom x 0.93".

    Example:
        >>> title_phrases("#0: rotate 12°, zoom x 0.93")
        ['#0:', 'rotate 12°,', 'zoom x 0.93']
    """
    return [phrase for phrase in re.split(r"(?<=[,:;]) +", title) if phrase]


def wrap_title(title, width):
    """``title`` in lines of at most ``width`` characters, broken between phrases only (a phrase longer
    than a line is broken at its spaces): "zoom x" never ends a line with its "0.99" on the next.

    Example (``textwrap.fill`` would give "#0: rotate -23°, shift x -25" / "px, zoom x 1.05, zoom y 0.99"):
        >>> print(wrap_title("#0: rotate -23°, shift x -25 px, zoom x 1.05, zoom y 0.99", 28))
        #0: rotate -23°,
        shift x -25 px, zoom x 1.05,
        zoom y 0.99
    """
    lines = []
    for phrase in title_phrases(title):
        pieces = textwrap.wrap(phrase, width) or [phrase]
        if lines and len(lines[-1]) + 1 + len(pieces[0]) <= width:
            lines[-1] += " " + pieces.pop(0)
        lines += pieces
    return "\n".join(lines)


def title_html(title):
    """A draw's title as HTML for the widget's caption: the browser wraps it between phrases only.

    Example:
        >>> title_html("#0: zoom x 0.93")
        '<span style="white-space:nowrap">#0:</span> <span style="white-space:nowrap">zoom x 0.93</span>'
    """
    return " ".join(f'<span style="white-space:nowrap">{html.escape(phrase)}</span>' for phrase in title_phrases(title))


def static_png(images, titles, caption, ncols=4, size=2.4):
    """PNG bytes of ``grid_figure(images, titles, caption, ncols, size)``.

    This is what a reader sees where widgets do not run (GitHub, the course website).

    Example:
        >>> static_png([np.zeros((8, 8, 3), np.uint8)], ["#0"], "caption")[:4]
        b'\\x89PNG'
    """
    buffer = io.BytesIO()
    grid_figure(images, titles, caption, ncols, size).savefig(buffer, format="png", dpi=100)
    return buffer.getvalue()


def text_style(text):
    """Matplotlib text keywords for ``text``: none for Latin text; for text with Hangul, the default font
    followed by the bundled Hangul font (``hangul_font_file``), so a Korean title is letters, not boxes.

    Example:
        >>> text_style("#0: rotate 12°")
        {}
        >>> text_style("변화 없음")["fontfamily"][-1]
        'NanumGothic'
    """
    if not re.search("[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]", text):
        return {}
    from matplotlib import rcParams

    register_hangul_font()
    return {"fontfamily": list(rcParams["font.sans-serif"][:1]) + [HANGUL_FONT]}


@functools.cache
def register_hangul_font():
    """Add the bundled NanumGothic.ttf to matplotlib's fonts, once per process."""
    from matplotlib import font_manager

    font_manager.fontManager.addfont(str(hangul_font_file()))


def hangul_font_file():
    """The path of NanumGothic.ttf in the installed koreanize-matplotlib package (found, not imported)."""
    import importlib.util

    spec = importlib.util.find_spec("koreanize_matplotlib")
    if spec is None:
        raise ModuleNotFoundError("The Korean titles need the package koreanize-matplotlib (its NanumGothic font): "
                                  "run make install, or pip install koreanize-matplotlib.")
    return Path(spec.submodule_search_locations[0]) / "fonts" / "NanumGothic.ttf"


def grid_figure(images, titles, caption, ncols=4, size=2.4):
    """A matplotlib ``Figure`` (no pyplot) of a captioned grid of (H, W, C) uint8 images.

    Drawn to read at a page's width: ``size`` inches (240 pixels at 100 dpi) per image, ``ncols`` a
    row, each title wrapped to its image's width, the caption wrapped above the grid, every row high
    enough for its titles. Without pyplot no figure leaks into the notebook's outputs. ``titles[i]``
    heads image ``i`` (missing or empty: no title).

    Example:
        >>> fig = grid_figure([np.zeros((8, 8, 3), np.uint8)] * 5, ["#0"] * 5, "caption")
        >>> len(fig.axes), [round(float(v), 2) for v in fig.get_size_inches()]
        (5, [9.6, 5.46])
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    n = max(len(images), 1)
    ncols = min(ncols, n)
    nrows = -(-n // ncols)
    per_line = int(size * 12)                          # characters of an 8-point title across one image
    wrapped = [wrap_title(t, per_line) if t else "" for t in list(titles) + [""] * (n - len(titles))]
    title_lines = max([t.count("\n") + 1 for t in wrapped if t] or [0])
    caption = textwrap.fill(caption, int(size * ncols * 11), break_long_words=False, break_on_hyphens=False)
    caption_lines = caption.count("\n") + 1 if caption else 0
    caption_height = 0.15 * caption_lines + 0.05                  # inches above the grid
    # Placed by hand, in inches: tight_layout put a second row's titles over the first row's images.
    shapes = [np.asarray(image).shape for image in images] or [(1, 1)]
    aspect = max(shape[0] / shape[1] for shape in shapes)         # the tallest image sets the row height
    pad = 0.05                                                    # around each image
    side = size - 2 * pad                                         # an image's width
    title_height = 0.14 * title_lines + 0.09 if title_lines else 0.0
    row = title_height + side * aspect + 2 * pad
    width, height = size * ncols, nrows * row + caption_height
    fig = Figure(figsize=(width, height))
    FigureCanvasAgg(fig)
    for i, image in enumerate(images):
        r, c = divmod(i, ncols)
        bottom = height - caption_height - (r + 1) * row + pad
        ax = fig.add_axes(((c * size + pad) / width, bottom / height, side / width, side * aspect / height))
        image = np.asarray(image)
        ax.imshow(image[:, :, 0] if image.shape[-1] == 1 else image, cmap="gray", vmin=0, vmax=255)
        ax.set_axis_off()
        if wrapped[i]:
            ax.set_title(wrapped[i], fontsize=8, **text_style(wrapped[i]))
    if caption:
        fig.suptitle(caption, fontsize=9, y=1 - 0.05 / height, va="top", **text_style(caption))
    return fig
