"""The study's CNN in the notes' style: Conv-BN-ReLU blocks, max pooling, dropout, a dense head.

Input (N, 32, 32, 3) float images in 0–1, output (N, 10) class probabilities (softmax); compiled with
Adam and categorical cross-entropy, seeded so that a run is bit-reproducible on one machine.

Example:
    >>> model = build_model(seed=0)
    >>> model.input_shape, model.output_shape, model.count_params()
    ((None, 32, 32, 3), (None, 10), 621034)
"""

from augcourse._checks import check_int, check_number
from augcourse.study.configs import SEED


def build_model(input_shape=(32, 32, 3), n_classes=10, *, seed=SEED, filters=(32, 64, 128),
                dropout=0.0, head_dropout=0.3, dense_units=256, bn_momentum=0.9, learning_rate=1e-3,
                augment_layer=None):
    """The study's CNN, compiled: blocks of Conv-BN-ReLU + MaxPool + Dropout, then Dense-Dropout-Dense.

    Calls ``keras.utils.set_random_seed(seed)`` first, so the same seed gives the same initial weights
    and the same dropout masks. ``augment_layer`` (a Keras layer such as ``Augment.to_layer()``) becomes
    the first layer; it should also rescale to 0–1 (the other pipelines feed 0–1 images).

    Example:
        >>> model = build_model(seed=0, filters=(8,), dense_units=16)
        >>> [type(layer).__name__ for layer in model.layers][1:6]
        ['Conv2D', 'BatchNormalization', 'Activation', 'MaxPooling2D', 'Dropout']
        >>> model.output_shape
        (None, 10)
    """
    from augcourse._tf import keras

    check_int("seed", seed, low=0)
    check_int("n_classes", n_classes, low=2)
    check_number("dropout", dropout, low=0, high=1, high_inclusive=False)
    check_number("head_dropout", head_dropout, low=0, high=1, high_inclusive=False)
    keras.utils.set_random_seed(seed)
    layers = keras.layers
    inputs = keras.Input(shape=input_shape)
    x = inputs
    if augment_layer is not None:
        x = augment_layer(x)
    for n_filters in filters:
        x = layers.Conv2D(n_filters, 3, padding="same", use_bias=False)(x)
        x = layers.BatchNormalization(momentum=bn_momentum)(x)
        x = layers.Activation("relu")(x)
        x = layers.MaxPooling2D(2)(x)
        x = layers.Dropout(dropout)(x)
    x = layers.Flatten()(x)
    x = layers.Dense(dense_units, activation="relu")(x)
    x = layers.Dropout(head_dropout)(x)
    outputs = layers.Dense(n_classes, activation="softmax")(x)
    model = keras.Model(inputs, outputs, name="study_cnn")
    model.compile(optimizer=keras.optimizers.Adam(learning_rate),
                  loss="categorical_crossentropy", metrics=["accuracy"])
    return model
