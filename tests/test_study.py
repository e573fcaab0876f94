"""The CIFAR-10 study: data split, model, one run, tables, plots and the command line (tiny slices)."""

import io
import json
import os
import pickle
import subprocess
import sys
import tarfile
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pytest

from augcourse import datasets, study

ROOT = Path(__file__).resolve().parents[1]
STUDY = ROOT / "augcourse" / "study"


def test_load_data_splits_like_the_notes():
    data = study.load_data("subset")
    assert data.sizes() == {"train": 3961, "validation": 699, "test": 846}
    assert data.tr_images.dtype == np.uint8 and data.tr_images.shape[1:] == (32, 32, 3)
    assert data.tr_oh_labels.shape == (3961, 10) and data.tr_oh_labels.dtype == np.float32
    assert np.all(data.tr_oh_labels.sum(axis=1) == 1) and np.all(data.test_oh_labels.sum(axis=1) == 1)
    assert data.source == "subset" and data.class_names[0] == "airplane"
    # the split is seeded: same seed, same split; another seed, another split
    again = study.load_data("subset")
    np.testing.assert_array_equal(again.val_images, data.val_images)
    other = study.load_data("subset", seed=1)
    assert not np.array_equal(other.val_images, data.val_images)
    # train and validation together are exactly the original training images
    (x_train, _), _, _ = datasets.load_cifar10("subset")
    joined = np.concatenate([data.tr_images, data.val_images]).reshape(len(x_train), -1)
    assert sorted(map(bytes, joined)) == sorted(map(bytes, x_train.reshape(len(x_train), -1)))


def test_auto_source_is_the_one_the_loader_used(tmp_path, capsys):
    # no archive to be had (an origin that does not exist, an empty cache): "auto" falls back to the
    # subset, and says so
    data = study.load_data("auto", cache_dir=tmp_path / "empty-cache", limit=40,
                           origin=(tmp_path / "missing.tar.gz").as_uri())
    assert data.source == "subset" and "using the bundled subset" in capsys.readouterr().out
    # a full archive with as many training images as the subset (5 x 932 = 4,660): still "full"
    archive = _tiny_cifar_archive(tmp_path / "cifar-10-python.tar.gz", per_batch=932)
    data = study.load_data("auto", cache_dir=tmp_path / "keras-home", origin=archive.as_uri(),
                           file_hash=datasets.sha256_of(archive))
    assert data.source == "full" and sum(data.sizes().values()) == 4660 + 846
    assert study.load_data("full", cache_dir=tmp_path / "keras-home", origin=archive.as_uri(),
                           file_hash=datasets.sha256_of(archive), limit=40).source == "full"


def test_load_data_limit_and_bad_arguments():
    data = study.load_data("subset", limit=40)
    assert data.sizes() == {"train": 34, "validation": 6, "test": 40}
    with pytest.raises(ValueError, match="val_fraction"):
        study.load_data("subset", val_fraction=1.5)
    with pytest.raises(ValueError, match="limit"):
        study.load_data("subset", limit=2)
    with pytest.raises(ValueError, match="source must be one of"):
        study.load_data("cifar100")


def test_build_model_is_seeded_and_has_the_notes_layers():
    a, b = study.build_model(seed=3), study.build_model(seed=3)
    c = study.build_model(seed=4)
    assert a.output_shape == (None, 10)
    kinds = {type(layer).__name__ for layer in a.layers}
    assert {"Conv2D", "BatchNormalization", "MaxPooling2D", "Dropout", "Dense"} <= kinds
    wa, wb, wc = (m.get_weights()[0] for m in (a, b, c))
    np.testing.assert_array_equal(wa, wb)
    assert not np.array_equal(wa, wc)
    with pytest.raises(ValueError, match="dropout"):
        study.build_model(dropout=1.0)


def test_callbacks_are_the_notes_two():
    rlr_cb, ely_cb = study.make_callbacks()
    assert type(rlr_cb).__name__ == "ReduceLROnPlateau" and rlr_cb.monitor == "val_loss"
    assert type(ely_cb).__name__ == "EarlyStopping" and ely_cb.monitor == "val_loss"


