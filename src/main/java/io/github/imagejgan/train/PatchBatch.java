package io.github.imagejgan.train;

import ai.djl.ndarray.types.Shape;

import io.github.imagejgan.task.UserException;

/**
 * A batch of training patches as plain arrays (NCHW), built on loader threads and turned into tensors on the
 * training thread. For paired data {@code input} is what the generator sees and {@code target} what it should
 * produce; for unpaired data they are samples of domain A and domain B.
 */
public record PatchBatch(float[] input, Shape inputShape, float[] target, Shape targetShape) {

    public PatchBatch {
        if (input.length != inputShape.size() || target.length != targetShape.size()) {
            throw new UserException("Batch arrays do not match their shapes " + inputShape + ", "
                    + targetShape);
        }
    }
}
