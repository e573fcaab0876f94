"""Pictures for the lessons: one image, an augmented batch, a labelled grid.

Every function draws a new figure and returns it; a notebook cell ends with
``plt.show()``.

Example:
    >>> from augcourse.images import sample_image
    >>> fig = show_image(sample_image(), title="original")
"""

import numpy as np

from augcourse._checks import check_images, check_int, fail
from augcourse.language import tr


def displayable(image):
    """An (H, W, C) image as something ``imshow`` draws faithfully.

    uint8 stays as is; floats in [0, 1] stay as they are; other floats are
    taken as 0-255 values and clipped; one channel becomes (H, W).
    """
    image = check_images("image", image, ranks=(3,), channels=(1, 3))
    if image.dtype != np.uint8:
        image = image.astype(np.float32)
        if image.min() < 0 or image.max() > 1:
            image = np.clip(image, 0, 255) / 255.0
    return image[:, :, 0] if image.shape[-1] == 1 else image


def show_image(image, title=None, ax=None, figsize=(5, 5)):
    """Draw one (H, W, C) image without axes; returns the figure."""
    import matplotlib.pyplot as plt

    if ax is None:
        fig, ax = plt.subplots(figsize=figsize)
    image = displayable(image)
    ax.imshow(image, cmap="gray" if image.ndim == 2 else None, vmin=0, vmax=255 if image.dtype == np.uint8 else 1)
    ax.set_axis_off()
    if title is not None:
        ax.set_title(title)
    return ax.figure


def show_grid(images, titles=None, ncols=4, size=3.0, suptitle=None):
    """Draw images (N, H, W, C) in a grid with an optional title under each.

    Args:
        images: array (N, H, W, C) or a list of (H, W, C) arrays.
        titles: None or N strings.
        ncols: images per row.
        size: inches per image.

    Returns:
        the figure.
    """
    import matplotlib.pyplot as plt

    images = list(images)
    n = len(images)
    if n == 0:
        fail("images", images, tr("at least one image"))
    ncols = min(check_int("ncols", ncols, low=1), n)
    if titles is not None and len(titles) != n:
        fail("titles", titles, tr("None or {count} titles, one per image", count=n))
    nrows = -(-n // ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(size * ncols, size * nrows + (0.4 if suptitle else 0)),
                             squeeze=False)
    for i, ax in enumerate(axes.flat):
        if i < n:
            show_image(images[i], title=None if titles is None else titles[i], ax=ax)
        else:
            ax.set_axis_off()
    if suptitle:
        fig.suptitle(suptitle)
    fig.tight_layout()
    return fig


def show_aug_image_batch(image, generator, n_images=4, seed=None, titles=None, size=3.0):
    """Draw ``n_images`` augmented versions of one (H, W, C) image, as the course notes do.

    The image becomes a batch of one (``np.expand_dims``), the generator's
    ``flow()`` gives an iterator and each ``next()`` draws one new variant.
    Works with ``ImageDataGenerator`` and with ``augcourse.augment.Augment``.
    ``fit()`` is called only when the generator needs featurewise statistics.

    Args:
        image: (H, W, C) array.
        generator: anything with ``flow(batch, ...)``.
        n_images: how many variants to draw.
        seed: passed to ``flow(seed=...)`` when given. Leave it None for an
            ImageDataGenerator: its seed re-seeds the global NumPy RNG.

    Returns:
        the figure.
    """
    image = check_images("image", image, ranks=(3,), channels=(1, 3))
    n_images = check_int("n_images", n_images, low=1)
    if not hasattr(generator, "flow"):
        fail("generator", generator, tr("an ImageDataGenerator or augcourse Augment (something with .flow())"),
             TypeError)
    batch = np.expand_dims(image, axis=0)
    if any(getattr(generator, name, False) for name in
           ("featurewise_center", "featurewise_std_normalization", "zca_whitening")):
        generator.fit(batch)
    iterator = generator.flow(batch, batch_size=1, **({} if seed is None else {"seed": seed}))
    variants = [np.squeeze(next(iterator), axis=0) for _ in range(n_images)]
    return show_grid(variants, titles=titles, ncols=n_images, size=size)
