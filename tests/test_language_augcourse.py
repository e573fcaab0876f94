"""The top-level modules' messages (argument checks, paths, images, data sets, folders, plots) in Korean.

Each case is a real call that fails (or warns, or prints) with one of the messages of ``augcourse/*.py``; in
Korean it must hold Hangul, keep the parameter's name and the value received, and come from the catalogue
(``augcourse.language.missing`` gains nothing); in English it is the sentence the other tests compare.
"""

import io
import re
import warnings

import numpy as np
import pytest

from augcourse._checks import check_choice, check_image_shape, check_images, check_int, check_number, check_seed
from augcourse.course_files import course_path
from augcourse.datasets import CIFAR10Unavailable, _fetch_reason, _load_subset
from augcourse.folders import image_files, read_image_files, write_image_folder
from augcourse.images import load_image, tones_to_uint8
from augcourse.paths import check_file_source, check_path
from augcourse.plot import show_grid

HANGUL = re.compile(r"[\uac00-\ud7a3]")


def _message(call):
    """The text of what ``call`` raises (or, when it raises nothing, warns)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            call()
        except Exception as error:      # noqa: BLE001 - the message is the point
            return str(error)
    assert caught, "neither an error nor a warning"
    return str(caught[-1].message)


def _two_frame_gif():
    from PIL import Image

    buffer = io.BytesIO()
    frames = [Image.new("RGB", (4, 4), colour) for colour in ("red", "blue")]
    frames[0].save(buffer, format="gif", save_all=True, append_images=frames[1:])
    return buffer.getvalue()


def _folder_with_a_stray(tmp_path):
    folder = write_image_folder(tmp_path / "data", np.zeros((2, 4, 4, 3), np.uint8), [0, 0], ["cat"])
    (folder / "cat" / "notes.txt").write_text("hello")
    return folder


# (call, Korean fragments, English message or a regex for it)
CASES = {
    "check_number": (lambda tmp: check_number("cval", "x"), ["cval: 숫자이어야 합니다. 받은 값: 'x'."],
                     "cval must be a number; got 'x'."),
    "check_number bounds": (lambda tmp: check_number("rate", 2.0, low=0, high=1),
                            ["rate: >= 0이고 <= 1인 유한한 수이어야 합니다. 받은 값: 2.0."],
                            "rate must be a finite number >= 0 and <= 1; got 2.0."),
    "check_choice": (lambda tmp: check_choice("fill_mode", "nearst", ("nearest", "wrap")),
                     ["fill_mode: 'nearest', 'wrap' 중 하나이어야", "'nearst'"],
                     "fill_mode must be one of 'nearest', 'wrap'; got 'nearst'."),
    "check_int": (lambda tmp: check_int("n_images", 0, low=1), ["n_images: 1 이상의 정수"],
                  "n_images must be an integer >= 1; got 0."),
    "check_seed": (lambda tmp: check_seed("seed", -1), ["seed: None, 0부터 2**63 - 1까지의 정수", "-1"],
                   "seed must be None, an integer from 0 to 2**63 - 1, or a list of such integers; got -1."),
    "check_image_shape": (lambda tmp: check_image_shape("x", (2, 8, 8)), ["x(shape (2, 8, 8))", "랭크 3", "랭크 4"],
                          "x (shape (2, 8, 8)) must be an array of rank 4 (N, H, W, C); got 'rank 3'."),
    "check_image_shape channels": (lambda tmp: check_image_shape("x", (2, 8, 8, 2), channels=(1, 3, 4)),
                                   ["채널 2개", "1, 3 또는 4"],
                                   "x (shape (2, 8, 8, 2)) must be channels-last images with 1, 3 or 4 channels; "
                                   "got '2 channels'."),
    "check_images": (lambda tmp: check_images("images", np.full((1, 2, 2, 3), np.nan)),
                     ["NaN 또는 무한대 픽셀 값 12개", "np.nan_to_num(images)"],
                     "images (shape (1, 2, 2, 3)) must be finite pixel values (replace them first, e.g. "
                     "np.nan_to_num(images)); got '12 NaN or infinite pixel values'."),
    "check_path web": (lambda tmp: check_path("image", "https://example.com/cat.png"),
                       ["image: 이 컴퓨터에 있는 파일의 경로이어야", "'https://example.com/cat.png'",
                        "keras.utils.get_file(origin=url)"],
                       "image must be a path to a file on this computer; got the web address "
                       "'https://example.com/cat.png' (download it first, e.g. path = keras.utils.get_file(origin=url))."),
    "check_path missing": (lambda tmp: check_path("directory", tmp / "nowhere", kind="folder", caller="f"),
                           ["f: path=", "(directory)에 폴더가 없습니다", "'nowhere'"],
                           re.compile(r"^f: no folder at path='.*nowhere' \(directory\); the folder '.*' exists but "
                                      r"has no 'nowhere'\.$")),
    "check_file_source text mode": (lambda tmp: check_file_source("source", io.StringIO("x"), caller="load_image"),
                                    ["load_image: 파일 객체: 텍스트 모드로 열려 있습니다", "open(path, 'rb')"],
                                    "load_image: the file object is open in text mode; open it in binary mode: "
                                    "open(path, 'rb')."),
    "load_image damaged": (lambda tmp: load_image(b"GIF89a and then nothing", name="cat.gif"),
                           ["load_image: cat.gif: 잘렸거나 손상된 파일입니다(cannot identify image file)", ".png"],
                           "load_image: cat.gif is truncated or damaged (cannot identify image file); try saving it "
                           "again as .png or .jpg."),
    "load_image frames": (lambda tmp: load_image(_two_frame_gif(), name="anim.gif"),
                          ["load_image: anim.gif: 프레임이 2개 있습니다. 첫 프레임을 사용합니다."],
                          "load_image: anim.gif has 2 frames; the first is used."),
    "load_image max_side": (lambda tmp: load_image(b"x", size=(2, 2), max_side=4),
                            ["max_side: size를 줄 때는 None", "받은 값: 4"],
                            "max_side must be None when size is given (size sets both sides); got 4."),
    "tones_to_uint8": (lambda tmp: tones_to_uint8(np.array([0.5, np.nan])),
                       ["image: 유한한 톤의 배열", "NaN 또는 무한대 값이 1개 있는 배열"],
                       "image must be an array of finite tones (replace them first, e.g. np.nan_to_num(image)); "
                       "got 'an array with 1 NaN or infinite value(s)'."),
    "datasets subset": (lambda tmp: _load_subset(tmp / "c.npz"), ["CIFAR-10 부분 집합 파일", "c.npz"],
                        re.compile(r"^The CIFAR-10 subset file '.*c\.npz' does not exist\.$")),
    "datasets unavailable": (lambda tmp: (_ for _ in ()).throw(CIFAR10Unavailable(
                                 "https://x/c.tar.gz", _fetch_reason("URL fetch failure on x: 404 -- Not Found"),
                                 "/k/a")),
                             ["https://x/c.tar.gz", "서버 응답: HTTP 404 Not Found", "/k/a", "load_cifar10('subset')"],
                             "Could not download the full CIFAR-10 (170 MB) from https://x/c.tar.gz: the server "
                             "answered HTTP 404 Not Found. Use load_cifar10('subset') for the bundled "
                             "4,660/846-image subset, or copy cifar-10-python.tar.gz to /k/a and try again."),
    "folders paths": (lambda tmp: read_image_files([], size=(4, 4)), ["paths: 이미지 파일 하나 이상", "[]"],
                      "paths must be at least one image file; got []."),
    "folders stray": (lambda tmp: image_files(_folder_with_a_stray(tmp)), ["다른 파일 1개", "cat/notes.txt"],
                      re.compile(r"^directory must be class folders holding only images \(\.png, .*\); 1 other "
                                 r"file\(s\): cat/notes\.txt; got '.*data'\.$")),
    "course_path": (lambda tmp: course_path("no/such.json", start=tmp),
                    ["course_path: ", "'no/such.json'", "레슨을 실행하세요"],
                    re.compile(r"^course_path: no 'no/such\.json' in '.*' or any folder above it; run the lesson "
                               r"from the course's repository \(a clone, or Binder\)$")),
    "plot": (lambda tmp: show_grid([np.zeros((4, 4, 3), np.uint8)], titles=["a", "b"]),
             ["titles: None 또는 이미지마다 하나씩 제목 1개", "['a', 'b']"],
             "titles must be None or 1 titles, one per image; got ['a', 'b']."),
}


@pytest.mark.parametrize("case", CASES)
def test_messages_are_korean_from_the_catalogue(case, korean, tmp_path):
    call, fragments, _ = CASES[case]
    text = _message(lambda: call(tmp_path))
    assert HANGUL.search(text), text
    for fragment in fragments:
        assert fragment in text, (fragment, text)


@pytest.mark.parametrize("case", CASES)
def test_messages_stay_english_in_english(case, english, tmp_path):
    call, _, expected = CASES[case]
    text = _message(lambda: call(tmp_path))
    assert not HANGUL.search(text), text
    if isinstance(expected, str):
        assert text == expected
    else:
        assert expected.match(text), text


def test_the_fallback_line_of_load_cifar10_is_korean(korean, tmp_path, capsys):
    from augcourse.datasets import load_cifar10_with_source

    used, _ = load_cifar10_with_source("auto", origin=(tmp_path / "none.tar.gz").as_uri(),
                                       cache_dir=tmp_path / "keras")
    out = capsys.readouterr().out
    assert used == "subset" and "전체 CIFAR-10을 쓸 수 없어(그런 파일이 없습니다)" in out, out
