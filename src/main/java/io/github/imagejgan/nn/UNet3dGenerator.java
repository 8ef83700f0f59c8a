package io.github.imagejgan.nn;

import java.util.ArrayList;
import java.util.List;

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
 * The volumetric U-Net of {@link UNet3dSpec}: the window of slices becomes one volume and every layer is a 3D
 * convolution ({@link SliceConv}; volumes are laid out slices before channels, (N, slices, C, H, W)). Along x and y
 * it is the 2D U-Net (3x3 kernels, 2x2 pooling, nearest upsampling, skip connections); along z the first convolution
 * of each of the top {@code sliceRadius} encoder levels spans 3 slices without padding and every other one a single
 * slice: each of those levels narrows the volume by a slice on each side until the restored slice alone remains, and
 * the skip connections pass on their middle slices. Without padding along z no output depends on where a window
 * ends, which is what keeps windowed prediction exact.
 */
public final class UNet3dGenerator extends AbstractBlock {

    /** Scale of the last layer's He-initialized weights in residual networks, as in {@link UNetGenerator}. */
    private static final float HEAD_SCALE = 0.1f;

    private final UNet3dSpec spec;
    private final int[] zOrder;
    private final List<Block> encoders = new ArrayList<>();
    private final List<Block> upConvs = new ArrayList<>();
    private final List<Block> decoders = new ArrayList<>();
    private final Block head;

    public UNet3dGenerator(UNet3dSpec spec) {
        this.spec = spec;
        this.zOrder = UNet3dSpec.channelsInZOrder(spec.sliceRadius());
        for (int level = 0; level <= spec.depth(); level++) {
            int f = spec.features(level);
            encoders.add(addChildBlock("encoder" + level, new SequentialBlock().add(new SliceConv(f,
                    spec.convolvesSlices(level) ? 3 : 1)).add(new SliceConv(f, 1))));
        }
        for (int level = 0; level < spec.depth(); level++) {
            int f = spec.features(level);
            upConvs.add(addChildBlock("up" + level, new SliceConv(f, 1)));
            decoders.add(addChildBlock("decoder" + level, new SequentialBlock().add(new SliceConv(f, 1))
                    .add(new SliceConv(f, 1))));
        }
        head = addChildBlock("head", Layers.conv(1, 1, 1, 0));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape in = inputShapes[0];
        Shape s = new Shape(in.get(0), in.get(1), 1, in.get(2), in.get(3));
        List<Shape> skips = new ArrayList<>();
        for (int level = 0; level < spec.depth(); level++) {
            s = init(encoders.get(level), manager, dataType, s);
            skips.add(s);
            s = new Shape(s.get(0), s.get(1), s.get(2), s.get(3) / 2, s.get(4) / 2);
        }
        s = init(encoders.get(spec.depth()), manager, dataType, s);
        for (int level = spec.depth() - 1; level >= 0; level--) {
            s = init(upConvs.get(level), manager, dataType, new Shape(s.get(0), s.get(1), s.get(2), s.get(3) * 2,
                    s.get(4) * 2));
            s = init(decoders.get(level), manager, dataType, new Shape(s.get(0), s.get(1), s.get(2)
                    + skips.get(level).get(2), s.get(3), s.get(4)));
        }
        init(head, manager, dataType, new Shape(s.get(0) * s.get(1), s.get(2), s.get(3), s.get(4)));
    }

    private static Shape init(Block block, NDManager manager, DataType dataType, Shape input) {
        block.initialize(manager, dataType, input);
        return block.getOutputShapes(new Shape[] { input })[0];
    }

    /** Shrinks the freshly initialized last layer of a residual network (see {@link UNetGenerator#shrinkHead}). */
    void shrinkHead() {
        if (spec.residual()) {
            for (Pair<String, Parameter> p : head.getParameters()) {
                Networks.scaleInPlace(p.getValue().getArray(), HEAD_SCALE);
            }
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        return new Shape[] { new Shape(s.get(0), 1, s.get(2), s.get(3)) };
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray input = inputs.singletonOrThrow();
        NDArray first = volume(input);
        NDArray h = first;
        List<NDArray> skips = new ArrayList<>();
        for (int level = 0; level < spec.depth(); level++) {
            h = Scopes.replace(h, first, Scopes.forward(encoders.get(level), store, h, training));
            skips.add(h);
            h = halve(h);
        }
        h = Scopes.replace(h, first, Scopes.forward(encoders.get(spec.depth()), store, h, training));
        first.close();
        for (int level = spec.depth() - 1; level >= 0; level--) {
            NDArray upsampled = Scopes.replace(h, null, Layers.upsampleNearest(h, 2));
            h = Scopes.replace(upsampled, null, Scopes.forward(upConvs.get(level), store, upsampled, training));
            NDArray skip = middleSlices(skips.get(level), h.getShape().get(1));
            NDArray joined = NDArrays.concat(new NDList(h, skip), 2);
            h.close();
            skip.close();
            skips.get(level).close();
            h = Scopes.replace(joined, null, Scopes.forward(decoders.get(level), store, joined, training));
        }
        Shape s = h.getShape();
        NDArray planes = h.reshape(s.get(0) * s.get(1), s.get(2), s.get(3), s.get(4));
        NDArray out = head.forward(store, new NDList(planes), training).singletonOrThrow();
        h.close();
        if (spec.residual()) {
            out = out.add(input.get(new NDIndex(":, 0:1")));
        }
        return new NDList(out);
    }

    /** The window's channels as one volume (N, slices, 1, H, W), lowest slice first. */
    private NDArray volume(NDArray input) {
        return inZOrder(input, zOrder).expandDims(2);
    }

    /**
     * The window's channels (the restored slice first, see {@link UNet3dSpec#channelsInZOrder}) rearranged lowest
     * slice first, (N, slices, H, W).
     */
    static NDArray inZOrder(NDArray window, int[] zOrder) {
        NDList slices = new NDList(zOrder.length);
        for (int channel : zOrder) {
            slices.add(window.get(new NDIndex(":, {}:{}", channel, channel + 1)));
        }
        NDArray stacked = NDArrays.concat(slices, 1);
        slices.close();
        return stacked;
    }

    /** 2x2 max-pooling of every slice. */
    private static NDArray halve(NDArray volume) {
        Shape s = volume.getShape();
        NDArray pooled = Pool.maxPool2d(volume.reshape(s.get(0) * s.get(1), s.get(2), s.get(3), s.get(4)),
                new Shape(2, 2), new Shape(2, 2), new Shape(0, 0), false);
        return pooled.reshape(s.get(0), s.get(1), s.get(2), s.get(3) / 2, s.get(4) / 2);
    }

    /** The middle {@code count} slices of a volume (a copy; the skip connection's share of the decoder's window). */
    private static NDArray middleSlices(NDArray volume, long count) {
        long from = (volume.getShape().get(1) - count) / 2;
        return volume.get(new NDIndex(":, {}:{}", from, from + count));
    }
}
