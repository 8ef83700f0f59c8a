package io.github.imagejgan.train;

import java.util.LinkedHashMap;
import java.util.Map;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import io.github.imagejgan.nn.AdamOptimizer;
import io.github.imagejgan.nn.NetworkSpec;

/**
 * One network in training: its block, the parameters it learns, and its own optimizer. It can be frozen while the
 * other network of a GAN learns through it, so that gradients never leak from one model into the other.
 */
public final class TrainableNetwork {

    private final String name;
    private final NetworkSpec spec;
    private final Block block;
    private final Map<String, Parameter> trainable = new LinkedHashMap<>();
    private final AdamOptimizer optimizer;
    private final ParameterStore store;

    /**
     * @param name    prefix of the parameter names in checkpoints, e.g. "G" or "D_A"
     * @param manager holds parameters and optimizer state
     */
    TrainableNetwork(String name, NetworkSpec spec, Block block, NDManager manager, float beta1, float beta2) {
        this.name = name;
        this.spec = spec;
        this.block = block;
        trainable.putAll(AdamOptimizer.learnedParameters(block, name + "/"));
        this.optimizer = new AdamOptimizer(manager, trainable, beta1, beta2);
        this.store = new ParameterStore(manager, false);
    }

    public String name() {
        return name;
    }

    public NetworkSpec spec() {
        return spec;
    }

    public Block block() {
        return block;
    }

    /** The parameters it learns, by their names in checkpoints. */
    Map<String, Parameter> trainable() {
        return trainable;
    }

    AdamOptimizer optimizer() {
        return optimizer;
    }

    /** Runs the network; {@code training} enables training-time behaviour (e.g. spectral-norm power iteration). */
    public NDArray forward(NDArray input, boolean training) {
        return block.forward(store, new NDList(input), training).singletonOrThrow();
    }

    /** Runs a network that returns several arrays (a multi-scale discriminator's features and scores). */
    public NDList forwardAll(NDArray input, boolean training) {
        return block.forward(store, new NDList(input), training);
    }

    /** Stops or restarts gradient recording for the learned parameters. */
    void freeze(boolean frozen) {
        for (Parameter p : trainable.values()) {
            p.freeze(frozen);
        }
    }

    void update(float learningRate, NDManager stepManager) {
        optimizer.update(learningRate, stepManager);
    }
}
