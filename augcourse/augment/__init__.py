"""The augmentation core: spec -> sample(params) -> apply, in NumPy, tf.data or a Keras layer.

    from augcourse.augment import Augment
    aug = Augment(rotation_range=20, width_shift_range=0.1, horizontal_flip=True, p={"rotation": 0.5})
    params = aug.sample(len(images), images.shape[1:], seed=0)   # explicit, printable draws
    out = aug.apply(images, params)                               # (N, H, W, C) -> float32, pure
    aug.flow(x, y) / aug.to_dataset(x, y) / aug.to_layer()         # for model.fit

Modules, one idea each, each importing only those listed before it:

    options     the options' names, defaults and neutral values; AugmentOptions validates them
    ops         the ops protocol (the array operations the maths uses) and its NumPy version
    geometry    flip, rotation, shift, shear and zoom fused into one 3x3 matrix per image
    params      AugmentParams, the printable record of one sample() call
    sampling    uniform draws in fixed columns, mapped to parameters by the options
    warp        one OpenCV resampling pass per image (the NumPy path's kernel)
    colour      channel shift and brightness on whole batches
    normalize   rescale, samplewise and featurewise normalization; fit's statistics
    pixels      the pixel steps after the geometry, in ImageDataGenerator's order
    codegen     a spec as Augment(...) or ImageDataGenerator(...) source
    idg         ImageDataGenerator's equivalent draws and its deviations
    spec        Augment: sample, apply, fit, and the three doors
    tf_backend  the same maths in TensorFlow ops (TF)
    layer       the Keras layer, the in-model door (TF)
    pipelines   flow (a Keras PyDataset) and tf.data, the two input-pipeline doors (TF)

Importing this package does not import TensorFlow; the TF modules load when a door is used.

Example:
    >>> import numpy as np
    >>> Augment(horizontal_flip=True, p={"horizontal_flip": 1.0}).augment(np.eye(3)[None, :, :, None])[0, 0, :, 0]
    array([0., 0., 1.], dtype=float32)
"""

from augcourse.augment.codegen import idg_code, to_idg_kwargs
from augcourse.augment.idg import IDG_DEVIATIONS, apply_idg, idg_equivalent
from augcourse.augment.options import DEFAULT_P, FILL_MODES, INTERPOLATIONS, NEUTRAL, TRANSFORMS
from augcourse.augment.params import AugmentParams
from augcourse.augment.spec import Augment

__all__ = ["Augment", "AugmentParams", "IDG_DEVIATIONS", "idg_equivalent", "apply_idg", "to_idg_kwargs",
           "idg_code", "FILL_MODES", "INTERPOLATIONS", "TRANSFORMS", "DEFAULT_P", "NEUTRAL"]
