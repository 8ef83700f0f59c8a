package io.github.imagejgan.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A 3D convolution with a 3x3 kernel in x and y ("same" padding) and 1 or 3 slices deep along z without padding, on
 * volumes laid out slices before channels, (N, slices, C, H, W), followed by the leaky ReLU. It runs as one 2D
 * convolution: each output slice's input slices are stacked as channels (N * outputSlices, depth * C, H, W). That is
 * the same arithmetic as the engine's 3D convolution, which on the CPU was many times slower for these shapes.
 */
final class SliceConv extends AbstractBlock {

    private final int depth;
    private final Block conv;

    /** @param depth kernel along z: 1 (each slice alone) or an odd number of slices, which the volume loses less 1 */
    SliceConv(int filters, int depth) {
        this.depth = depth;
        this.conv = addChildBlock("conv", Layers.conv(filters, 3, 1, 1));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        conv.initialize(manager, dataType, planar(inputShapes[0]));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        Shape out = conv.getOutputShapes(new Shape[] { planar(s) })[0];
        return new Shape[] { new Shape(s.get(0), s.get(1) - depth + 1, out.get(1), out.get(2), out.get(3)) };
    }

    private Shape planar(Shape volume) {
        return new Shape(volume.get(0) * (volume.get(1) - depth + 1), volume.get(2) * depth, volume.get(3),
                volume.get(4));
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        Shape s = x.getShape();
        long slices = s.get(1) - depth + 1;
        NDArray stacked = x;
        if (depth > 1) {
            NDList windows = new NDList(depth);
            for (int dz = 0; dz < depth; dz++) {
                windows.add(x.get(new NDIndex(":, {}:{}", dz, dz + slices)));
            }
            stacked = NDArrays.concat(windows, 2);
            windows.close();
        }
        NDArray planes = stacked.reshape(s.get(0) * slices, s.get(2) * depth, s.get(3), s.get(4));
        NDArray out = Activation.leakyRelu(conv.forward(store, new NDList(planes), training).singletonOrThrow(),
                Layers.LEAK);
        if (stacked != x) {
            stacked.close();
        }
        return new NDList(out.reshape(s.get(0), slices, out.getShape().get(1), s.get(3), s.get(4)));
    }
}
