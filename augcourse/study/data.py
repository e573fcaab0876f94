"""The study's data: CIFAR-10 split into train / validation / test, with one-hot labels.

Images stay uint8 0–255 of shape (N, 32, 32, 3) (the pipelines rescale them); labels are one-hot
float32 of shape (N, 10), for ``categorical_crossentropy``. ``source`` records which data was
actually loaded ("subset" or "full"), as ``augcourse.datasets`` reports it.

Example:
    >>> data = load_data("subset")
    >>> data.source, data.sizes()
    ('subset', {'train': 3961, 'validation': 699, 'test': 846})
    >>> data.tr_images.shape, data.tr_oh_labels.shape
    ((3961, 32, 32, 3), (3961, 10))
"""

from dataclasses import dataclass

import numpy as np

from augcourse import datasets
from augcourse._checks import check_int, check_number
from augcourse.study.configs import SEED

VAL_FRACTION = 0.15


@dataclass
class StudyData:
    """CIFAR-10 split three ways; images uint8 (N, 32, 32, 3), labels one-hot float32 (N, 10).

    ``class_names`` is the tuple of the 10 names; ``source`` is "subset" or "full" (the data loaded).

    Example:
        >>> data = load_data("subset", limit=40)
        >>> data.val_images.shape, data.val_oh_labels.shape, data.class_names[0]
        ((6, 32, 32, 3), (6, 10), 'airplane')
    """
    tr_images: np.ndarray
    tr_oh_labels: np.ndarray
    val_images: np.ndarray
    val_oh_labels: np.ndarray
    test_images: np.ndarray
    test_oh_labels: np.ndarray
    class_names: tuple
    source: str

    def sizes(self):
        """How many images each part holds: ``{"train": n, "validation": n, "test": n}``."""
        return {"train": len(self.tr_images), "validation": len(self.val_images),
                "test": len(self.test_images)}


def load_data(source="subset", *, val_fraction=VAL_FRACTION, seed=SEED, limit=None, **loader_kwargs):
    """CIFAR-10 as a ``StudyData``: train / validation (``val_fraction``, seeded) / test, one-hot labels.

    Args:
        source: "subset" (bundled, 4,660 / 846 images), "full" (50,000 / 10,000, downloaded once by
            Keras; raises ``datasets.CIFAR10Unavailable`` without a network) or "auto" (the full set
            if it can be had, else the subset; ``.source`` says which).
        val_fraction: share of the training images held out for validation (0 < f < 1).
        seed: seeds the split (``np.random.default_rng(seed)``).
        limit: keep only the first ``limit`` training and test images (a tiny slice for tests).
        loader_kwargs: passed to ``datasets.load_cifar10`` (``cache_dir``, ``origin``, ``file_hash``).

    Example:
        >>> data = load_data("subset", limit=100)
        >>> data.sizes(), data.source
        ({'train': 85, 'validation': 15, 'test': 100}, 'subset')
    """
    check_number("val_fraction", val_fraction, low=0, high=1, low_inclusive=False, high_inclusive=False)
    check_int("seed", seed, low=0)
    if limit is not None:
        check_int("limit", limit, low=4)
    used, ((x_train, y_train), (x_test, y_test), names) = datasets.load_cifar10_with_source(
        source, **loader_kwargs)
    if limit is not None:
        x_train, y_train, x_test, y_test = x_train[:limit], y_train[:limit], x_test[:limit], y_test[:limit]
    order = np.random.default_rng(seed).permutation(len(x_train))
    n_val = max(1, int(round(len(x_train) * val_fraction)))
    val, tr = order[:n_val], order[n_val:]
    n_classes = len(names)

    def one_hot(y):
        return np.eye(n_classes, dtype=np.float32)[np.asarray(y).reshape(-1).astype(int)]

    return StudyData(x_train[tr], one_hot(y_train[tr]), x_train[val], one_hot(y_train[val]),
                     x_test, one_hot(y_test), tuple(names), used)
