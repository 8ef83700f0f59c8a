package io.github.imagejgan.image;

/** The axes an image may have; {@link HyperImage} presents every image in the order X, Y, C, Z, T. */
public enum Axis {
    X, Y, C, Z, T
}
