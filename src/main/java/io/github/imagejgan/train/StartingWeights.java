package io.github.imagejgan.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.function.Consumer;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import io.github.imagejgan.model.ModelDescriptor;
import io.github.imagejgan.model.ModelPackage;
import io.github.imagejgan.model.ModelRegistry;
import io.github.imagejgan.model.ModelTask;
import io.github.imagejgan.nn.NetworkSpec;
import io.github.imagejgan.nn.Networks;
import io.github.imagejgan.nn.UNetGenerator;
import io.github.imagejgan.task.UserException;

/**
 * Weights that a new run starts from instead of random ones: the generator of a model package with the same network
 * (fine-tuning). Self-supervised denoising starts from the shipped {@value #SELF_SUPERVISED}, so that a user's images
 * adapt a network that already denoises instead of one that has learned nothing.
 *
 * @param model    the model package
 * @param optional true where the start is a default the run may go without (random weights) if it does not fit,
 *                 false where the user chose it
 */
public record StartingWeights(Path model, boolean optional) {

    /** The shipped start of self-supervised denoising ({@code scripts/train-self-supervised-start.sh}). */
    public static final String SELF_SUPERVISED = "self-supervised-start";

    /** What {@code --start} takes for random weights. */
    public static final String NONE = "none";

    /**
     * The start a model name or package path names; null for {@value #NONE}, or for an optional start that is not
     * there.
     *
     * @throws UserException if a required start is not there, naming the models there are
     */
    public static StartingWeights named(String nameOrPath, boolean optional) throws IOException {
        if (nameOrPath == null || nameOrPath.equalsIgnoreCase(NONE)) {
            return null;
        }
        try {
            return new StartingWeights(ModelRegistry.standard().find(nameOrPath).file(), optional);
        } catch (UserException e) {
            if (optional) {
                return null;
            }
            throw e;
        }
    }

    /** The sizes of the model's generator: what a run's network options default to when it starts from the model. */
    public GeneratorShape shape() throws IOException {
        return GeneratorShape.of(ModelPackage.describe(model).generator());
    }

    /**
     * Checks, before any data is read, that the model is a package for {@code task} whose network is {@code spec}.
     *
     * @throws TrainingSettingsException naming what differs
     * @throws IOException               if the package cannot be read
     */
    public void requireFits(NetworkSpec spec, ModelTask task) throws IOException {
        ModelDescriptor d = ModelPackage.describe(model);
        if (d.task() != task) {
            throw new TrainingSettingsException("The model to start from, " + model.getFileName() + ", is a "
                    + d.task().id() + " model; this run trains " + task.id() + ".");
        }
        if (!d.generator().equals(spec) && !addsNoiseMap(d.generator(), spec) && !spec.growsFrom(d.generator())) {
            throw new TrainingSettingsException("The model to start from, " + model.getFileName() + ", has the "
                    + "network " + d.generator() + "; this run builds " + spec + ". Give the same network settings "
                    + "(a U-Net may also have more features), or start from random weights.");
        }
    }

    /**
     * This start if it fits the run that {@code request} makes of {@code data} (logged); else null (random weights,
     * logged) where it is {@linkplain #optional() optional}.
     *
     * @throws UserException if a start the user chose does not fit, naming what differs
     */
    public StartingWeights fitting(TrainingRequest request, TrainingData data, Consumer<String> log)
            throws IOException {
        try {
            requireFits(request.config(data).networks().generator(), request.task());
            log.accept("Starting from the weights of " + model);
            return this;
        } catch (TrainingSettingsException e) {
            if (!optional) {
                // NB: not a settings exception, which callers explain as a checkpoint of other settings.
                throw new UserException(e.getMessage());
            }
            log.accept("Starting from random weights: " + e.getMessage());
            return null;
        }
    }

    /**
     * What a run that starts here records as its start ({@link ModelDescriptor.Provenance#startedFrom()}): the
     * model's name, file, steps and time written, and what it started from in turn, so that a chain of fine-tunings
     * can be traced from the last package alone.
     */
    public String describe() {
        try {
            ModelDescriptor d = ModelPackage.describe(model);
            ModelDescriptor.Provenance p = d.provenance();
            return d.name() + " (" + model.getFileName() + ": " + p.steps() + " steps"
                    + (p.created().isBlank() ? "" : ", written " + p.created())
                    + (p.startedFrom().isBlank() ? "" : "; started from " + p.startedFrom()) + ")";
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the model to start from, " + model + ": " + e.getMessage(),
                    e);
        }
    }

    /** Whether {@code spec} is the start's network with a noise map added, which a start may grow into. */
    private static boolean addsNoiseMap(NetworkSpec start, NetworkSpec spec) {
        return spec.noiseMap() && !start.noiseMap() && spec.withoutNoiseMap().equals(start);
    }

    /**
     * The generator built from {@code spec} with the model's weights; where the run adds a noise map to the model's
     * network, the map's weights start at zero ({@link Networks#copyWidened}), and where it adds features to a
     * U-Net, the further channels start behind zero weights ({@link Networks#copyGrown}), so the run starts from
     * exactly what the model computes.
     */
    Block generator(NetworkSpec spec, NDManager manager) {
        try {
            ModelPackage start = ModelPackage.open(model);
            NetworkSpec own = start.descriptor().generator();
            if (own.equals(spec)) {
                Block block = spec.build();
                start.loadParameters(block, spec, ModelPackage.GENERATOR, manager);
                return block;
            }
            Block block = Networks.create(spec, manager);
            try (NDManager scratch = manager.newSubManager()) {
                Block weights = own.build();
                start.loadParameters(weights, own, ModelPackage.GENERATOR, scratch);
                if (spec.growsFrom(own)) {
                    Networks.copyGrown(weights, block, UNetGenerator::parts);
                } else {
                    Networks.copyWidened(weights, block);
                }
            }
            return block;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the model to start from, " + model + ": " + e.getMessage(),
                    e);
        }
    }
}
