package io.github.imagejgan.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.PairList;

/**
 * SPADE's residual block: two (SPADE, leaky ReLU, 3x3 convolution) units, with per-pixel noise added after the
 * first convolution, scaled by a learned weight per channel (as StyleGAN injects noise), so that one label map can
 * give many images. When the channels change, the shortcut is learned too (SPADE, then a 1x1 convolution).
 * Inputs: features, label map and noise plane, all at the block's resolution.
 */
final class SpadeResBlock extends AbstractBlock {

    /** Starting weight of the noise: large enough that an untrained network already varies with it. */
    private static final float NOISE_WEIGHT = 0.5f;

    private final int out;
    private final int middle;
    private final Spade firstNorm;
    private final Conv2d first;
    private final Parameter noiseWeight;
    private final Spade secondNorm;
    private final Conv2d second;
    private final Spade shortcutNorm;
    private final Conv2d shortcut;

    /**
     * @param in     feature maps in
     * @param out    feature maps out
     * @param hidden feature maps of the SPADE convolutions over the label map
     */
    SpadeResBlock(int in, int out, int hidden) {
        this.out = out;
        this.middle = Math.min(in, out);
        firstNorm = addChildBlock("spade0", new Spade(in, hidden));
        first = addChildBlock("conv0", Layers.conv(middle, 3, 1, 1));
        noiseWeight = addParameter(Parameter.builder().setName("noiseWeight").setType(Parameter.Type.OTHER)
                .optInitializer(new ConstantInitializer(NOISE_WEIGHT)).build());
        secondNorm = addChildBlock("spade1", new Spade(middle, hidden));
        second = addChildBlock("conv1", Layers.conv(out, 3, 1, 1));
        boolean learned = in != out;
        shortcutNorm = learned ? addChildBlock("spadeShortcut", new Spade(in, hidden)) : null;
        shortcut = learned ? addChildBlock("convShortcut", new NarrowConvolutions.Conv2d(Conv2d.builder()
                .setKernelShape(new Shape(1, 1)).setFilters(out).optBias(false))) : null;
    }

    @Override
    protected void prepare(Shape[] inputShapes) {
        noiseWeight.setShape(new Shape(middle));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape x = inputShapes[0];
        Shape map = inputShapes[1];
        firstNorm.initialize(manager, dataType, x, map);
        first.initialize(manager, dataType, x);
        Shape mid = first.getOutputShapes(new Shape[] { x })[0];
        secondNorm.initialize(manager, dataType, mid, map);
        second.initialize(manager, dataType, mid);
        if (shortcut != null) {
            shortcutNorm.initialize(manager, dataType, x, map);
            shortcut.initialize(manager, dataType, x);
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        return new Shape[] { new Shape(s.get(0), out, s.get(2), s.get(3)) };
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        NDArray map = inputs.get(1);
        NDArray noise = inputs.get(2);
        NDArray h = unit(store, firstNorm, first, x, map, training);
        NDArray weight = store.getValue(noiseWeight, x.getDevice(), training).reshape(1, middle, 1, 1);
        // The reshaped parameter would otherwise belong to the parameters' long-lived manager and pile up.
        weight.attach(x.getManager());
        h = h.add(noise.mul(weight));
        h = unit(store, secondNorm, second, h, map, training);
        NDArray skip = shortcut == null ? x : shortcut.forward(store, shortcutNorm.forward(store, new NDList(x, map),
                training), training).singletonOrThrow();
        return new NDList(skip.add(h));
    }

    private static NDArray unit(ParameterStore store, Spade norm, Conv2d conv, NDArray x, NDArray map,
            boolean training) {
        NDArray modulated = norm.forward(store, new NDList(x, map), training).singletonOrThrow();
        return conv.forward(store, new NDList(Activation.leakyRelu(modulated, Layers.LEAK)), training)
                .singletonOrThrow();
    }
}
