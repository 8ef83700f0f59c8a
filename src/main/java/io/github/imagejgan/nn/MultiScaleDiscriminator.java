package io.github.imagejgan.nn;

import java.util.ArrayList;
import java.util.List;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * PatchGANs at several scales ({@link MultiScaleDiscriminatorSpec}). The output lists, scale after scale, the
 * output of each activation of that scale's discriminator and then its scores; {@link #scores} and
 * {@link #features} take them apart.
 */
public final class MultiScaleDiscriminator extends AbstractBlock {

    private final MultiScaleDiscriminatorSpec spec;
    private final List<Block> scales = new ArrayList<>();

    MultiScaleDiscriminator(MultiScaleDiscriminatorSpec spec) {
        this.spec = spec;
        for (int i = 0; i < spec.scales(); i++) {
            scales.add(addChildBlock("scale" + i, PatchDiscriminator.build(spec.patch())));
        }
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape s = inputShapes[0];
        for (Block scale : scales) {
            scale.initialize(manager, dataType, s);
            s = new Shape(s.get(0), s.get(1), s.get(2) / 2, s.get(3) / 2);
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        List<Shape> shapes = new ArrayList<>();
        Shape s = inputShapes[0];
        for (Block scale : scales) {
            Shape in = s;
            for (Block layer : scale.getChildren().values()) {
                in = layer.getOutputShapes(new Shape[] { in })[0];
                if (layer instanceof LambdaBlock) {
                    shapes.add(in);
                }
            }
            shapes.add(in);
            s = new Shape(s.get(0), s.get(1), s.get(2) / 2, s.get(3) / 2);
        }
        return shapes.toArray(new Shape[0]);
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDList out = new NDList();
        for (int i = 0; i < scales.size(); i++) {
            if (i > 0) {
                x = Pool.avgPool2d(x, new Shape(2, 2), new Shape(2, 2), new Shape(0, 0), false, true);
            }
            NDArray h = x;
            for (Block layer : scales.get(i).getChildren().values()) {
                h = layer.forward(store, new NDList(h), training).singletonOrThrow();
                // The activations end each layer of the PatchGAN: their outputs are the features to match.
                if (layer instanceof LambdaBlock) {
                    out.add(h);
                }
            }
            out.add(h);
        }
        return out;
    }

    /** The scores of each scale, from the block's output. */
    public static List<NDArray> scores(MultiScaleDiscriminatorSpec spec, NDList outputs) {
        List<NDArray> scores = new ArrayList<>();
        for (int i = 0; i < spec.scales(); i++) {
            scores.add(outputs.get((i + 1) * spec.outputsPerScale() - 1));
        }
        return scores;
    }

    /** The intermediate features of every scale, from the block's output. */
    public static List<NDArray> features(MultiScaleDiscriminatorSpec spec, NDList outputs) {
        List<NDArray> features = new ArrayList<>();
        for (int i = 0; i < outputs.size(); i++) {
            if ((i + 1) % spec.outputsPerScale() != 0) {
                features.add(outputs.get(i));
            }
        }
        return features;
    }

    /**
     * The feature-matching loss of pix2pixHD: the mean absolute difference between the discriminator's features of
     * generated and of real images, averaged over every layer of every scale; the real features count as
     * constants. It asks the generator for images whose statistics at every depth of the discriminator match real
     * ones, which steadies GAN training.
     */
    public static NDArray featureMatching(List<NDArray> real, List<NDArray> fake) {
        if (real.size() != fake.size() || real.isEmpty()) {
            throw new IllegalArgumentException("feature matching needs as many real as generated features, got "
                    + real.size() + " and " + fake.size());
        }
        NDArray sum = null;
        for (int i = 0; i < real.size(); i++) {
            NDArray term = fake.get(i).sub(real.get(i).stopGradient()).abs().mean();
            sum = sum == null ? term : sum.add(term);
        }
        return Scalars.times(sum, 1.0 / real.size());
    }
}
