package io.github.imagejgan.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Spatially-adaptive normalization (SPADE, Park et al. 2019): features normalized without parameters, then scaled
 * and shifted per pixel by {@code γ} and {@code β} that convolutions compute from the label map at the features'
 * resolution, {@code out = norm(x)·(1+γ)+β}. The labels thus steer every layer instead of being washed out by the
 * normalization, as they are when they only enter at the network's input. Inputs: features, then the label map.
 */
final class Spade extends AbstractBlock {

    private final int channels;
    private final BatchStatisticsNorm norm;
    private final Conv2d shared;
    private final Conv2d gamma;
    private final Conv2d beta;

    /**
     * @param channels feature maps to modulate
     * @param hidden   feature maps of the shared convolution over the label map
     */
    Spade(int channels, int hidden) {
        this.channels = channels;
        norm = addChildBlock("norm", new BatchStatisticsNorm());
        shared = addChildBlock("shared", Layers.conv(hidden, 3, 1, 1));
        gamma = addChildBlock("gamma", Layers.conv(channels, 3, 1, 1));
        beta = addChildBlock("beta", Layers.conv(channels, 3, 1, 1));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        norm.initialize(manager, dataType, inputShapes[0]);
        shared.initialize(manager, dataType, inputShapes[1]);
        Shape hidden = shared.getOutputShapes(new Shape[] { inputShapes[1] })[0];
        gamma.initialize(manager, dataType, hidden);
        beta.initialize(manager, dataType, hidden);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        return new Shape[] { new Shape(s.get(0), channels, s.get(2), s.get(3)) };
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray normalized = norm.forward(store, new NDList(inputs.get(0)), training).singletonOrThrow();
        NDArray hidden = Activation.relu(shared.forward(store, new NDList(inputs.get(1)), training)
                .singletonOrThrow());
        NDArray g = gamma.forward(store, new NDList(hidden), training).singletonOrThrow();
        NDArray b = beta.forward(store, new NDList(hidden), training).singletonOrThrow();
        return new NDList(normalized.mul(g.add(1f)).add(b));
    }
}
