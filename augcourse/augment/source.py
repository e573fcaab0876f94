"""Settings as short Python source: the literals and shift fractions every code writer prints.

Example:
    >>> python_literal((0.1, 1 / 255)), python_literal({"rotation": 0.5})
    ('(0.1, 1 / 255)', "{'rotation': 0.5}")
"""

from augcourse.language import tr


def python_literal(value):
    """Short Python source for a setting: 0.1 not 0.1000000001, tuples, lists and dicts inside."""
    if isinstance(value, float):
        short = f"{value:g}"
        if float(short) == value:
            return short
        inverse = round(1 / value) if abs(value) >= 1e-300 else 0     # 1 / a subnormal overflows to inf
        return f"1 / {inverse}" if inverse and 1 / inverse == value else repr(value)
    if isinstance(value, (tuple, list)):
        inner = ", ".join(python_literal(v) for v in value)
        return f"({inner})" if isinstance(value, tuple) else f"[{inner}]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k!r}: {python_literal(v)}" for k, v in value.items()) + "}"
    return repr(value)


def pair(value):
    """``(-value, value)`` as source, rounded to 6 digits.

    Example:
        >>> pair(20.0)
        '(-20, 20)'
    """
    return python_literal((round(-value, 6), round(value, 6)))


def shift_fraction(value, image_shape, axis, notes):
    """A core shift setting as the fraction of image side ``axis`` (0 height, 1 width) that Keras and
    Albumentations take: a number, or for pixels without ``image_shape`` the text "5 / height" (and a note).

    Example:
        >>> shift_fraction(0.1, None, 0, []), shift_fraction(8, (32, 64, 3), 1, []), shift_fraction(5, None, 0, [])
        (0.1, 0.125, '5 / height')
    """
    if not value or value < 1:
        return value or 0
    side = "height" if axis == 0 else "width"
    if image_shape is None:
        notes.append(tr("a shift of {value} pixels needs the image size to become a fraction: {value} / {side}",
                        value=value, side=side))
        return f"{value} / {side}"
    return round(value / image_shape[axis], 6)
