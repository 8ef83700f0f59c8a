package io.github.imagejgan.model;

import ai.djl.Device;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.github.imagejgan.nn.NetworkSpec;
import io.github.imagejgan.nn.Networks;
import io.github.imagejgan.nn.TorchScriptSpec;

/**
 * Loads a package's generators as prediction does and runs each once on the CPU over a small input: the proof that a
 * package works, before it joins the user's models. Loading checks that the weights fit the described network; only
 * running shows that it also computes what the description promises (a TorchScript module can load and still fail on
 * the input it is described to take).
 */
final class ModelTrial {

    private ModelTrial() {
    }

    /**
     * @throws ModelFormatException saying what failed, if a generator does not load or run
     */
    static void run(ModelPackage pkg) {
        try (LoadedModel model = pkg.load(Device.cpu())) {
            runOnce(model, ModelPackage.GENERATOR);
        }
        if (pkg.contains(ModelPackage.REVERSE_GENERATOR)) {
            try (LoadedModel reverse = pkg.loadReverse(Device.cpu())) {
                runOnce(reverse, ModelPackage.REVERSE_GENERATOR);
            }
        }
    }

    private static void runOnce(LoadedModel model, String entry) {
        NetworkSpec spec = model.descriptor().generator();
        int side = side(model.descriptor());
        Shape expected = new Shape(1, spec.outputChannels(), (long) side * spec.scale(), (long) side * spec.scale());
        try (NDManager scope = model.manager().newSubManager()) {
            NDArray input = scope.linspace(0f, 1f, spec.inputChannels() * side * side)
                    .reshape(1, spec.inputChannels(), side, side);
            NDArray output = model.generator().forward(new ParameterStore(scope, false), new NDList(input), false)
                    .singletonOrThrow();
            if (!output.getShape().equals(expected)) {
                throw new ModelFormatException("The network of " + entry + " gives " + output.getShape() + " for a "
                        + input.getShape() + " input; model.json promises " + expected + ".");
            }
            if (!output.isInfinite().logicalOr(output.isNaN()).any().getBoolean()) {
                return;
            }
            throw new ModelFormatException("The network of " + entry + " gives values that are not numbers (NaN or "
                    + "infinite) for a plain test input; its weights are broken.");
        } catch (EngineException | IllegalArgumentException | IllegalStateException e) {
            throw new ModelFormatException("The network of " + entry + " fails on a " + side + " x " + side
                    + " test input (" + String.valueOf(e.getMessage()).lines().findFirst().orElse("") + ").", e);
        }
    }

    /**
     * A network built here takes the input edge it was sized with; a module from elsewhere, the tile size its package
     * states (for a module of one fixed size, that size), at least its minimum, rounded to its size divisor.
     */
    private static int side(ModelDescriptor descriptor) {
        NetworkSpec spec = descriptor.generator();
        long side = Networks.initShape(spec).get(2);
        if (spec instanceof TorchScriptSpec module) {
            side = Math.max(descriptor.tiling().tileSize(), module.minimumSize());
        }
        return (int) ((side + spec.divisor() - 1) / spec.divisor() * spec.divisor());
    }
}
