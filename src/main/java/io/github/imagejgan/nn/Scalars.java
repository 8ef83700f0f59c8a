package io.github.imagejgan.nn;

import ai.djl.ndarray.NDArray;

/**
 * Multiplication by a constant that autograd can differentiate safely.
 *
 * <p>NB: {@code NDArray.mul(Number)} wraps the constant in a tensor over Java memory and closes it at once, while
 * the autograd graph still refers to it for the backward pass; a garbage collection in between frees that memory and
 * the gradient comes out as zero, denormal or infinite. Here the constant is created in the array's own manager, so
 * it lives as long as the step that uses it.
 */
public final class Scalars {

    private Scalars() {
    }

    /** {@code x * factor}, with the factor kept alive until {@code x}'s manager closes. */
    public static NDArray times(NDArray x, double factor) {
        NDArray constant = x.getManager().create((float) factor).toType(x.getDataType(), false);
        return x.mul(constant);
    }
}
