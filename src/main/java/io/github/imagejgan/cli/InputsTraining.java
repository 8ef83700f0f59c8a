package io.github.imagejgan.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;

import io.github.imagejgan.image.DeviceChoice;
import io.github.imagejgan.image.DeviceSelector;
import io.github.imagejgan.image.ImageFiles;
import io.github.imagejgan.image.ImageMetadata;
import io.github.imagejgan.image.ImagePlusImages;
import io.github.imagejgan.image.PercentileNormalizer;
import io.github.imagejgan.task.TaskMonitor;
import io.github.imagejgan.train.ImagesTraining;
import io.github.imagejgan.train.IsotropicTraining;
import io.github.imagejgan.train.SelfSupervisedDenoising;
import io.github.imagejgan.train.StartingWeights;
import io.github.imagejgan.train.TrainingDefaults;
import io.github.imagejgan.train.TrainingFolder;
import io.github.imagejgan.train.TrainingLog;
import io.github.imagejgan.train.TrainingRequest;
import io.github.imagejgan.train.TrainingResult;
import io.github.imagejgan.train.TrainingSettingsException;

/**
 * Training on the inputs before processing them: {@code denoise --self-supervised} trains a blind-spot denoiser on
 * the noisy inputs, {@code isotropic} without {@code --model} trains on the stacks' own lateral slices. The model
 * stays in the output folder ({@code OUT/NAME.zip}, checkpoints in {@code OUT/NAME-training/}), so the run can be
 * reproduced, the model used on other images, and a stopped run, started again, resumes its checkpoint (with more
 * {@code --steps} it trains on from there).
 */
final class InputsTraining {

    static final String SELF_SUPERVISED_HELP = """
            denoise --self-supervised --out DIR [--steps 12000] [--patch 64] [--batch 16] [--features 16]
                    [--depth 3] [--lr 4e-4] [--mask-fraction 0.05] [--struct-mask x:N|y:N] [--pairs] [--seed 1]
                    [--start self-supervised-start|MODEL|none] [--name self-supervised] [--device ...]
                    [--output-type ...] IN...
              trains on the noisy inputs alone (every slice of a stack a sample), keeps DIR/NAME.zip and its
              checkpoints (DIR/NAME-training/; run again to resume), then denoises IN into DIR. A new run starts
              from the weights of the shipped self-supervised-start where the network settings are its own (the
              defaults, single-channel images), else from random weights; --start none always from random ones.
              --pairs: neighbour pairs (Neighbor2Neighbor) instead of blind spots""";

    static final String ISOTROPIC_HELP = """
            isotropic --out DIR [--model FILE.zip | --factor F [--axial-blur S] [--steps 3000] [--patch 64]
                      [--batch 8] [--features 16] [--depth 3] [--lr 4e-4] [--seed 1] [--name isotropic]]
                      [--tile ...] [--device ...] [--ensemble 1|4|8] STACKS...
              z-stacks whose slices lie F pixel widths apart (default: from the first stack's calibration) become
              stacks of F times as many slices: without --model, a network first learns from the stacks' own
              lateral slices (sampled every F rows, blurred along them by a Gaussian of S pixels for an axial
              PSF wider than the lateral one) and is kept as DIR/NAME.zip (run again to resume); it then restores
              the XZ and YZ views, fused by their geometric mean""";

    /** The flag that asks for self-supervised denoising. */
    static final String SELF_SUPERVISED = "self-supervised";

    private final TrainingRequest request;
    private final Path model;
    private final Path work;
    private final DeviceChoice device;
    private final String what;
    /** The weights a new run starts from; null: random. */
    private final StartingWeights start;
    /** The request for a slice spacing read from the inputs' calibration; null where it is given. */
    private final IntFunction<TrainingRequest> forCalibratedFactor;

    private InputsTraining(TrainingRequest request, Path out, DeviceChoice device, String what,
            StartingWeights start, IntFunction<TrainingRequest> forCalibratedFactor) {
        this.request = request;
        this.start = start;
        this.model = out.resolve(request.name() + ".zip");
        this.work = out.resolve(request.name() + "-training");
        this.device = device;
        this.what = what;
        this.forCalibratedFactor = forCalibratedFactor;
    }