def test_run_returns_history_and_record_on_a_tiny_slice():
    data = study.load_data("subset", limit=96)
    history, record = study.run("idg", data, epochs=2, batch_size=32)
    assert set(history) >= {"accuracy", "val_accuracy", "loss", "val_loss", "lr"}
    assert len(history["loss"]) == record["epochs_run"] == 2
    for key in ("train_acc", "val_acc", "test_acc", "fit_train_acc"):
        assert 0.0 <= record[key] <= 1.0
    assert record["gap"] == pytest.approx(record["train_acc"] - record["test_acc"])
    assert record["epoch_s"] > 0 and record["images_per_s"] > 0
    assert record["augment"] == {"horizontal_flip": True}
    json.dumps(record)   # plain JSON types only
    table = study.results_table([record])
    assert "horizontal flip" in table and f"{record['gap']:.2f}" in table
    fig = study.plot_histories({"idg": history})
    assert len(fig.axes) == 2 and [ax.get_ylabel() for ax in fig.axes] == ["accuracy", "loss"]
    fig2 = study.plot_gaps([record, dict(record, config="x", label="other")])
    assert "gap" in fig2.axes[0].texts[0].get_text()
    fig2.canvas.draw()                   # the legend covers no bar (it sits outside the axes)
    legend_box = fig2.axes[0].get_legend().get_window_extent()
    assert not any(legend_box.overlaps(bar.get_window_extent()) for bar in fig2.axes[0].patches)
    plt.close("all")


def test_unknown_config_is_rejected():
    with pytest.raises(ValueError, match="config must be one of 'none'"):
        study.run("bogus", None)


def test_time_epochs_and_its_table():
    data = study.load_data("subset", limit=64)
    timings = study.time_epochs(["none_tfdata", "idg_timing"], data, rounds=1, batch_size=32)
    assert [t["config"] for t in timings] == ["none_tfdata", "idg_timing"]
    assert timings[0]["overhead"] == 0
    assert all(t["epoch_s"] > 0 and len(t["times"]) == 1 for t in timings)
    table = study.timing_table(timings)
    assert "ImageDataGenerator.flow" in table and "+0%" in table
    assert len(study.plot_epoch_times(timings).axes) == 1
    plt.close("all")


