"""Keras' base class for image augmentation layers, from the one place it lives (Keras does not export it).

Every image preprocessing layer of Keras 3 (``RandomFlip``, ``RandomBrightness``, ...) subclasses
``BaseImagePreprocessingLayer``. It splits a layer into ``get_random_transformation`` (draw) and
``transform_images`` / ``transform_segmentation_masks`` / ``transform_bounding_boxes`` (apply), and
accepts a dict of images, masks and boxes. Keras 3.15 keeps it in the private module
``keras.src.layers.preprocessing.image_preprocessing.base_image_preprocessing_layer``, which can move
between releases: importing it here, once, means a move breaks one line and one test, not every lesson.

Example:
    >>> from augcourse.layer_base import BaseImagePreprocessingLayer
    >>> from augcourse._tf import keras
    >>> issubclass(keras.layers.RandomFlip, BaseImagePreprocessingLayer)
    True
"""


def __getattr__(name):
    """``BaseImagePreprocessingLayer`` is imported (with TensorFlow) on first use."""
    if name == "BaseImagePreprocessingLayer":
        from augcourse._tf import keras  # noqa: F401  (quiet TensorFlow first)
        from keras.src.layers.preprocessing.image_preprocessing.base_image_preprocessing_layer import (
            BaseImagePreprocessingLayer)

        return BaseImagePreprocessingLayer
    raise AttributeError(f"module 'augcourse.layer_base' has no attribute {name!r}")