    /** Reads and checks the self-supervised training options; nothing is read or written yet. */
    static InputsTraining selfSupervised(CommandLine args, Path out) {
        RequestMaker maker = (name, settings, seed) -> SelfSupervisedDenoising.request(name, out,
                TrainSubcommand.blindSpot(args), settings, seed);
        StartingWeights start;
        try {
            start = StartingWeights.named(args.string("start", StartingWeights.SELF_SUPERVISED), !args.has("start"));
        } catch (IOException | RuntimeException e) {
            throw new UsageException("--start: " + e.getMessage());
        }
        return new InputsTraining(request(args, TrainingDefaults.ImagesRun.SELF_SUPERVISED, "self-supervised", maker),
                out, device(args), "Self-supervised", start, null);
    }

    /**
     * Reads and checks the isotropic training options; nothing is read or written yet. Without {@code --factor},
     * the slice spacing comes from the first input's calibration when training starts.
     */
    static InputsTraining isotropic(CommandLine args, Path out) {
        boolean given = args.has("factor");
        int factor = args.integer("factor", IsotropicTraining.SMALLEST_FACTOR);
        double axialBlur = args.number("axial-blur", 0);
        IntFunction<RequestMaker> maker = f -> (name, settings, seed) -> IsotropicTraining.request(name, out, f,
                axialBlur, settings, seed);
        TrainingDefaults.ImagesRun d = TrainingDefaults.ImagesRun.ISOTROPIC;
        String defaultName = "isotropic";
        TrainingRequest checked = request(args, d, defaultName, maker.apply(factor));
        return new InputsTraining(checked, out, device(args), "Isotropic restoration", null, given ? null
                : f -> request(args, d, defaultName, maker.apply(f)));
    }

    private interface RequestMaker {
        TrainingRequest make(String name, TrainingDefaults.ImagesRun settings, long seed);
    }

    private static TrainingRequest request(CommandLine args, TrainingDefaults.ImagesRun d, String defaultName,
            RequestMaker maker) {
        try {
            return maker.make(args.string("name", defaultName), new TrainingDefaults.ImagesRun(args.longValue("steps",
                    d.steps()), args.integer("patch", d.patch()), args.integer("batch", d.batch()), args.integer(
                            "features", d.features()), args.integer("depth", d.depth()), args.number("lr",
                                    d.learningRate())), args.longValue("seed", TrainingDefaults.SEED));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static DeviceChoice device(CommandLine args) {
        String deviceName = args.string("device", "auto");
        try {
            DeviceSelector.requireValid(deviceName);
            return DeviceSelector.select(deviceName);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static int calibratedFactor(Path stack) throws IOException {
        ImageMetadata metadata = ImagePlusImages.metadataOf(ImageFiles.open(stack));
        int factor = IsotropicTraining.calibratedFactor(metadata);
        if (factor == 0) {
            double spacing = metadata.sliceSpacing();
            throw new UsageException("Give --factor F, the distance between slices in pixel widths: the calibration of "
                    + stack.getFileName() + " does not say it (voxel depth over width " + (spacing == 0 ? "unknown"
                            : String.format(Locale.ROOT, "%.3g", spacing)) + ").");
        }
        return factor;
    }

    /** Where the trained model is written. */
    Path model() {
        return model;
    }

    /**
     * Trains on {@code inputs}, resuming the output folder's checkpoint when there is one, and writes the best model.
     *
     * @return false if it was stopped before the last step (the best model so far is written all the same)
     */
    boolean train(List<Path> inputs, PrintStream out, TaskMonitor stop) throws IOException {
        out.println("[imagej-gan] Device: " + device.description());
        Path place = inputs.get(0).toAbsolutePath().getParent();
        TrainingRequest request = forCalibratedFactor == null ? this.request : forCalibratedFactor.apply(
                calibratedFactor(inputs.get(0)));
        TrainingResult result;
        try {
            result = ImagesTraining.train(request, TrainingFolder.of(place, inputs, PercentileNormalizer.DEFAULT),
                    work, model, what + (request.layout() == TrainingRequest.Layout.NOISY ? " denoiser" : " model")
                            + " trained on " + inputs.size() + " image file(s) from " + place, true, start,
                    device.device(), new TrainingLog(out::println), stop, m -> out.println("[imagej-gan] " + m));
        } catch (TrainingSettingsException e) {
            throw new UsageException(e.getMessage() + " Delete " + work + " to train anew.");
        }
        out.printf(Locale.ROOT, "[imagej-gan] %s training %s after %d steps (%s). Model: %s%n", what,
                result.cancelled() ? "stopped" : "finished", result.steps(), TrainingLog.eta(result.seconds()), model);
        return !result.cancelled();
    }
}
