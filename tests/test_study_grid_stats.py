"""augcourse.study.grid_stats: Holm, Welch, the bootstrap over test images, and the verdicts that use them."""

import numpy as np
import pytest
from scipy import stats

from augcourse.study import grid_stats as g
from augcourse.study.seed_stats import compare


def test_holm_multiplies_the_k_th_smallest_p_by_m_minus_k_plus_1_and_stays_monotone():
    assert g.holm({"a": 0.01, "b": 0.04, "c": 0.03}) == {"a": 0.03, "b": 0.06, "c": 0.06}
    assert g.holm({"a": 0.2, "b": 0.5}) == {"a": 0.4, "b": 0.5}
    assert g.holm({"a": 0.6, "b": 0.9}) == {"a": 1.0, "b": 1.0}            # capped at 1
    assert g.holm({}) == {}


def test_welch_interval_is_scipys_unequal_variance_interval():
    a, b = [0.60, 0.62, 0.61, 0.58], [0.66, 0.70, 0.65]
    expected = stats.ttest_ind(b, a, equal_var=False).confidence_interval(0.95)
    assert g.welch_interval(a, b) == pytest.approx((expected.low, expected.high))
    with pytest.raises(ValueError, match="two values on each side"):
        g.welch_interval([0.6], [0.7, 0.8])


def test_paired_p_is_the_paired_t_test():
    runs = {"a": [{"seed": s, "x": v} for s, v in enumerate((0.60, 0.62, 0.61, 0.64))],
            "b": [{"seed": s, "x": v} for s, v in enumerate((0.63, 0.62, 0.66, 0.65))]}
    expected = stats.ttest_rel([0.63, 0.62, 0.66, 0.65], [0.60, 0.62, 0.61, 0.64]).pvalue
    assert compare(runs, "a", "b", "x")["p"] == pytest.approx(expected)


def digits(classes):
    return "".join(map(str, classes))


def test_image_interval_pairs_seeds_and_resamples_images():
    labels = np.array([0, 1] * 100)
    right, wrong = digits(labels), digits(1 - labels)
    base = [{"seed": 0, "predicted": {"clean": wrong}}, {"seed": 1, "predicted": {"clean": wrong}}]
    other = [{"seed": 1, "predicted": {"clean": right}}, {"seed": 7, "predicted": {"clean": wrong}}]
    assert g.image_interval(base, other, labels) == (1.0, 1.0)             # only seed 1 is shared
    half = [{"seed": 1, "predicted": {"clean": right[:100] + wrong[100:]}}]
    low, high = g.image_interval(base, half, labels)
    assert 0.40 < low < 0.5 < high < 0.60                                  # sd of the mean ~0.035
    assert g.image_interval(base, half, labels, seed=3) != (low, high)
    with pytest.raises(ValueError, match="no seed in common"):
        g.image_interval(base, [{"seed": 9, "predicted": {"clean": right}}], labels)
    with pytest.raises(ValueError, match="200 labels"):
        g.image_interval(base, [{"seed": 0, "predicted": {"clean": right[:10]}}], labels)


def test_image_interval_does_not_touch_the_global_rng():
    np.random.seed(5)
    before = np.random.get_state()[1].copy()
    labels = np.array([0, 1] * 20)
    g.image_interval([{"seed": 0, "predicted": {"clean": digits(labels)}}],
                     [{"seed": 0, "predicted": {"clean": digits(1 - labels)}}], labels)
    assert (np.random.get_state()[1] == before).all()


def runs_from(values, labels):
    """Records whose test_acc and stored predictions agree: the first k images right."""
    out = {}
    for name, accs in values.items():
        out[name] = []
        for seed, acc in enumerate(accs):
            k = int(round(acc * len(labels)))
            predicted = np.where(np.arange(len(labels)) < k, labels, (labels + 1) % 10)
            out[name].append({"seed": seed, "test_acc": k / len(labels), "predicted": {"clean": digits(predicted)}})
    return out


@pytest.fixture
def labels():
    return np.arange(1000) % 10


def test_the_primary_comparison_is_not_corrected_and_the_others_are(labels):
    runs = runs_from({"none": (0.60, 0.62, 0.61), "flip": (0.625, 0.66, 0.66),
                      "a": (0.625, 0.66, 0.66), "b": (0.60, 0.62, 0.62)}, labels)
    rows = {row["name"]: row for row in g.comparisons(runs, labels)}
    assert rows["flip"]["primary"] and rows["flip"]["p_holm"] == rows["flip"]["p"]
    assert rows["a"]["p_holm"] == pytest.approx(min(1, 2 * rows["a"]["p"]))     # the smaller of two p's, x2
    assert rows["flip"]["verdict"] == "higher"
    assert 0.025 < rows["a"]["p"] == rows["flip"]["p"] < 0.05 and rows["a"]["verdict"] == "cannot tell (seeds)"
    table = g.comparison_table(list(rows.values())).splitlines()
    assert table[1].startswith("flip *") and table[1].endswith("higher")


def test_a_verdict_needs_the_test_images_too(labels):
    seeds_only = {"name": "x", "diff": 0.01, "paired": (0.001, 0.02), "images": (-0.01, 0.03), "p_holm": 0.01,
                  "primary": False}
    assert g.verdict(seeds_only) == "cannot tell (test images)"
    assert g.verdict(dict(seeds_only, images=(0.002, 0.03))) == "higher"
    assert g.verdict(dict(seeds_only, diff=-0.01, images=(-0.03, -0.002))) == "lower"
    assert g.verdict(dict(seeds_only, p_holm=0.2)) == "cannot tell (seeds)"
    assert g.verdict(dict(seeds_only, p_holm=None)) == "cannot tell (one seed)"
    primary = dict(seeds_only, primary=True, p_holm=0.2, images=(0.002, 0.03))
    assert g.verdict(primary) == "higher"                                 # its interval, not a corrected p
    assert g.verdict(dict(primary, paired=(-0.001, 0.02))) == "cannot tell (seeds)"
