package io.github.imagejgan.nn;

import java.util.Arrays;
import java.util.function.Function;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.util.Pair;

/** Building, initializing and describing networks from their {@link NetworkSpec}. */
public final class Networks {

    private Networks() {
    }

    /**
     * Builds the network and gives it fresh weights in {@code manager}: He initialization (normal, variance 2 / fan-in),
     * which keeps activations and gradients at one scale through every level of a network without normalization
     * layers. NB: the N(0, 0.02) of pix2pix and DCGAN shrinks the signal at each layer, so the deeper U-Net levels
     * got gradients of 1e-11, below Adam's epsilon, and hardly learned. Residual generators scale their last layer
     * down themselves, so that they start close to their skip connection. Call {@code Engine.setRandomSeed} first
     * for reproducible weights.
     */
    public static Block create(NetworkSpec spec, NDManager manager) {
        Block block = spec.build();
        block.setInitializer(new XavierInitializer(XavierInitializer.RandomType.GAUSSIAN,
                XavierInitializer.FactorType.IN, 2), Parameter.Type.WEIGHT);
        block.initialize(manager, DataType.FLOAT32, initShape(spec));
        if (block instanceof UNetGenerator unet) {
            unet.shrinkHead();
        } else if (block instanceof UNet3dGenerator unet3d) {
            unet3d.shrinkHead();
        } else if (block instanceof InpaintingGenerator inpainting) {
            inpainting.startAtFill();
        } else if (spec instanceof ResidualSrSpec) {
            ResidualSrGenerator.startAtInterpolation(block);
        }
        return block;
    }

    /**
     * Copies the weights of {@code source} into {@code target}, a network of the same parameter names where some
     * parameters may take more input channels (a noise map added, {@link NetworkSpec#withoutNoiseMap()}): those get
     * the source's values for the channels it has and zeros for the others, so that the target computes exactly
     * what the source did and learns from there how to use its further input.
     *
     * @throws IllegalArgumentException naming a parameter that is missing or differs otherwise
     */
    public static void copyWidened(Block source, Block target) {
        copy(source, target, name -> Parts.WHOLE, false);
    }

    /**
     * How a parameter's channels are laid out, for {@link #copyGrown}: its outputs (rows) and inputs are each joined
     * from equal parts that grow at their ends.
     *
     * @param outputs parts of the outputs (a gated convolution computes its features, then their gates: 2)
     * @param inputs  parts of the inputs (a U-Net decoder's first convolution takes its upsampled path, then the
     *                skip connection: 2)
     */
    public record Parts(int outputs, int inputs) {

        /** One part each: channels in order. */
        public static final Parts WHOLE = new Parts(1, 1);
    }

    /**
     * Copies the weights of {@code source} into {@code target}, a network of the same parameter names whose layers
     * may have more output channels (more features) and more input channels, so that the target computes exactly
     * what the source did: every channel the source has keeps its weights from the channels the source had and gets
     * zero weights from the others; the further channels keep the target's own fresh weights, so that they compute
     * something new from the start and the layers after them learn from zero how much of it to take.
     *
     * <p>Why not copies of existing channels (Net2WiderNet): copies receive the same gradients up to scale, which
     * Adam normalizes away, so they stay copies; fresh channels behind zero weights differ from the first step.
     *
     * @param parts for a parameter's name, how its channels are joined
     * @throws IllegalArgumentException naming a parameter that is missing, smaller, or otherwise shaped
     */
    public static void copyGrown(Block source, Block target, Function<String, Parts> parts) {
        copy(source, target, parts, true);
    }

    private static void copy(Block source, Block target, Function<String, Parts> partsOf, boolean moreOutputs) {
        var from = source.getParameters();
        for (Pair<String, Parameter> p : target.getParameters()) {
            Parameter own = from.get(p.getKey());
            if (own == null) {
                throw new IllegalArgumentException("the start has no parameter " + p.getKey());
            }
            NDArray values = own.getArray();
            NDArray into = p.getValue().getArray();
            Shape have = values.getShape();
            Shape want = into.getShape();
            Parts parts = partsOf.apply(p.getKey());
            float[] copied;
            if (have.equals(want)) {
                copied = values.toFloatArray();
            } else if (grows(have, want, parts) && (moreOutputs || have.get(0) == want.get(0))) {
                copied = grown(values.toFloatArray(), have, into.toFloatArray(), want, parts);
            } else {
                throw new IllegalArgumentException("parameter " + p.getKey() + " has the shape " + have
                        + " in the start, " + want + " here");
            }
            boolean records = into.hasGradient();
            into.setRequiresGradient(false);
            into.set(copied);
            into.setRequiresGradient(records);
        }
    }

    /** Whether a parameter of shape {@code have} can be laid into {@code want}: more channels, the same kernel. */
    private static boolean grows(Shape have, Shape want, Parts parts) {
        if (have.dimension() != want.dimension() || have.get(0) > want.get(0) || have.get(0) % parts.outputs() != 0
                || want.get(0) % parts.outputs() != 0) {
            return false;
        }
        return have.dimension() == 1 || have.get(1) <= want.get(1) && have.get(1) % parts.inputs() == 0
                && want.get(1) % parts.inputs() == 0 && have.slice(2).equals(want.slice(2));
    }

    /**
     * A parameter [out, in, ...] (or [out]) laid into [more out, more in, ...]: the source's outputs (each part's at
     * the start of its part) from the source's inputs (likewise), zero from the further inputs; the further outputs
     * as {@code fresh} has them.
     */
    private static float[] grown(float[] values, Shape have, float[] fresh, Shape want, Parts parts) {
        float[] out = fresh.clone();
        int rowsHave = (int) have.get(0) / parts.outputs();
        int rowsWant = (int) want.get(0) / parts.outputs();
        int inHave = have.dimension() == 1 ? 1 : (int) have.get(1);
        int inWant = have.dimension() == 1 ? 1 : (int) want.get(1);
        int kernel = have.dimension() <= 2 ? 1 : (int) have.slice(2).size();
        int segments = have.dimension() == 1 ? 1 : parts.inputs();
        int partHave = inHave / segments;
        int partWant = inWant / segments;
        for (int o = 0; o < have.get(0); o++) {
            int row = o / rowsHave * rowsWant + o % rowsHave;
            Arrays.fill(out, row * inWant * kernel, (row + 1) * inWant * kernel, 0f);
            for (int s = 0; s < segments; s++) {
                System.arraycopy(values, (o * inHave + s * partHave) * kernel, out,
                        (row * inWant + s * partWant) * kernel, partHave * kernel);
            }
        }
        return out;
    }

    /** Multiplies a parameter's values in place. */
    static void scaleInPlace(NDArray weights, float factor) {
        // Autograd refuses in-place changes of a leaf that records gradients; switched off meanwhile.
        boolean records = weights.hasGradient();
        weights.setRequiresGradient(false);
        weights.muli(factor);
        weights.setRequiresGradient(records);
    }

    /** A small input shape valid for the network, used to size its parameters. */
    public static Shape initShape(NetworkSpec spec) {
        int side = Math.max(64, 2 * spec.divisor());
        return new Shape(1, spec.inputChannels(), side, side);
    }

    /** Number of trainable and fixed values in the network's parameters. */
    public static long parameterCount(Block block) {
        long count = 0;
        for (Pair<String, Parameter> p : block.getParameters()) {
            count += p.getValue().getShape().size();
        }
        return count;
    }
}