def test_importing_the_study_does_not_import_tensorflow():
    code = ("import sys\nfrom augcourse import study\nstudy.load_data('subset', limit=8)\n"
            "print('tensorflow' in sys.modules, 'keras' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["False", "False"]


def test_the_study_is_a_package_of_one_idea_modules():
    # size, opening line and import direction of each module: tests/test_architecture.py
    assert not (ROOT / "augcourse" / "study.py").exists()
    assert {p.stem for p in STUDY.glob("*.py")} >= {
        "__init__", "__main__", "callbacks", "cli", "configs", "data", "model", "pipelines", "report",
        "results", "runs", "timing"}


def _sources_with(text):
    """The study's modules and the benchmarks whose source contains ``text``."""
    paths = sorted(STUDY.glob("*.py")) + sorted((ROOT / "benchmarks").glob("*.py"))
    return [p.relative_to(ROOT).as_posix() for p in paths if text in p.read_text()]


def test_one_timing_spec_and_one_epoch_timer_in_the_source():
    assert _sources_with("channel_shift_range=30") == ["augcourse/study/configs.py"]
    assert _sources_with("def on_epoch_begin(") == ["augcourse/study/callbacks.py"]
    assert _sources_with("time.process_time()") == ["augcourse/study/callbacks.py"]
    assert all(config.augment is study.TIMING_TRANSFORMS
               for name, config in study.CONFIGS.items() if name in study.TIMING_CONFIGS[1:])


def test_benchmarks_use_the_studys_spec_timer_and_rate():
    # in a fresh interpreter: bench_augment sets TensorFlow to one thread when it is imported
    code = """
import importlib.util, json
from augcourse import study
from augcourse._tf import keras

def load(name):
    spec = importlib.util.spec_from_file_location(name, f"benchmarks/{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module

augment, epoch = load("bench_augment"), load("bench_epoch")
print(json.dumps({
    "spec": [getattr(m, "SPEC", None) is study.TIMING_TRANSFORMS for m in (augment, epoch)],
    "timer": getattr(epoch, "timed_epoch", None) is study.timed_epoch,
    "rate": getattr(augment, "images_per_s", None) is study.images_per_s,
    "callbacks": [n for m in (augment, epoch) for n, v in vars(m).items()
                  if isinstance(v, type) and issubclass(v, keras.callbacks.Callback)]}))
"""
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    found = json.loads(done.stdout.strip().splitlines()[-1])
    assert found == {"spec": [True, True], "timer": True, "rate": True, "callbacks": []}


@pytest.mark.parametrize("name", ["core_layer", "keras_layer", "keras_flip"])
def test_in_model_doors_take_the_same_0_1_images_as_every_other_model(name):
    """At inference the augmentation layers pass 0-1 images through unchanged: validation and the clean
    accuracy see the images every other configuration's model sees (a second rescale once gave chance)."""
    from augcourse._tf import keras

    data = study.load_data("subset", limit=64)
    model, train, val, _, _ = study.build_pipeline(name, data, 16, 0)
    x, _ = next(iter(train))
    assert 0.0 <= float(keras.ops.min(x)) and float(keras.ops.max(x)) <= 1.0
    front = model.layers[1]
    clean = val[0][:4]
    assert np.allclose(keras.ops.convert_to_numpy(front(clean, training=False)), clean, atol=1e-5)


def test_the_compute_floor_does_the_cores_work_without_its_sampling():
    """bench_augment's floor is a bare loop, one cv2.warpAffine per image and the colour pass, with none of the
    core's code, and it gives the core's pixels for the same draws: core / floor is a fair fraction."""
    code = """
import importlib.util
import numpy as np
spec = importlib.util.spec_from_file_location("bench_augment", "benchmarks/bench_augment.py")
bench = importlib.util.module_from_spec(spec)
spec.loader.exec_module(bench)
methods = bench.make_methods(bench.photos(32, 64), 32)
import cv2
import augcourse.augment.spec as core_spec
calls = []

class Counting:                      # cv2, counting warpAffine calls and their input dtype
    def __getattr__(self, name):
        return getattr(cv2, name)
    def warpAffine(self, *args):
        calls.append(args[0].dtype)
        return cv2.warpAffine(*args)

def refuse(*args, **kwargs):
    raise AssertionError("the floor ran the core's code")

floors, cores = [], []
for k in (0, 1):
    bench.cv2, saved = Counting(), bench.cv2
    core_spec.warp_batch, core_warp = refuse, core_spec.warp_batch
    floors.append(methods["floor_compute"](k))
    bench.cv2, core_spec.warp_batch = saved, core_warp
    cores.append(methods["core"](k))
print(len(calls) == 64 and all(str(d) == "float32" for d in calls),
      all(f.dtype == c.dtype and np.allclose(f, c, rtol=1e-6, atol=1e-4) for f, c in zip(floors, cores)))
"""
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().splitlines()[-1] == "True True"


def test_cli_writes_json_and_plots(tmp_path, capsys):
    status = study.main(["--limit", "64", "--epochs", "1", "--batch-size", "32", "--configs", "none,idg",
                         "--timing", "none_tfdata,idg_timing", "--rounds", "1", "--out", str(tmp_path)])
    assert status == 0
    results = json.loads((tmp_path / "study_subset.json").read_text())
    assert results["settings"]["limit"] == 64 and results["settings"]["source"] == "subset"
    assert set(results["runs"]) == {"none", "idg"}
    assert [t["config"] for t in results["timing"]] == ["none_tfdata", "idg_timing"]
    for png in ("study_subset_curves.png", "study_subset_gaps.png", "study_subset_epoch_times.png"):
        assert (tmp_path / png).read_bytes()[:4] == b"\x89PNG"
    out = capsys.readouterr().out
    assert "no augmentation" in out and "s/epoch" in out


def test_cli_runs_each_configuration_over_several_seeds(tmp_path, capsys):
    status = study.main(["--limit", "64", "--epochs", "1", "--batch-size", "32", "--configs", "none,keras_flip",
                         "--seeds", "3,4", "--timing", "", "--out", str(tmp_path)])
    assert status == 0
    results = json.loads((tmp_path / "study_subset.json").read_text())
    assert results["settings"]["seeds"] == [3, 4] and results["settings"]["seed"] == 3
    assert {n: [r["seed"] for r in rs] for n, rs in results["seed_runs"].items()} == {"none": [3, 4],
                                                                                    "keras_flip": [3, 4]}
    first, second = results["seed_runs"]["none"]
    assert results["runs"]["none"]["record"]["test_acc"] == first["test_acc"]
    assert first["fit_train_acc"] != second["fit_train_acc"]          # another seed, another run
    out = capsys.readouterr().out
    assert "over seeds 3, 4 (mean ± sd):" in out and "Keras 3 flip layer in the model" in out


def test_cli_bad_usage_exits_2(capsys):
    with pytest.raises(SystemExit, match="^2$") as info:
        study.main(["--epochs", "0"])
    assert info.value.code == 2 and "argument --epochs: must be at least 1; got 0" in capsys.readouterr().err
    with pytest.raises(SystemExit, match="^2$") as info:
        study.main(["--seeds", "0,-1"])
    assert "argument --seeds: must be at least 0; got -1" in capsys.readouterr().err
    with pytest.raises(SystemExit, match="^2$") as info:
        study.main(["--configs", "none,everything"])
    assert info.value.code == 2 and "unknown configuration 'everything'" in capsys.readouterr().err


def test_cli_full_without_network_exits_2_with_the_message(tmp_path, capsys):
    status = study.main(["--full", "--cache-dir", str(tmp_path), "--out", str(tmp_path / "out")])
    assert status == 2
    err = capsys.readouterr().err
    assert err.startswith("error: Could not download the full CIFAR-10")
    assert "no network" in err and "Traceback" not in err
    assert not (tmp_path / "out").exists()


def _tiny_cifar_archive(path, per_batch=16):
    """A tar.gz laid out like cifar-10-python.tar.gz (5 train batches + test), from subset images.

    5 x ``per_batch`` training images and ``min(per_batch, 846)`` test images.
    """
    (x_train, y_train), (x_test, y_test), _ = datasets.load_cifar10("subset")
    parts = [(x_train[i * per_batch:(i + 1) * per_batch], y_train[i * per_batch:(i + 1) * per_batch])
             for i in range(5)] + [(x_test[:per_batch], y_test[:per_batch])]
    names = [f"data_batch_{i}" for i in range(1, 6)] + ["test_batch"]
    with tarfile.open(path, "w:gz", compresslevel=1) as tar:
        for name, (x, y) in zip(names, parts):
            blob = pickle.dumps({b"data": x.transpose(0, 3, 1, 2).reshape(len(x), -1),
                                 b"labels": [int(v) for v in y[:, 0]]})
            info = tarfile.TarInfo(f"cifar-10-batches-py/{name}")
            info.size = len(blob)
            tar.addfile(info, io.BytesIO(blob))
    return path


def _run_module(args, tmp_path):
    env = dict(os.environ, KERAS_HOME=str(tmp_path / "keras-home"), MPLBACKEND="Agg")
    return subprocess.run([sys.executable, "-m", "augcourse.study", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)


def test_module_full_end_to_end_from_a_local_archive(tmp_path):
    archive = _tiny_cifar_archive(tmp_path / "cifar-10-python.tar.gz")
    out = tmp_path / "out"
    proc = _run_module(["--full", "--epochs", "1", "--batch-size", "16", "--configs", "none",
                        "--timing", "", "--origin", archive.as_uri(),
                        "--file-hash", datasets.sha256_of(archive), "--out", str(out)], tmp_path)
    assert proc.returncode == 0, proc.stderr[-2000:]
    results = json.loads((out / "study_full.json").read_text())
    assert results["settings"]["source"] == "full"
    assert results["settings"]["sizes"] == {"train": 68, "validation": 12, "test": 16}
    assert (out / "study_full_curves.png").is_file()
    assert "CIFAR-10 full" in proc.stdout


def test_module_full_without_network_fails_clearly(tmp_path):
    proc = _run_module(["--full", "--origin", "https://cifar.invalid/cifar-10-python.tar.gz",
                        "--out", str(tmp_path / "out")], tmp_path)
    assert proc.returncode == 2
    assert "error: Could not download the full CIFAR-10" in proc.stderr
    assert "Traceback" not in proc.stderr
