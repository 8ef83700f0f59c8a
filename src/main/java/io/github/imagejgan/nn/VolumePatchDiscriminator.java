package io.github.imagejgan.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The 3D PatchGAN of a volumetric generator: it judges a restored slice in the volume of its neighbours. From the
 * generator's window of slices (channels, restored slice first) and a restored or true slice it builds two volumes
 * (N, 2, slices, H, W): the window as it came in, lowest slice first, and the same window with its middle slice
 * replaced by the one judged. Its layers are those of the planar PatchGAN with kernels three slices deep (stride 1
 * and "same" padding along z), so every output judges a 3D patch: whether the slice fits its input and its
 * neighbours as a true one would.
 */
final class VolumePatchDiscriminator extends AbstractBlock {

    private final int[] zOrder;
    private final SequentialBlock layers = new SequentialBlock();

    VolumePatchDiscriminator(PatchDiscriminatorSpec spec) {
        zOrder = UNet3dSpec.channelsInZOrder(spec.slices() / 2);
        int filters = spec.features();
        layers.add(new SpectralNormConv(filters, 4, 2, 1, 3)).add(Layers.leakyRelu());
        for (int i = 1; i <= spec.layers(); i++) {
            filters = spec.features() * Math.min(8, 1 << i);
            layers.add(new SpectralNormConv(filters, 4, i < spec.layers() ? 2 : 1, 1, 3)).add(Layers.leakyRelu());
        }
        layers.add(new SpectralNormConv(1, 4, 1, 1, 3));
        addChildBlock("layers", layers);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape s = inputShapes[0];
        layers.initialize(manager, dataType, new Shape(s.get(0), 2, zOrder.length, s.get(2), s.get(3)));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        return layers.getOutputShapes(new Shape[] { new Shape(s.get(0), 2, zOrder.length, s.get(2), s.get(3)) });
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        int slices = zOrder.length;
        int middle = slices / 2;
        NDArray window = UNet3dGenerator.inZOrder(x, zOrder);
        NDArray replaced = NDArrays.concat(new NDList(window.get(new NDIndex(":, 0:{}", middle)),
                x.get(new NDIndex(":, {}:{}", slices, slices + 1)), window.get(new NDIndex(":, {}:", middle + 1))), 1);
        NDArray volumes = NDArrays.stack(new NDList(window, replaced), 1);
        return layers.forward(store, new NDList(volumes), training, params);
    }
}
