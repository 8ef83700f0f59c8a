package io.github.imagejgan.image;

/** Pixel type of a result image. */
public enum OutputType {
    /** 32-bit float: keeps everything the network produced, including values outside the input's range. */
    FLOAT32,
    /** The input's type; values are clamped to its range and rounded for integer types. */
    SAME_AS_INPUT
}
