"""The Keras callbacks of the study: the notes' two, the one epoch timer, and a progress bar.

Keras callback classes need Keras when they are defined, so each is defined inside the function that
returns it: importing ``augcourse.study`` does not import TensorFlow. ``epoch_timer`` is the one
epoch timer of the course: the study's runs and timings and ``benchmarks/bench_epoch.py`` all use it.

Example:
    >>> rlr_cb, ely_cb = make_callbacks()
    >>> timer = epoch_timer()
    >>> timer.times, timer.cpu_times
    ([], [])
"""

import time


def make_callbacks(*, rlr_patience=3, stop_patience=6, restore_best_weights=False):
    """``[rlr_cb, ely_cb]`` as in the notes: ReduceLROnPlateau (×0.2) and EarlyStopping on val_loss.

    With ``restore_best_weights`` the model ends with the weights of its best validation-loss epoch
    (the study's converged grid), whether training stopped early or ran out of epochs.

    Example:
        >>> rlr_cb, ely_cb = make_callbacks()
        >>> type(rlr_cb).__name__, rlr_cb.monitor, rlr_cb.factor, rlr_cb.patience
        ('ReduceLROnPlateau', 'val_loss', 0.2, 3)
        >>> type(ely_cb).__name__, ely_cb.monitor, ely_cb.patience
        ('EarlyStopping', 'val_loss', 6)
    """
    from augcourse._tf import keras

    rlr_cb = keras.callbacks.ReduceLROnPlateau(monitor="val_loss", factor=0.2, patience=rlr_patience,
                                               mode="min", verbose=0)
    ely_cb = keras.callbacks.EarlyStopping(monitor="val_loss", patience=stop_patience, mode="min",
                                           restore_best_weights=restore_best_weights, verbose=0)
    return [rlr_cb, ely_cb]


def epoch_timer():
    """A Keras callback that times the training loop of every epoch (``.times``, seconds).

    It measures from ``on_epoch_begin`` to the start of validation (``on_test_begin``), or to
    ``on_epoch_end`` without validation, in wall-clock seconds (``.times``) and in CPU seconds of
    this process, all threads (``.cpu_times``): one entry per epoch in each list. Not the wall time
    of ``fit()``, which on a CPU can include a tf.data teardown wait of seconds after the last step
    (see the speed reference).

    Example:
        >>> import numpy as np
        >>> from augcourse._tf import keras
        >>> model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(1)])
        >>> model.compile(loss="mse")
        >>> timer = epoch_timer()
        >>> _ = model.fit(np.zeros((8, 2)), np.zeros((8, 1)), epochs=3, verbose=0, callbacks=[timer])
        >>> len(timer.times), len(timer.cpu_times), all(t > 0 for t in timer.times)
        (3, 3, True)
    """
    from augcourse._tf import keras

    class EpochTimer(keras.callbacks.Callback):
        def __init__(self):
            super().__init__()
            self.times, self.cpu_times = [], []
            self._start = None

        def on_epoch_begin(self, epoch, logs=None):
            self._start = (time.perf_counter(), time.process_time())

        def on_test_begin(self, logs=None):
            if self._start is not None:
                self.times.append(time.perf_counter() - self._start[0])
                self.cpu_times.append(time.process_time() - self._start[1])
                self._start = None

        def on_epoch_end(self, epoch, logs=None):
            self.on_test_begin()

    return EpochTimer()


def tqdm_epochs(total, desc):
    """A Keras callback showing a tqdm progress bar over ``total`` epochs (for the command line).

    The bar (on stderr) shows the last epoch's accuracy and val_accuracy.

    Example:
        >>> type(tqdm_epochs(12, "idg")).__name__
        'TqdmEpochs'
    """
    from tqdm.auto import tqdm

    from augcourse._tf import keras

    class TqdmEpochs(keras.callbacks.Callback):
        def on_train_begin(self, logs=None):
            self.bar = tqdm(total=total, desc=desc, unit="epoch", leave=True)

        def on_epoch_end(self, epoch, logs=None):
            logs = logs or {}
            self.bar.set_postfix({k: f"{logs[k]:.3f}" for k in ("accuracy", "val_accuracy") if k in logs})
            self.bar.update(1)

        def on_train_end(self, logs=None):
            self.bar.close()

    return TqdmEpochs()
