package io.github.imagejgan.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import ai.djl.util.PairList;

/**
 * A U-Net generator (pix2pix, CARE): an encoder of double 3x3 convolutions with max-pooling, a decoder of nearest
 * upsampling and convolutions joined to the encoder by skip connections, and a 1x1 output convolution, optionally
 * added to the input (residual output: the network learns the correction, which converges much faster for
 * restoration). Normalization is off by default so that each output pixel depends only on its receptive field and
 * tiled prediction equals whole-image prediction.
 */
public final class UNetGenerator extends AbstractBlock {

    /** Scale of the last layer's He-initialized weights in residual networks. */
    private static final float HEAD_SCALE = 0.1f;

    /** Names of the parameters of a decoder's first convolution, which takes the joined channels. */
    private static final Pattern DECODER_JOIN = Pattern.compile("(^|_)\\d+decoder\\d+_01SequentialBlock_");

    private final UNetSpec spec;
    private final List<Block> encoders = new ArrayList<>();
    private final List<Block> upConvs = new ArrayList<>();
    private final List<Block> decoders = new ArrayList<>();
    private final Block head;

    public UNetGenerator(UNetSpec spec) {
        this.spec = spec;
        for (int level = 0; level <= spec.depth(); level++) {
            encoders.add(addChildBlock("encoder" + level, doubleConv(spec.features(level))));
        }
        for (int level = 0; level < spec.depth(); level++) {
            upConvs.add(addChildBlock("up" + level, convUnit(spec.features(level))));
            decoders.add(addChildBlock("decoder" + level, doubleConv(spec.features(level))));
        }
        head = addChildBlock("head", Layers.conv(spec.outputChannels(), 1, 1, 0));
    }

    private SequentialBlock doubleConv(int filters) {
        return new SequentialBlock().add(convUnit(filters)).add(convUnit(filters));
    }

    private Block convUnit(int filters) {
        SequentialBlock unit = new SequentialBlock();
        if (spec.gated()) {
            unit.add(new GatedConv2d(filters, 3));
        } else {
            unit.add(Layers.conv(filters, 3, 1, 1));
        }
        if (spec.instanceNorm()) {
            unit.add(new InstanceNorm());
        }
        if (!spec.gated()) {
            unit.add(Layers.leakyRelu());
        }
        return unit;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape s = inputShapes[0];
        List<Shape> skips = new ArrayList<>();
        for (int level = 0; level < spec.depth(); level++) {
            s = init(encoders.get(level), manager, dataType, s);
            skips.add(s);
            s = new Shape(s.get(0), s.get(1), s.get(2) / 2, s.get(3) / 2);
        }
        s = init(encoders.get(spec.depth()), manager, dataType, s);
        for (int level = spec.depth() - 1; level >= 0; level--) {
            s = init(upConvs.get(level), manager, dataType, new Shape(s.get(0), s.get(1), s.get(2) * 2,
                    s.get(3) * 2));
            Shape skip = skips.get(level);
            s = init(decoders.get(level), manager, dataType, new Shape(s.get(0), s.get(1) + skip.get(1), s.get(2),
                    s.get(3)));
        }
        init(head, manager, dataType, s);
    }

    /**
     * Shrinks the freshly initialized last layer of a residual network, so that it starts near the identity and its
     * correction grows as it learns. NB: not part of initialization, which also runs on loaded weights.
     */
    void shrinkHead() {
        if (spec.residual()) {
            scaleHead(HEAD_SCALE);
        }
    }

    /** Multiplies the last layer's parameters (a freshly initialized network's). */
    void scaleHead(float factor) {
        for (Pair<String, Parameter> p : head.getParameters()) {
            Networks.scaleInPlace(p.getValue().getArray(), factor);
        }
    }

    /**
     * How a parameter's channels are joined ({@link Networks#copyGrown}): a gated convolution's outputs are its
     * features, then their gates; a decoder's first convolution takes its upsampled path, then the skip connection.
     */
    public static Networks.Parts parts(String parameterName) {
        return new Networks.Parts(parameterName.contains("GatedConv2d") ? 2 : 1,
                DECODER_JOIN.matcher(parameterName).find() ? 2 : 1);
    }

    private static Shape init(Block block, NDManager manager, DataType dataType, Shape input) {
        block.initialize(manager, dataType, input);
        return block.getOutputShapes(new Shape[] { input })[0];
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        return new Shape[] { new Shape(s.get(0), spec.outputChannels(), s.get(2), s.get(3)) };
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray input = inputs.singletonOrThrow();
        // NB: every array is freed as soon as the rest of the pass no longer needs it (autograd keeps its own
        // references to what backward needs), so that memory holds about one level's arrays instead of all of them.
        NDArray h = input;
        List<NDArray> skips = new ArrayList<>();
        for (int level = 0; level < spec.depth(); level++) {
            h = Scopes.replace(h, input, Scopes.forward(encoders.get(level), store, h, training));
            skips.add(h);
            h = Pool.maxPool2d(h, new Shape(2, 2), new Shape(2, 2), new Shape(0, 0), false);
        }
        h = Scopes.replace(h, input, Scopes.forward(encoders.get(spec.depth()), store, h, training));
        for (int level = spec.depth() - 1; level >= 0; level--) {
            NDArray upsampled = Scopes.replace(h, input, Layers.upsampleNearest(h, 2));
            h = Scopes.replace(upsampled, input, Scopes.forward(upConvs.get(level), store, upsampled, training));
            NDArray joined = NDArrays.concat(new NDList(h, skips.get(level)), 1);
            h.close();
            skips.get(level).close();
            h = Scopes.replace(joined, input, Scopes.forward(decoders.get(level), store, joined, training));
        }
        NDArray out = head.forward(store, new NDList(h), training).singletonOrThrow();
        if (spec.residual()) {
            out = out.add(input.get(new NDIndex(":, 0:{}", spec.outputChannels())));
        }
        return new NDList(out);
    }
}
