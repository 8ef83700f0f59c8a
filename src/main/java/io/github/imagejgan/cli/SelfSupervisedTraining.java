package io.github.imagejgan.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import io.github.imagejgan.image.DeviceChoice;
import io.github.imagejgan.image.DeviceSelector;
import io.github.imagejgan.image.PercentileNormalizer;
import io.github.imagejgan.task.TaskMonitor;
import io.github.imagejgan.train.SelfSupervisedDenoising;
import io.github.imagejgan.train.TrainingDefaults;
import io.github.imagejgan.train.TrainingFolder;
import io.github.imagejgan.train.TrainingLog;
import io.github.imagejgan.train.TrainingRequest;
import io.github.imagejgan.train.TrainingResult;
import io.github.imagejgan.train.TrainingSettingsException;

/**
 * {@code denoise --self-supervised}: trains a blind-spot denoiser on the inputs themselves, then denoises them with
 * it. The model stays in the output folder ({@code OUT/NAME.zip}, checkpoints in {@code OUT/NAME-training/}), so the
 * run can be reproduced, the model used on other images, and a stopped run, started again, resumes its checkpoint
 * (with more {@code --steps} it trains on from there).
 */
final class SelfSupervisedTraining {

    static final String HELP = """
            denoise --self-supervised --out DIR [--steps 8000] [--patch 64] [--batch 16] [--features 16]
                    [--depth 3] [--lr 4e-4] [--mask-fraction 0.05] [--struct-mask x:N|y:N] [--seed 1]
                    [--name self-supervised] [--device ...] [--output-type ...] IN...
              trains on the noisy inputs alone (every slice of a stack a sample), keeps DIR/NAME.zip and its
              checkpoints (DIR/NAME-training/; run again to resume), then denoises IN into DIR""";

    /** The flag that asks for this. */
    static final String FLAG = "self-supervised";

    private final TrainingRequest request;
    private final Path model;
    private final Path work;
    private final DeviceChoice device;

    private SelfSupervisedTraining(TrainingRequest request, Path model, Path work, DeviceChoice device) {
        this.request = request;
        this.model = model;
        this.work = work;
        this.device = device;
    }

    /** Reads and checks the training options; nothing is read or written yet. */
    static SelfSupervisedTraining of(CommandLine args, Path out) {
        TrainingDefaults.SelfSupervised d = TrainingDefaults.SelfSupervised.DEFAULT;
        String name = args.string("name", "self-supervised");
        String deviceName = args.string("device", "auto");
        try {
            TrainingRequest request = SelfSupervisedDenoising.request(name, out, TrainSubcommand.blindSpot(args),
                    new TrainingDefaults.SelfSupervised(args.longValue("steps", d.steps()), args.integer("patch",
                            d.patch()), args.integer("batch", d.batch()), args.integer("features", d.features()),
                            args.integer("depth", d.depth()), args.number("lr", d.learningRate())),
                    args.longValue("seed", TrainingDefaults.SEED));
            DeviceSelector.requireValid(deviceName);
            return new SelfSupervisedTraining(request, out.resolve(name + ".zip"), out.resolve(name + "-training"),
                    DeviceSelector.select(deviceName));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
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
        TrainingResult result;
        try {
            result = SelfSupervisedDenoising.train(request, TrainingFolder.of(place, inputs,
                    PercentileNormalizer.DEFAULT), work, model, "Self-supervised denoiser trained on " + inputs.size()
                            + " image file(s) from " + place, true, device.device(), new TrainingLog(out::println),
                    stop, m -> out.println("[imagej-gan] " + m));
        } catch (TrainingSettingsException e) {
            throw new UsageException(e.getMessage() + " Delete " + work + " to train anew.");
        }
        out.printf(Locale.ROOT, "[imagej-gan] Self-supervised training %s after %d steps (%s). Model: %s%n",
                result.cancelled() ? "stopped" : "finished", result.steps(), TrainingLog.eta(result.seconds()), model);
        return !result.cancelled();
    }
}
