"""How good are a classifier's probabilities: accuracy, negative log-likelihood and expected calibration error.

Lesson 21 scores every run of its grid with these on clean test images: ``nll`` (mean −ln p(true class),
in nats; lower is better) punishes confident mistakes; ``ece`` (expected calibration error, 15 equal-width
confidence bins by default) says how far the top probability is from the share of right answers; 0 is
perfectly calibrated. Label smoothing and MixUp change both.

Example:
    >>> probs = np.array([[0.9, 0.1], [0.6, 0.4]])
    >>> round(ece(probs, np.array([0, 1])), 3)       # bins: 0.9 (right, gap 0.1) and 0.6 (wrong, gap 0.6)
    0.35
    >>> scores(probs, np.eye(2)[[0, 1]])["acc"]
    0.5
"""

import numpy as np

from augcourse._checks import check_int, fail
from augcourse.language import tr

ECE_BINS = 15


def nll(probs, labels, eps=1e-12):
    """Mean negative log-likelihood of the true classes: ``mean(-log probs[i, labels[i]])`` (nats).

    ``probs`` (N, K); ``labels`` (N,) integer classes or (N, K) one-hot. Probabilities are clipped at
    ``eps`` so that one confident mistake gives a large but finite number.

    Example:
        >>> round(nll(np.array([[0.5, 0.5], [0.9, 0.1]]), np.array([0, 0])), 4)   # (ln 2 + ln 1/0.9) / 2
        0.3993
    """
    probs, labels = _probs_and_classes(probs, labels)
    picked = probs[np.arange(len(labels)), labels]
    return float(np.mean(-np.log(np.clip(picked, eps, 1.0))))


def ece(probs, labels, n_bins=ECE_BINS):
    """Expected calibration error: ``sum_b (n_b / N) * |accuracy_b - mean confidence_b|``.

    The confidence of a prediction is its top probability; bin b holds the confidences in
    ``((b-1)/n_bins, b/n_bins]`` (equal widths; empty bins add nothing). 0 is perfectly calibrated.

    Example:
        >>> probs = np.array([[0.95, 0.05], [0.95, 0.05], [0.55, 0.45], [0.55, 0.45]])
        >>> round(ece(probs, np.array([0, 1, 0, 0]), n_bins=10), 4)    # |0.5-0.95|/2 + |1-0.55|/2
        0.45
    """
    check_int("n_bins", n_bins, low=1)
    probs, labels = _probs_and_classes(probs, labels)
    confidence = probs.max(axis=1)
    correct = probs.argmax(axis=1) == labels
    bins = np.clip(np.ceil(confidence * n_bins).astype(int) - 1, 0, n_bins - 1)
    total = 0.0
    for b in range(n_bins):
        inside = bins == b
        if inside.any():
            total += inside.mean() * abs(correct[inside].mean() - confidence[inside].mean())
    return float(total)


def _probs_and_classes(probs, labels):
    """``(probs float64 (N, K), integer classes (N,))``, checking that the shapes agree."""
    probs = np.asarray(probs, dtype=np.float64)
    labels = np.asarray(labels)
    if labels.ndim == 2:
        labels = labels.argmax(axis=1)
    if probs.ndim != 2 or labels.shape != (len(probs),):
        fail("labels", tr("shape {labels_shape} for probs of shape {probs_shape}", labels_shape=labels.shape,
                          probs_shape=probs.shape),
             tr("(N,) classes or (N, K) one-hot rows, one per row of probs"))
    return probs, labels.astype(int)


def scores(probs, oh_labels, n_bins=ECE_BINS):
    """``{"acc", "nll", "ece"}`` of probabilities (N, K) against one-hot labels (N, K).

    Example:
        >>> scores(np.array([[0.8, 0.2], [0.3, 0.7]]), np.eye(2)[[0, 0]])["acc"]
        0.5
    """
    probs, classes = _probs_and_classes(probs, oh_labels)
    return {"acc": float(np.mean(probs.argmax(axis=1) == classes)), "nll": nll(probs, classes),
            "ece": ece(probs, classes, n_bins)}


