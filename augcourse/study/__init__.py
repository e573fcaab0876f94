"""The CIFAR-10 study: training with and without augmentation, and what augmentation costs in time.

Used by notebooks 21, 22, 24 and 25 and by the command lines. One idea a module; every name below is also
available as ``study.<name>`` after ``from augcourse import study``:

- ``configs``: ``Config``, ``CONFIGS`` (how batches reach the model, with which augmentation),
  ``TIMING_TRANSFORMS`` (the one transform set of every time comparison), ``SEED``, ``BATCH_SIZE``.
- ``data``: ``load_data(source)`` → ``StudyData``: CIFAR-10 split like the notes (train / 15 %
  validation / test), images uint8 (N, 32, 32, 3), one-hot labels (N, 10) (``tr_oh_labels`` ...),
  and ``source``, the data actually loaded ("subset" or "full").
- ``model``: ``build_model(seed)``, the notes-style CNN (Conv-BN-ReLU blocks, max pooling, dropout,
  a dense head; Adam, categorical cross-entropy), seeded so that a run is bit-reproducible.
- ``callbacks``: ``make_callbacks()`` (the notes' ReduceLROnPlateau and EarlyStopping on val_loss),
  ``epoch_timer()`` (the one epoch timer), ``tqdm_epochs``.
- ``pipelines``: ``idg_flows`` (the notes' ``ImageDataGenerator.flow``), ``array_dataset``
  (tf.data), ``core_augment``, ``keras_augment`` (the Keras 3 layers), ``build_pipeline`` (a
  configuration's model and inputs), ``quiet_fit``, ``without_autotune``.
- ``runs``: ``run(config, data)`` trains one configuration and returns ``(history, record)``
  (``make_record``): per-epoch lists, and train / validation / test accuracy on clean images, the
  train–test gap, the training-loop time per epoch and images per second.
- ``timing``: ``time_epochs`` (no augmentation, then ``TIMING_TRANSFORMS`` through
  ImageDataGenerator, the core and Keras 3 layers, each in tf.data and inside the model),
  ``timed_epoch``, ``images_per_s``,
  ``generation_rate``, ``core_rate``, ``prefetch_demo``.
- ``report``: ``results_table``, ``seed_table`` (mean ± sd over seeds), ``timing_table``, ``plot_histories``, ``plot_gaps``,
  ``plot_epoch_times``.
- ``results``: ``load_runs`` (the command line's JSON file), ``write_json`` (atomic writes),
  ``write_results`` (re-read, merge and write under ``locked``, so concurrent runs lose nothing).
- ``options``: the command lines' option types and ``output_paths`` (files stay inside ``--out``).
- ``cli``: ``main()``, run by ``python -m augcourse.study --full --epochs 40``: the whole study
  outside Jupyter, written to a JSON file and PNG plots.
- Imported as modules (``from augcourse.study import grid``), each with its own command line:
  ``mixing`` (MixUp and CutMix in training, lesson 21; ``calibration``: accuracy, NLL, ECE;
  ``mixing_results``: the paired comparisons), ``tta`` (test-time augmentation, lesson 22),
  ``corruptions`` (CIFAR-10-C-style corruptions made locally and seeded) and ``grid`` (the converged
  grid: which augmentation, how strong, whether it helps, ``python -m augcourse.study.grid``;
  ``grid_results`` reads it back as tables, ``grid_plots`` draws it, ``grid_stats`` says which
  differences the seeds and the test images can show), and ``seed_stats`` (a summary over seeds, a
  paired comparison). Lessons 24–25 read the grid.

Importing this package does not import TensorFlow; the functions that need it import it (quietly,
through ``augcourse._tf``) when called.

Example:
    >>> from augcourse import study
    >>> data = study.load_data("subset", limit=64)
    >>> history, record = study.run("idg", data, epochs=1, batch_size=32)
    >>> print(study.results_table([record]).splitlines()[0])
    configuration                      epochs   train     val    test     gap
"""

from augcourse.study.callbacks import epoch_timer, make_callbacks, tqdm_epochs
from augcourse.study.cli import main, parse_args
from augcourse.study.configs import (BATCH_SIZE, CONFIGS, SEED, TIMING_CONFIGS, TIMING_TRANSFORMS,
                                     TRAINING_CONFIGS, Config, get_config)
from augcourse.study.data import VAL_FRACTION, StudyData, load_data
from augcourse.study.model import build_model
from augcourse.study.pipelines import (array_dataset, build_pipeline, core_augment, idg_flows, keras_augment,
                                       quiet_fit, without_autotune)
from augcourse.study.report import (plot_epoch_times, plot_gaps, plot_histories, results_table, seed_table,
                                    text_table, timing_table)
from augcourse.study.results import jsonable, load_runs, locked, write_json, write_results
from augcourse.study.runs import clean_accuracy, make_record, run
from augcourse.study.timing import (core_rate, generation_rate, images_per_s, prefetch_demo, time_epochs,
                                    timed_epoch)

__all__ = [
    "BATCH_SIZE", "CONFIGS", "SEED", "TIMING_CONFIGS", "TIMING_TRANSFORMS",
    "TRAINING_CONFIGS", "VAL_FRACTION", "Config", "StudyData", "array_dataset", "build_model",
    "build_pipeline", "clean_accuracy", "core_augment", "core_rate", "epoch_timer", "generation_rate",
    "get_config", "idg_flows", "images_per_s", "keras_augment", "jsonable", "load_data", "load_runs", "main",
    "make_callbacks", "make_record", "parse_args", "plot_epoch_times", "plot_gaps", "plot_histories",
    "prefetch_demo", "quiet_fit", "results_table", "run", "seed_table", "text_table",
    "time_epochs", "timed_epoch", "timing_table", "tqdm_epochs", "without_autotune", "write_json", "write_results",
    "locked",
]
