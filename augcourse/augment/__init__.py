"""The augmentation core: spec -> sample(params) -> apply, in NumPy, tf.data or a Keras layer.

    from augcourse.augment import Augment
    aug = Augment(rotation_range=20, width_shift_range=0.1, horizontal_flip=True, p={"rotation": 0.5})
    params = aug.sample(len(images), images.shape[1:], seed=0)   # explicit, printable draws
    out = aug.apply(images, params)                               # (N, H, W, C) -> float32, pure
    aug.flow(x, y) / aug.to_dataset(x, y) / aug.to_layer()         # for model.fit

Modules, one idea each; each imports only modules listed above it (the test of the
architecture checks it):

    source      settings as short Python source (literals, shift fractions)
    ops         the ops protocol (the array operations the maths uses) and its NumPy version
    transforms/ one record per transform: options, draws, fields, maths hook, translations
    options     AugmentOptions: the records' options and the shared ones, validated; FILL
    inputs      the images every door takes, checked by one function (values, shape, fit's channels)
    colour      the fused colour pass: an offset and a factor, clipped, on whole batches
    normalize   rescale, samplewise and featurewise normalization; fit's statistics
    geometry    the geometric records' factors multiplied into one 3x3 matrix per image
    sampling    a random stream per transform, gated by its probability
    params      AugmentParams, the printable record of one sample() call
    warp        one OpenCV resampling pass per image (the NumPy path's kernel)
    pixels      the colour pass, pixel transforms, then normalization, in IDG's order
    codegen     a spec as Augment(...) or ImageDataGenerator(...) source
    keras_code  a spec as a Keras 3 layer stack (source, or built)
    albumentations_code  a spec as an Albumentations Compose (source, or built)
    idg         ImageDataGenerator's equivalent draws and its deviations
    flow_inputs the checks of flow()'s inputs (extra arrays, weights, validation split)
    spec        Augment: sample, apply, fit, and the three doors
    keras_backend  the same maths in keras.ops (any Keras backend)
    layer       the Keras layer, the in-model door (registered for saving)
    pipelines   flow (a Keras PyDataset) and tf.data, the two input-pipeline doors (TF)
    directory   flow_from_directory: a folder of class subfolders read per batch, IDG's options (TF)

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
