package io.github.imagejgan.nn;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.Pair;

/** Building, initializing and describing networks from their {@link NetworkSpec}. */
public final class Networks {

    private Networks() {
    }

    /**
     * Builds the network and gives it fresh weights in {@code manager}: N(0, 0.02) as in pix2pix and DCGAN, which
     * also makes every residual generator start close to its skip connection (identity for restoration, nearest
     * upsampling for super-resolution) instead of adding large random outputs. Call {@code Engine.setRandomSeed}
     * first for reproducible weights.
     */
    public static Block create(NetworkSpec spec, NDManager manager) {
        Block block = spec.build();
        block.setInitializer(new NormalInitializer(0.02f), Parameter.Type.WEIGHT);
        block.initialize(manager, DataType.FLOAT32, initShape(spec));
        return block;
    }

    /** A small input shape valid for the network, used to size its parameters. */
    public static Shape initShape(NetworkSpec spec) {
        int side = Math.max(64, 2 * spec.divisor());
        return new Shape(1, spec.inputChannels(), side, side);
    }

    /** Number of trainable and fixed values in the network's parameters. */
    public static long parameterCount(Block block) {
        long count = 0;
        for (Pair<String, Parameter> p : block.getParameters()) {
            count += p.getValue().getShape().size();
        }
        return count;
    }
}
