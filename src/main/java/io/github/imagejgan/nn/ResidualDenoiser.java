package io.github.imagejgan.nn;

import java.util.List;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;

import io.github.imagejgan.task.UserException;

/**
 * A DnCNN-style denoiser: a stack of 3x3 convolutions that predicts the noise, subtracted from (added to) the input
 * through a skip connection. Small, fully convolutional, and with a receptive field that is easy to state, which
 * makes it the tiling reference and the quick demo network.
 */
public final class ResidualDenoiser {

    private ResidualDenoiser() {
    }

    /**
     * @param channels image channels in and out
     * @param features feature maps per hidden layer
     * @param depth    number of 3x3 convolutions (at least 2)
     */
    public static Block build(int channels, int features, int depth) {
        if (depth < 2 || features < 1 || channels < 1) {
            throw new UserException("Need depth >= 2 and positive channels/features");
        }
        SequentialBlock body = new SequentialBlock();
        for (int i = 0; i < depth - 1; i++) {
            body.add(conv(features)).add(Activation::relu);
        }
        body.add(conv(channels));
        return new ParallelBlock(
                outputs -> new NDList(outputs.get(0).singletonOrThrow().add(outputs.get(1).singletonOrThrow())),
                List.of(Blocks.identityBlock(), body));
    }

    /** Receptive-field radius in pixels of a denoiser of the given depth: one pixel per 3x3 convolution. */
    public static int receptiveFieldRadius(int depth) {
        return depth;
    }

    private static Conv2d conv(int filters) {
        return new NarrowConvolutions.Conv2d(Conv2d.builder().setKernelShape(new Shape(3, 3))
                .optPadding(new Shape(1, 1)).setFilters(filters));
    }
}
