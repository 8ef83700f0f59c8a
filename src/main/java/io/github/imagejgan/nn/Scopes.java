package io.github.imagejgan.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;

/**
 * Frees a network's intermediate arrays as soon as a pass no longer needs them. DJL attaches every result to its
 * input's manager and frees it only when that manager closes, so a plain forward pass holds every activation of the
 * whole network at once: on a large tile that is several times the memory the pass needs, and all of it fresh memory
 * that the system must hand over page by page. Closing an array only drops this pass's reference; autograd keeps
 * what backward needs.
 */
final class Scopes {

    private Scopes() {
    }

    /** Runs {@code block} on {@code x}; only its output outlives the call (on {@code x}'s manager). */
    static NDArray forward(Block block, ParameterStore store, NDArray x, boolean training) {
        NDManager owner = x.getManager();
        try (NDManager scope = owner.newSubManager()) {
            x.tempAttach(scope);
            NDArray out = block.forward(store, new NDList(x), training).singletonOrThrow();
            out.attach(owner);
            return out;
        }
    }

    /** Returns {@code next}, closing {@code previous} unless it is the pass's own input (the caller's array). */
    static NDArray replace(NDArray previous, NDArray input, NDArray next) {
        if (previous != input && previous != next) {
            previous.close();
        }
        return next;
    }
}
