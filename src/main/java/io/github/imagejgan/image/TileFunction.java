package io.github.imagejgan.image;

import ai.djl.ndarray.NDArray;

/**
 * What runs on each batch of tiles: usually a network's forward pass.
 */
@FunctionalInterface
public interface TileFunction {

    /**
     * Maps a batch {@code [N, Cin, H, W]} to {@code [N, Cout, scale*H, scale*W]}. Arrays created here should stay in
     * the input's manager, which the caller closes after each batch.
     */
    NDArray apply(NDArray batch);
}
