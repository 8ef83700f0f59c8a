package io.github.imagejgan.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Inpainting: the input is the image with one extra, last channel holding the mask (1 where pixels are missing).
 * Missing pixels get a smooth classical fill from their surroundings (zeros in the first models) before the network
 * sees them; a gated residual U-Net adds texture and structure to that fill, and the output is composited so that
 * only masked pixels change: {@code mask * generated + (1 - mask) * image}. A fresh network's last layer is zero, so
 * it starts as the classical fill, which matches every hole's border, and learns only what improves on it.
 */
public final class InpaintingGenerator extends AbstractBlock {

    private final int channels;
    private final String fill;
    private final UNetGenerator unet;

    InpaintingGenerator(InpaintingSpec spec) {
        this.channels = spec.channels();
        this.fill = spec.fill();
        this.unet = addChildBlock("unet", new UNetGenerator(spec.backbone()));
    }

    /**
     * Makes a freshly initialized network output its classical fill (zero last layer; it still gets gradients).
     * NB: not part of initialization, which also runs on loaded weights.
     */
    void startAtFill() {
        if (!fill.equals(InpaintingSpec.ZERO)) {
            unet.scaleHead(0f);
        }
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        unet.initialize(manager, dataType, inputShapes);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        return new Shape[] { new Shape(s.get(0), channels, s.get(2), s.get(3)) };
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        Filled filled = fill(inputs.singletonOrThrow());
        return new NDList(filled.composite(generate(store, filled, training)));
    }

    /**
     * The network's output and, beside it along the channel axis, what its classical fill alone gives (holes filled,
     * known pixels kept): the output of an untrained network, from the same fill the network started from.
     */
    public NDArray forwardWithFill(ParameterStore store, NDArray x) {
        Filled filled = fill(x);
        return filled.composite(generate(store, filled, false)).concat(filled.composite(filled.start()), 1);
    }

    /** The holes' classical fill of an input, with its mask and its known pixels (zero in the holes). */
    private record Filled(NDArray start, NDArray mask, NDArray visible) {

        /** {@code values} in the holes, the known pixels elsewhere. */
        NDArray composite(NDArray values) {
            return values.mul(mask).add(visible);
        }
    }

    private Filled fill(NDArray x) {
        NDArray image = x.get(new NDIndex(":, 0:{}", channels));
        NDArray mask = x.get(new NDIndex(":, {}:{}", channels, channels + 1));
        NDArray keep = mask.neg().add(1f);
        NDArray visible = image.mul(keep);
        NDArray start = switch (fill) {
            case InpaintingSpec.THIN_PLATE -> Layers.thinPlateFill(image, keep);
            case InpaintingSpec.SMOOTH -> Layers.smoothFill(image, keep);
            default -> visible;
        };
        return new Filled(start, mask, visible);
    }

    private NDArray generate(ParameterStore store, Filled filled, boolean training) {
        return unet.forward(store, new NDList(filled.start().concat(filled.mask(), 1)), training).singletonOrThrow();
    }
}
