"""augcourse.layer_base: Keras' unexported base class of image layers, imported in one place."""

import inspect
import subprocess
import sys

import pytest


def test_it_is_the_base_class_of_every_keras_image_layer():
    from augcourse._tf import keras
    from augcourse.layer_base import BaseImagePreprocessingLayer

    assert BaseImagePreprocessingLayer.__name__ == "BaseImagePreprocessingLayer"
    for name in ("RandomFlip", "RandomBrightness", "RandomContrast", "RandomRotation", "Resizing"):
        assert issubclass(getattr(keras.layers, name), BaseImagePreprocessingLayer), name
    assert not issubclass(keras.layers.Dense, BaseImagePreprocessingLayer)


def test_it_has_the_methods_lesson_19_overrides():
    from augcourse.layer_base import BaseImagePreprocessingLayer

    for method in ("get_random_transformation", "transform_images", "transform_labels",
                   "transform_bounding_boxes", "transform_segmentation_masks"):
        assert callable(getattr(BaseImagePreprocessingLayer, method)), method
    assert inspect.signature(BaseImagePreprocessingLayer.call).parameters["training"].default is True


def test_an_unknown_name_is_an_attribute_error_that_names_it():
    import augcourse.layer_base as layer_base

    with pytest.raises(AttributeError, match="'NoSuchThing'"):
        layer_base.NoSuchThing  # noqa: B018
    assert not hasattr(layer_base, "BaseLayer")


def test_importing_the_module_does_not_import_tensorflow():
    done = subprocess.run([sys.executable, "-c", "import sys, augcourse.layer_base\n"
                           "print('tensorflow' in sys.modules)"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False"
