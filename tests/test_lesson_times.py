"""The README's lesson map gives every lesson the time it took to run, as the regeneration recorded it."""

import json
import re
from pathlib import Path

from tools.regen_outputs import minutes, readme_with_times, record_time

ROOT = Path(__file__).resolve().parents[1]
ROW = re.compile(r"^\| (\d\d) \| \[[^\]]*\]\(notebooks/(\d\d_\w+)\.ipynb\) \|.*\| ([^|]*) \|$", re.M)


def test_every_lesson_in_the_readme_map_has_its_recorded_time():
    readme = (ROOT / "README.md").read_text()
    seconds = json.loads((ROOT / "notebooks" / "lesson_times.json").read_text())["seconds"]
    rows = {m.group(2): m.group(3).strip() for m in ROW.finditer(readme)}
    lessons = {p.stem for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")}
    assert set(rows) == lessons
    assert {stem: minutes(seconds[stem]) for stem in lessons} == rows


def test_the_tool_records_times_and_writes_them_into_the_map(tmp_path):
    times = tmp_path / "times.json"
    record_time("03_flip", 75.4, times)
    record_time("01_imagedatagenerator", 12, times)
    content = json.loads(times.read_text())
    assert content["seconds"] == {"01_imagedatagenerator": 12, "03_flip": 75} and "CPU cores" in content["machine"]
    table = ("| # | notebook | what | runs in |\n|---|---|---|---:|\n"
             "| 01 | [How](notebooks/01_imagedatagenerator.ipynb) | fit, flow | — |\n"
             "| 02 | [Flip](notebooks/03_flip.ipynb) | flips | 9 min |\n")
    assert readme_with_times(table, content["seconds"]).splitlines()[2:] == [
        "| 01 | [How](notebooks/01_imagedatagenerator.ipynb) | fit, flow | < 1 min |",
        "| 02 | [Flip](notebooks/03_flip.ipynb) | flips | 1 min |"]
