package io.github.imagejgan.image;

import java.util.List;

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

    /**
     * {@link #apply(NDArray)} told which part of each tile reaches the output: {@code kept.get(i)}, in the input
     * pixels of tile {@code i}. A function whose cost grows with the pixels it touches (a classical filter beside the
     * network) may leave the rest of each tile as it likes; the default ignores it.
     */
    default NDArray apply(NDArray batch, List<PlaneWindow> kept) {
        return apply(batch);
    }
}
