package io.github.imagejgan.nn;

import java.util.ArrayList;
import java.util.List;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The SPADE generator (GauGAN, Park et al. 2019), fully convolutional: the label map pooled to 1/2^levels of the
 * input's resolution goes through a convolution, then one {@link SpadeResBlock} per level, each modulated by the
 * label map at its own resolution and fed the noise plane pooled to it, with nearest upsampling by 2 between
 * levels, and a last convolution to the image. Input: {@code [N, 2, H, W]}, labels then noise; H and W multiples
 * of 2^levels.
 */
public final class SpadeGenerator extends AbstractBlock {

    private final SpadeSpec spec;
    private final Conv2d head;
    /** From the coarsest level to full resolution. */
    private final List<SpadeResBlock> blocks = new ArrayList<>();
    private final Conv2d tail;

    SpadeGenerator(SpadeSpec spec) {
        this.spec = spec;
        int levels = spec.levels();
        head = addChildBlock("head", Layers.conv(spec.features(levels), 3, 1, 1));
        int hidden = Math.max(spec.features(), 2 * spec.mapChannels());
        for (int level = levels; level >= 0; level--) {
            int in = spec.features(Math.min(levels, level + 1));
            blocks.add(addChildBlock("level" + level, new SpadeResBlock(in, spec.features(level), hidden)));
        }
        tail = addChildBlock("tail", Layers.conv(spec.channels(), 3, 1, 1));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape s = inputShapes[0];
        int levels = spec.levels();
        Shape x = at(s, spec.mapChannels(), levels);
        head.initialize(manager, dataType, x);
        x = head.getOutputShapes(new Shape[] { x })[0];
        for (int level = levels; level >= 0; level--) {
            if (level < levels) {
                x = new Shape(x.get(0), x.get(1), x.get(2) * 2, x.get(3) * 2);
            }
            SpadeResBlock block = blocks.get(levels - level);
            Shape[] in = { x, at(s, spec.mapChannels(), level), at(s, 1, level) };
            block.initialize(manager, dataType, in);
            x = block.getOutputShapes(in)[0];
        }
        tail.initialize(manager, dataType, x);
    }

    /** A shape of {@code channels} at the resolution of a level. */
    private static Shape at(Shape input, long channels, int level) {
        return new Shape(input.get(0), channels, input.get(2) >> level, input.get(3) >> level);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        return new Shape[] { new Shape(s.get(0), spec.channels(), s.get(2), s.get(3)) };
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray input = inputs.singletonOrThrow();
        NDArray map = LabelMaps.encode(spec, input.get(new NDIndex(":, 0:1")));
        NDArray noise = input.get(new NDIndex(":, 1:2"));
        int levels = spec.levels();
        NDArray h = head.forward(store, new NDList(LabelMaps.pooled(map, 1 << levels)), training).singletonOrThrow();
        for (int level = levels; level >= 0; level--) {
            if (level < levels) {
                h = Layers.upsampleNearest(h, 2);
            }
            int factor = 1 << level;
            // Block means of unit Gaussian noise have a standard deviation of 1/factor; scaled back to 1.
            NDArray levelNoise = Scalars.times(LabelMaps.pooled(noise, factor), factor);
            h = blocks.get(levels - level).forward(store, new NDList(h, LabelMaps.pooled(map, factor), levelNoise),
                    training).singletonOrThrow();
        }
        return tail.forward(store, new NDList(Activation.leakyRelu(h, Layers.LEAK)), training);
    }
}
