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
 * A gated convolution (Yu et al. 2019, DeepFill v2): features times a learned soft gate, so that the network can
 * learn per pixel and per channel how much to trust what it sees; for inpainting this lets it ignore the hole's
 * placeholder values instead of smearing them, without the hand-made mask update of partial convolutions.
 */
public final class GatedConv2d extends AbstractBlock {

    private final int filters;
    private final Conv2d both;

    public GatedConv2d(int filters, int kernel) {
        this.filters = filters;
        // One convolution computes features and gates together; cheaper than two.
        this.both = addChildBlock("conv", Layers.conv(2 * filters, kernel, 1, kernel / 2));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        both.initialize(manager, dataType, inputShapes);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = both.getOutputShapes(inputShapes)[0];
        return new Shape[] { new Shape(s.get(0), filters, s.get(2), s.get(3)) };
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDList halves = both.forward(store, inputs, training).singletonOrThrow().split(2, 1);
        NDArray features = Activation.leakyRelu(halves.get(0), Layers.LEAK);
        return new NDList(features.mul(Activation.sigmoid(halves.get(1))));
    }
}
