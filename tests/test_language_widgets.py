"""The widgets in Korean: labels, captions, status and text blocks, and errors come from widgets.po.

Each check builds real control sets (no mocks) with ``set_language("ko")``, reads what a learner sees, and
checks that it is the Korean sentence (Hangul, parameter names and values kept) and that no message was asked
for without a translation; the same call in English gives the English text. Removing a ``tr()`` wrap makes the
Korean assertion fail.
"""

import re
import sys
from pathlib import Path

import ipywidgets
import numpy as np
import pytest

from augcourse import language
from augcourse.augment.options import NEUTRAL
from augcourse.widgets import lesson_controls, playground
from augcourse.widgets.controls import float_slider, started
from augcourse.widgets.display import static_png, text_style
from augcourse.widgets.draws import describe
from augcourse.widgets.keras_layers import fit_factor_slider
from augcourse.language import shown_width
from augcourse.widgets.normalization import channel_line
from augcourse.widgets.sources import ImageChoice

ROOT = Path(__file__).resolve().parents[1]


def widgets_messages():
    """Every message the widgets' modules pass to tr() or N_() (as tools/i18n.py extracts them)."""
    sys.path.insert(0, str(ROOT / "tools"))
    import i18n

    return {m.id for m in i18n.library_template("widgets") if m.id}


def no_missing_widget_messages():
    """Nothing the widgets asked for lacked a Korean translation (messages of other parts, such as the
    argument checks' sentence, are checked by their own parts' tests)."""
    assert not language.missing & widgets_messages(), language.missing & widgets_messages()


def test_controls_labels_title_repr_and_start_value_error(korean):
    shift = lesson_controls("shift", width_shift_range=0.3, seed=7, debounce=0)      # controls, lessons, draws
    assert shift.widgets["n"].description == "이미지 수"
    assert shift.show_params.description == "뽑힌 매개변수 보기"
    assert shift.title() == "shift 컨트롤"
    assert repr(shift).endswith("(JupyterLab에서 조작할 수 있습니다)>") and "width_shift_range=0.3" in repr(shift)
    assert "시드 7" in shift.last_frame.text
    assert shift.widgets["width_shift_range"].description == "width_shift_range"      # a parameter name stays
    with pytest.raises(ValueError) as error:
        started(float_slider("width_shift_range", 0.2, 0.0, 0.5, 0.01), "width_shift_range", 5.0)
    assert "슬라이더 범위인 0~0.5 사이의 시작 값" in str(error.value) and "width_shift_range" in str(error.value)
    with pytest.raises(ValueError, match="컨트롤 이름 .*'seed' 중 하나"):
        lesson_controls("shift", rotation_range=10, debounce=0)
    no_missing_widget_messages()


def test_status_line_and_caption_in_korean(korean):
    def broken(images, spec, seed):
        raise RuntimeError("boom")

    controls = lesson_controls("flip", draw=broken, debounce=0)
    assert "그릴 수 없습니다: RuntimeError: boom" in controls.status.value
    off = lesson_controls("flip", horizontal_flip=False, debounce=0)
    assert "모든 옵션 꺼짐" in off.caption()
    assert describe([dict(NEUTRAL)], 0) == "#0: 변화 없음"
    assert static_png(off.last_frame.images, off.last_frame.titles, off.caption())[:4] == b"\x89PNG"
    no_missing_widget_messages()


def test_image_choice_and_cifar_lessons(korean):
    choice = ImageChoice(np.zeros((8, 8, 3), np.uint8), upload=True)                 # sources
    labels = [label for label, _ in choice.widgets["image"].options]
    assert labels == ["샘플 사진", "CIFAR 이미지", "내 이미지", "올린 파일"]
    assert choice.widgets["image"].value == "user"                                    # values stay English
    assert choice.widgets["cifar_index"].description == "CIFAR 인덱스"
    with pytest.raises(ValueError, match="아직 올린 이미지가 없습니다"):
        choice.source({"image": "upload"})
    with pytest.raises(ValueError, match="0부터 4659까지의 CIFAR 부분 집합 인덱스") as error:
        ImageChoice(99999)
    assert "99999" in str(error.value)
    with pytest.raises(ValueError, match="이 레슨은 항상 CIFAR 학습 이미지를 보여 줍니다"):
        lesson_controls("zca", image="photo", debounce=0)

    norm = lesson_controls("normalization", rescale=255.0, debounce=0)               # normalization
    text = norm.last_frame.text.splitlines()
    assert text[0].startswith("채널별 (R, G, B)") and text[2].startswith("학습 4660장 전체")
    assert "(검은색~흰색으로 늘여서 표시)" in text[3]
    assert "평균" in norm.last_frame.titles[0]
    assert norm.widgets["rescale"].value == "255 (the notes)"
    assert ("255 (노트)", "255 (the notes)") in norm.widgets["rescale"].options
    assert [shown_width(row[:row.index("(", 3)]) for row in text[1:3]] == [19, 19]      # columns line up
    line = channel_line("이 이미지들", np.ones((1, 2, 2, 3)))
    assert shown_width(line[:line.index("(")]) == 19

    zca = lesson_controls("zca", n_fit=100, debounce=0)                              # zca
    assert zca.widgets["n_fit"].description == "fit 이미지 수"
    assert zca.last_frame.titles[-1].endswith("화이트닝")
    assert zca.last_frame.text.startswith("이미지 100장으로 fit") and "방향별 이득" in zca.last_frame.text
    no_missing_widget_messages()


