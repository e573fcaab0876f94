"""What the README says a machine needs comes from the measured files: the lessons' times
(notebooks/lesson_times.json), their kernels' memory (benchmarks/results/lesson_memory.txt) and the Python
the outputs were made with (the notebooks' language_info)."""

import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text()
MIB = {"MiB": 1, "GiB": 1024}


def _memory():
    """{lesson stem: peak MiB} from the committed measurement."""
    rows = (line.split() for line in (ROOT / "benchmarks/results/lesson_memory.txt").read_text().splitlines()
            if line and not line.startswith("#"))
    return {row[0]: float(row[1]) for row in rows}


def _lessons(spec):
    """"00–09, 13–15, 19" as the set of two-digit numbers."""
    numbers = set()
    for part in " ".join(spec.split()).split(", "):
        low, _, high = part.partition("–")
        numbers |= {f"{n:02d}" for n in range(int(low), int(high or low) + 1)}
    return numbers


def test_every_memory_range_in_the_readme_holds_its_lessons_measured_peaks():
    memory = _memory()
    assert len(memory) == len(list((ROOT / "notebooks").glob("*.ipynb")))
    ranges = re.findall(r"(\d+(?:\.\d+)?) ?(MiB|GiB)?–(\d+(?:\.\d+)?) (MiB|GiB) for [^(]*\(([\d–,\s]+)\)", README)
    assert len(ranges) == 3, ranges
    covered = set()
    for low, low_unit, high, high_unit, spec in ranges:
        low_mib, high_mib = float(low) * MIB[low_unit or high_unit], float(high) * MIB[high_unit]
        lessons = _lessons(spec)
        covered |= lessons
        peaks = [mib for stem, mib in memory.items() if stem[:2] in lessons]
        # Each range is the measured one, rounded outwards by at most 3 %.
        assert peaks and 0.97 * min(peaks) <= low_mib <= min(peaks), (spec, low_mib, min(peaks))
        assert max(peaks) <= high_mib * 1.01 and high_mib <= 1.03 * max(peaks), (spec, high_mib, max(peaks))
    assert covered == {stem[:2] for stem in memory}, "every lesson belongs to one memory range"


def test_the_readme_s_lesson_time_claim_holds_for_every_lesson():
    seconds = json.loads((ROOT / "notebooks/lesson_times.json").read_text())["seconds"]
    assert "runs top to bottom in under a\n  minute" in README
    assert max(seconds.values()) < 60, max(seconds.items(), key=lambda item: item[1])


def test_the_python_the_readme_names_is_the_one_the_notebooks_were_made_with():
    versions = {json.loads(path.read_text())["metadata"]["language_info"]["version"]
                for path in (ROOT / "notebooks").glob("*.ipynb")}
    named = re.search(r"the one the outputs were made with \((3\.\d+\.\d+)\)", README)
    assert named and versions == {named.group(1)}
