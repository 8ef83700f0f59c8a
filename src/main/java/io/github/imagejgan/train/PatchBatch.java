package io.github.imagejgan.train;

import ai.djl.ndarray.types.Shape;

import io.github.imagejgan.task.UserException;

/**
 * A batch of training patches as plain arrays (NCHW), built on loader threads and turned into tensors on the
 * training thread. For paired data {@code input} is what the generator sees and {@code target} what it should
 * produce; for unpaired data they are samples of domain A and domain B.
 *
 * @param lossWeights null, or per target value the weight of its reconstruction error: self-supervised batches mark
 *                    their blind spots with 1 and every other pixel with 0
 */
public record PatchBatch(float[] input, Shape inputShape, float[] target, Shape targetShape, float[] lossWeights) {

    public PatchBatch {
        if (input.length != inputShape.size() || target.length != targetShape.size()
                || lossWeights != null && lossWeights.length != target.length) {
            throw new UserException("Batch arrays do not match their shapes " + inputShape + ", "
                    + targetShape);
        }
    }

    /** A batch whose every target value counts the same. */
    public PatchBatch(float[] input, Shape inputShape, float[] target, Shape targetShape) {
        this(input, inputShape, target, targetShape, null);
    }
}