def test_keras_layer_lessons_and_playground(korean):
    crop = lesson_controls("crop", debounce=0)                                        # keras_layers
    assert crop.widgets["crop_fraction"].description == "자를 변 (비율)"
    assert crop.title() == "crop 컨트롤 (Keras 3 층)"
    assert "같은 설정을 Keras 3으로 쓰면:" in crop.last_frame.text and "keras.layers.RandomCrop" in crop.last_frame.text
    slider = ipywidgets.FloatSlider()
    fit_factor_slider(slider, "RandomRotation")
    assert slider.description == "factor (한 바퀴 단위)"
    fit_factor_slider(slider, "RandomFlip")
    assert slider.description == "factor: 없음"

    pg = playground(debounce=0)                                                       # playground_controls
    assert pg.code_button.description == "코드 보기" and pg.upload.description == "이미지 올리기"
    tabs = next(child for child in pg.widget.children if isinstance(child, ipywidgets.Tab))
    assert [tabs.get_title(i) for i in range(4)] == ["기하", "픽셀 값", "확률", "이미지"]
    assert pg.widgets["use_brightness"].description == "brightness_range 켜기"
    assert "샘플 사진, 시드 0, Augment(" in pg.last_frame.text
    pg._uploaded({"new": [{"name": "notes.txt", "content": b"not an image"}]})
    assert "올린 파일 'notes.txt'" in pg.upload_message.value
    assert text_style("#0: rotate 12°") == {}                                          # display
    assert text_style("#0: 변화 없음")["fontfamily"][-1] == "NanumGothic"
    no_missing_widget_messages()


def test_english_is_unchanged(english):
    shift = lesson_controls("shift", width_shift_range=0.3, seed=7, debounce=0)
    assert shift.widgets["n"].description == "n images"
    assert repr(shift).endswith(" (interactive in JupyterLab)>")
    assert shift.last_frame.text.startswith("sample photo, seed 7\n")
    with pytest.raises(ValueError, match=re.escape("a start value from 0 to 0.5 (the slider's range); got 5.0.")):
        started(float_slider("width_shift_range", 0.2, 0.0, 0.5, 0.01), "width_shift_range", 5.0)
    norm = lesson_controls("normalization", rescale=255.0, debounce=0)
    assert norm.last_frame.text.splitlines()[0] == "per-channel (R, G, B)        mean                     std"
    assert norm.last_frame.text.splitlines()[2].startswith("all 4660 train     (")
    assert ("255 (the notes)", "255 (the notes)") in norm.widgets["rescale"].options
    pg = playground(debounce=0)
    assert pg.code_button.description == "show the code"
    assert ImageChoice().widgets["image"].options == (("sample photo", "photo"), ("CIFAR image", "cifar"))
    slider = ipywidgets.FloatSlider()
    fit_factor_slider(slider, "RandomFlip")
    assert slider.description == "factor: none"


def test_korean_titles_are_drawn_as_letters_not_boxes():
    """The bundled NanumGothic draws Hangul: no "Glyph missing" warning, and two different Korean titles give two
    different pictures (with no Hangul font both would be the same row of boxes)."""
    import warnings

    image = [np.zeros((32, 32, 3), np.uint8)]
    with warnings.catch_warnings():
        warnings.simplefilter("error")                 # a missing glyph warns: here it would fail the test
        first, second = (static_png(image, [title], "") for title in ("가", "흑"))
    assert first != second
