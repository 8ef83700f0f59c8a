package io.github.imagejgan.image;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;

/** Tiny seeded convolutional networks with a known receptive field, for tiling tests. */
final class SmallNetworks {

    private SmallNetworks() {
    }

    /** Two 3x3 convolutions (receptive-field radius 2), zero padded, producing {@code out * scale^2} channels. */
    static Block twoConvs(NDManager manager, int in, int out, int scale, int seed) {
        Engine.getEngine("PyTorch").setRandomSeed(seed);
        SequentialBlock block = new SequentialBlock()
                .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(8)
                        .build())
                .add(Activation::relu)
                .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1))
                        .setFilters(out * scale * scale).build());
        block.initialize(manager, DataType.FLOAT32, new Shape(1, in, 16, 16));
        return block;
    }

    /** Runs the block and rearranges {@code C*s*s} channels into a grid {@code s} times finer (pixel shuffle). */
    static TileFunction asFunction(Block block, int scale) {
        return batch -> {
            NDArray y = block.forward(new ParameterStore(batch.getManager(), false), new NDList(batch), false)
                    .singletonOrThrow();
            if (scale == 1) {
                return y;
            }
            Shape s = y.getShape();
            long n = s.get(0);
            long c = s.get(1) / (scale * scale);
            long h = s.get(2);
            long w = s.get(3);
            return y.reshape(n, c, scale, scale, h, w).transpose(0, 1, 4, 2, 5, 3).reshape(n, c, h * scale,
                    w * scale);
        };
    }
}
