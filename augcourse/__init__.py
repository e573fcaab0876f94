"""augcourse: the helper library of a course on image data augmentation with Keras.

Modules and packages (one idea each; a package's own docstring lists its modules):
    datasets  CIFAR-10: the bundled offline subset or the full set through Keras
    images    the sample photo and loading a learner's own image file
    paths     what a learner passes as a path or a file, checked with a one-line message
    folders   image folders: one subfolder per class, written from arrays or read into arrays
    course_files  the repository's own files (results, data) found from any lesson folder
    language  the language of what the library says to a learner: English, or Korean (set_language, tr)
    augment/  the augmentation core: spec -> sample(params) -> apply (numpy, tf.data, Keras layer)
    plot      showing images, augmented batches and labelled grids
    widgets/  ipywidgets controls for each lesson and the playground
    study/    the CIFAR-10 training study and its timing, shared with benchmarks/
    exercises/ self-checks for the lesson exercises

TensorFlow is imported lazily (only by modules that need it) and quietly,
through ``augcourse._tf``.
"""

__version__ = "0.1.0"


def __getattr__(name):
    """``from augcourse import tf, keras`` imports TensorFlow and Keras quietly, on first use."""
    if name in ("tf", "keras"):
        from augcourse import _tf

        return getattr(_tf, name)
    raise AttributeError(f"module 'augcourse' has no attribute {name!r}")
