"""The normalization lesson's controls: rescale, samplewise and featurewise options on CIFAR images.

``RESCALES`` (label -> rescale value) and ``NORMALIZATION`` (the four normalization
switches) are the one definition the playground also uses. The default draw fits the
featurewise statistics on the whole training subset, as ``fit(x_train)`` would.

Shapes: ``n`` CIFAR training images (n, 32, 32, 3) in; normalized float32 of the same shape out.

Example:
    >>> norm = NormalizationControls(featurewise_center=True, debounce=0)
    >>> norm.spec(norm.values())
    {'featurewise_center': True, 'featurewise_std_normalization': False, 'samplewise_center': False, \
'samplewise_std_normalization': False, 'rescale': None}
    >>> print(norm.last_frame.text.splitlines()[0])
    per-channel (R, G, B)        mean                     std
    >>> row = norm.last_frame.text.splitlines()[2]     # the whole subset, centred: mean 0 per channel
    >>> row[:14], [abs(float(v)) for v in row[19:49].strip("()").split(",")]
    ('all 4660 train', [0.0, 0.0, 0.0])
"""


import numpy as np

from augcourse._checks import fail
from augcourse.augment.options import NORMALIZATION
from augcourse.language import N_, pad, tr
from augcourse.widgets.controls import Frame, checkbox, dropdown, started
from augcourse.widgets.display import CIFAR_SCALE, stretch, to_uint8, upscale
from augcourse.widgets.sources import CifarControls, cifar_train, fitted_augment

RESCALES = {"None": None, "1/255": 1 / 255, "255 (the notes)": 255.0}   # the control's value -> rescale
RESCALE_WORDS = {"255 (the notes)": N_("255 (the notes)")}           # the values shown translated


def rescale_options():
    """The rescale dropdown's options: the label shown (in the learner's language) -> the value (RESCALES' key).

    Example:
        >>> rescale_options()["255 (the notes)"]
        '255 (the notes)'
    """
    return {(tr(RESCALE_WORDS[value]) if value in RESCALE_WORDS else value): value for value in RESCALES}


def normalize(images, spec, seed):
    """The default draw: Augment's normalization of (N, H, W, C) ``images`` (featurewise: fit on the subset).

    Returns:
        (float32 (N, H, W, C), {"whole": the whole training subset normalized the same way})
    """
    aug = fitted_augment(spec)
    whole = aug.standardize(cifar_train()[0].astype(np.float32))
    return aug.standardize(images.astype(np.float32)), {"whole": whole}


class NormalizationControls(CifarControls):
    """featurewise / samplewise / rescale options on CIFAR images, with per-channel mean and std.

    ``draw(images, spec, seed)`` gets the chosen CIFAR images and the Augment normalization
    arguments (default: ``normalize``). Start values: the four switches (bool) and
    ``rescale`` (None, 1/255 or 255.0).
    """

    name = "normalization"
    default_draw = staticmethod(normalize)

    def _make_widgets(self, initial):
        widgets = {name: started(checkbox(name, False), name, initial.pop(name, False)) for name in NORMALIZATION}
        rescale = initial.pop("rescale", None)
        labels = {v: k for k, v in RESCALES.items()}
        if rescale not in labels:
            fail("rescale", rescale, tr("None, 1/255 or 255.0"))
        widgets["rescale"] = dropdown("rescale", rescale_options(), labels[rescale])
        self._check_leftover(initial, list(NORMALIZATION) + ["rescale"])
        return widgets

    def spec(self, values):
        """The Augment normalization arguments for these values."""
        spec = {name: values[name] for name in NORMALIZATION}
        spec["rescale"] = RESCALES[values["rescale"]]
        return spec

    def compute(self, values):
        x, y, names = cifar_train()
        idx = self.pick(values["seed"], values["n"], len(x))
        spec = self.spec(values)
        out, info = self.draw(x[idx], spec, values["seed"])
        out = np.asarray(out, dtype=np.float32)
        plain = not any(spec[name] for name in NORMALIZATION) and spec["rescale"] is None
        images = [upscale(im, CIFAR_SCALE) for im in (map(to_uint8, out) if plain else stretch(out))]
        titles = [tr("#{index} {name}: mean {mean:.2f}, std {std:.2f}", index=i, name=names[y[i]], mean=o.mean(),
                     std=o.std()) for i, o in zip(idx, out)]
        lines = [tr("per-channel (R, G, B)        mean                     std")]
        lines.append(channel_line(tr("these images"), out))
        if isinstance(info, dict) and "whole" in info:
            lines.append(channel_line(tr("all {count} train", count=len(x)), info["whole"]))
        if plain:
            lines.append(tr("value range of these images: {low:.3g} to {high:.3g}", low=out.min(), high=out.max()))
        else:
            lines.append(tr("value range of these images: {low:.3g} to {high:.3g} (shown stretched to black-white)",
                            low=out.min(), high=out.max()))
        return Frame(images, titles, "\n".join(lines))


def channel_line(label, images):
    """One text row: ``label``, then the per-channel mean and std of (N, H, W, C) ``images``.

    Example:
        >>> channel_line("ones", np.ones((1, 2, 2, 3)))
        'ones               (   1.000,    1.000,    1.000)  (   0.000,    0.000,    0.000)'
    """
    images = np.asarray(images, dtype=np.float64)

    def triple(v):
        return "(" + ", ".join(f"{x:8.3f}" for x in v) + ")"

    # Hangul takes two columns of a monospaced font
    return f"{pad(label, 18)} {triple(images.mean(axis=(0, 1, 2)))}  {triple(images.std(axis=(0, 1, 2)))}"

