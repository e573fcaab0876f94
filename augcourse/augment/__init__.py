"""The augmentation core: spec -> sample(params) -> apply, in NumPy, tf.data or a Keras layer.

    from augcourse.augment import Augment
    aug = Augment(rotation_range=20, width_shift_range=0.1, horizontal_flip=True, p={"rotation": 0.5})
    params = aug.sample(len(images), images.shape[1:], seed=0)   # explicit, printable draws
    out = aug.apply(images, params)                               # (N, H, W, C) -> float32, pure
    aug.flow(x, y) / aug.to_dataset(x, y) / aug.to_layer()         # for model.fit

Modules (one idea each): ``spec`` (Augment: validation, sampling, apply),
``params`` (the printable record), ``geometry`` (one fused 3x3 matrix per
image), ``warp`` (one OpenCV resampling pass per image), ``colour`` (channel
shift and brightness, batched), ``normalize`` (rescale, samplewise,
featurewise + fit), ``ops`` (the NumPy operations the maths uses),
``tf_backend`` (the same maths in TF ops; the Keras layer), ``pipelines``
(flow PyDataset and tf.data), ``idg`` (ImageDataGenerator equivalence and
deviations). Importing this package does not import TensorFlow.
"""

from augcourse.augment.idg import IDG_DEVIATIONS, apply_idg, idg_code, idg_equivalent, to_idg_kwargs
from augcourse.augment.params import AugmentParams
from augcourse.augment.spec import FILL_MODES, INTERPOLATIONS, TRANSFORMS, Augment

__all__ = ["Augment", "AugmentParams", "IDG_DEVIATIONS", "idg_equivalent", "apply_idg", "to_idg_kwargs",
           "idg_code", "FILL_MODES", "INTERPOLATIONS", "TRANSFORMS"]
