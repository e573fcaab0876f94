"""The ZCA lesson's controls: a few CIFAR images whitened as ImageDataGenerator does, for any epsilon.

The pixels are scaled to [0, 1] first, as in lesson 12, so an epsilon means what it means there (the
singular values, and so the scale at which epsilon starts to matter, grow with the pixel scale).
ImageDataGenerator's ``fit`` centres the images per channel, takes ``u, s`` from
``svd(flat_x.T)`` and builds the matrix ``u diag(sqrt(n) / (s + eps)) u.T``. The SVD is
computed once per number of fit images (``fit_svd``); a new epsilon only re-weights: a fit
image ``x_i = (v_i * s) u.T`` whitens to ``(v_i * s * g) u.T`` with ``g = sqrt(n) / (s + eps)``.

Shapes: ``n_fit`` fit images (n_fit, 32, 32, 3); ``whiten`` returns (k, 32, 32, 3) float64
for the ``k`` fit images chosen.

Example:
    >>> white, info = whiten(None, {"zca_epsilon": 0.1, "n_fit": 100, "index": np.array([3, 17])}, seed=0)
    >>> white.shape, round(info["gain_max"] / info["gain_min"]) > 1
    ((2, 32, 32, 3), True)
"""

import functools

import numpy as np

from augcourse._checks import check_choice, check_number
from augcourse.language import tr
from augcourse.widgets.controls import Frame, dropdown, log_slider
from augcourse.widgets.display import CIFAR_SCALE, stretch_about_zero, upscale
from augcourse.widgets.sources import CifarControls, cifar_train

N_FIT = (100, 300, 1000)        # how many training images the whitening is fitted on


@functools.cache
def fit_svd(n_fit):
    """``(x, u, s, vt)`` of the first ``n_fit`` training images, centred per channel (computed once).

    ``x`` is (n_fit, 32, 32, 3) float64 in [0, 1] (ImageDataGenerator turns featurewise_center on for ZCA);
    ``u, s, vt = svd(x.reshape(n_fit, -1).T, full_matrices=False)``. The arrays are read-only.
    """
    x = cifar_train()[0][:n_fit].astype(np.float64) / 255.0
    x -= x.mean(axis=(0, 1, 2))
    u, s, vt = np.linalg.svd(x.reshape(n_fit, -1).T, full_matrices=False)
    for array in (x, u, s, vt):
        array.flags.writeable = False
    return x, u, s, vt


def whiten(images, spec, seed):
    """The default draw: the fit images ``spec["index"]``, whitened for ``spec["zca_epsilon"]``.

    ``images`` (the originals) and ``seed`` are not needed: the fit images are whitened from
    the SVD. Returns (whitened (k, 32, 32, 3), {"gain_min", "gain_max"} of ``sqrt(n) / (s + eps)``).
    """
    x, u, s, vt = fit_svd(spec["n_fit"])
    gain = np.sqrt(spec["n_fit"]) / (s + spec["zca_epsilon"])
    coef = vt[:, spec["index"]].T * (s * gain)           # (k, n_fit)
    white = (coef @ u.T).reshape((len(spec["index"]),) + x.shape[1:])
    return white, {"gain_max": float(gain.max()), "gain_min": float(gain.min())}


class ZCAControls(CifarControls):
    """ZCA whitening of ``n`` of the fit images, each shown beside its whitened version.

    Start values: ``zca_epsilon`` (1e-6 to 1e4) and ``n_fit`` (one of ``N_FIT``).
    """

    name = "zca"
    default_draw = staticmethod(whiten)

    def _make_widgets(self, initial):
        eps = check_number("zca_epsilon", initial.pop("zca_epsilon", 1e-6), low=1e-6, high=1e4)
        n_fit = check_choice("n_fit", initial.pop("n_fit", 300), N_FIT)
        self._check_leftover(initial, ["zca_epsilon", "n_fit"])
        return {"zca_epsilon": log_slider("zca_epsilon", eps, -6, 4, 0.5),
                "n_fit": dropdown(tr("fit images"), N_FIT, n_fit)}

    def compute(self, values):
        x, y, names = cifar_train()
        index = self.pick(values["seed"], values["n"], values["n_fit"])
        spec = {"zca_epsilon": values["zca_epsilon"], "n_fit": values["n_fit"], "index": index}
        out, info = self.draw(x[index], spec, values["seed"])
        out = np.asarray(out, dtype=np.float64)
        original = [upscale(x[i], CIFAR_SCALE) for i in index]
        images = original + [upscale(stretch_about_zero(o), CIFAR_SCALE) for o in out]
        titles = ([f"#{i} {names[y[i]]}" for i in index]
                  + [tr("#{index} whitened", index=i) for i in index])
        text = tr("fit on {count} images (pixels in [0, 1]), zca_epsilon {epsilon:.0e}", count=values["n_fit"],
                  epsilon=values["zca_epsilon"])
        if isinstance(info, dict) and "gain_max" in info:
            text += "\n" + tr("gain per direction sqrt(n)/(s + eps): {low:.3g} to {high:.3g} (IDG's formula)",
                              low=info["gain_min"], high=info["gain_max"])
        return Frame(images, titles, text)
