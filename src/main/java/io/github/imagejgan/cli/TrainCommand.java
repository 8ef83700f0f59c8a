package io.github.imagejgan.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import ai.djl.Device;
import io.github.imagejgan.image.DeviceChoice;
import io.github.imagejgan.image.DeviceSelector;
import io.github.imagejgan.model.ModelPackage;
import io.github.imagejgan.model.ModelTask;
import io.github.imagejgan.nn.AdversarialLoss;
import io.github.imagejgan.nn.DiscriminatorNorm;
import io.github.imagejgan.nn.InpaintingSpec;
import io.github.imagejgan.nn.NetworkSpec;
import io.github.imagejgan.nn.PatchDiscriminatorSpec;
import io.github.imagejgan.nn.ResidualSrSpec;
import io.github.imagejgan.nn.UNetSpec;
import io.github.imagejgan.task.TaskMonitor;
import io.github.imagejgan.train.AdversarialTrainer;
import io.github.imagejgan.train.CycleGanTrainer;
import io.github.imagejgan.train.GanConfig;
import io.github.imagejgan.train.PairedGanTrainer;
import io.github.imagejgan.train.PatchDegradation;
import io.github.imagejgan.train.StepLosses;
import io.github.imagejgan.train.TrainingData;
import io.github.imagejgan.train.TrainingListener;
import io.github.imagejgan.train.TrainingResult;
import io.github.imagejgan.train.ValidationResult;
import io.github.imagejgan.train.degrade.Degradations;

/**
 * {@code train}: trains a GAN on folders of images and writes a model package. Ctrl-C stops between two steps and
 * still writes the checkpoint, which {@code --resume} continues.
 */
final class TrainCommand {

    static final String HELP = """
            train --task denoise|super-resolution|inpaint|style --out MODEL.zip DATA [options]
              DATA, one of:
                --input DIR --target DIR         pairs matched by file name (super-resolution: larger targets)
                --clean DIR --degradation SPEC   inputs made from clean images, e.g. gaussian:sigma=20
                --domain-a DIR --domain-b DIR    unpaired domains (style)
              options: --steps 2000 --patch 128 --batch 8 --features 32 --depth 3 --blocks 8 --scale 2
                       --d-features 64 --adversarial-weight 1 --reconstruction-weight 100 --no-gan
                       --lr 2e-4 --seed 1 --validation 0.1 --device auto|cpu|gpu:N --name NAME
                       --description TEXT --resume CHECKPOINT.zip --work DIR (checkpoints; default: beside --out)""";

    private final PrintStream out;

    TrainCommand(PrintStream out) {
        this.out = out;
    }

    int run(CommandLine args) throws IOException {
        Path target = args.path("out");
        if (target == null) {
            throw new UsageException("Missing --out MODEL.zip.");
        }
        Path resume = args.path("resume");
        ModelTask task = ModelTask.fromId(args.required("task"));
        String name = args.string("name", target.getFileName().toString().replaceFirst("\\.zip$", ""));
        int patch = args.integer("patch", 128);
        TrainingData.Sampling sampling = new TrainingData.Sampling(patch, args.integer("batch", 8),
                args.number("validation", 0.1), 4, args.longValue("seed", 1));
        NetworkSpec generator = generator(task, args);
        TrainingData data = data(task, args, sampling, generator.scale(), patch);
        GanConfig config = config(task, name, generator, data, args);
        String description = args.string("description", null);
        Path work = args.has("work") ? args.path("work") : target.toAbsolutePath().getParent();
        DeviceChoice device = DeviceSelector.select(args.string("device", "auto"));
        args.rejectUnknown();
        Files.createDirectories(work);
        out.println("[imagej-gan] Device: " + device.description());
        try (AdversarialTrainer trainer = trainer(task, config, data, device.device(), resume)) {
            TrainingResult result = runWithInterrupt(trainer, work);
            ModelPackage.exportModel(result.best(), target,
                    d -> description == null ? d : d.withName(d.name(), description));
            out.printf(Locale.ROOT, "[imagej-gan] %s after %d steps (%.0f s); best validation %.2f dB. Model: %s;"
                    + " checkpoint to resume: %s%n", result.cancelled() ? "Stopped" : "Finished", result.steps(),
                    result.seconds(), result.bestPsnr(), target, result.last());
            return 0;
        }
    }

    private static NetworkSpec generator(ModelTask task, CommandLine args) {
        int features = args.integer("features", 32);
        int depth = args.integer("depth", 3);
        int channels = args.integer("channels", 1);
        return switch (task) {
            case DENOISE, STYLE -> new UNetSpec(channels, channels, depth, features, true, false, false);
            case SUPER_RESOLUTION -> new ResidualSrSpec(channels, features, args.integer("blocks", 8),
                    args.integer("scale", 2));
            case INPAINT -> new InpaintingSpec(channels, depth, features);
        };
    }

    private static TrainingData data(ModelTask task, CommandLine args, TrainingData.Sampling sampling, int scale,
            int patch) {
        if (task == ModelTask.STYLE) {
            return TrainingData.unpaired(path(args, "domain-a"), path(args, "domain-b"), sampling);
        }
        if (args.has("clean")) {
            PatchDegradation degradation = PatchDegradation.of(Degradations.parse(args.required("degradation")),
                    patch);
            return TrainingData.degraded(args.path("clean"), degradation, sampling);
        }
        return TrainingData.paired(path(args, "input"), path(args, "target"), scale, sampling);
    }

    private static Path path(CommandLine args, String name) {
        return Path.of(args.required(name));
    }

    private static GanConfig config(ModelTask task, String name, NetworkSpec generator, TrainingData data,
            CommandLine args) {
        long steps = args.longValue("steps", 2000);
        int dFeatures = args.integer("d-features", 64);
        GanConfig config;
        if (task == ModelTask.STYLE) {
            config = GanConfig.cycleGan(name, generator, steps).withDiscriminator(new PatchDiscriminatorSpec(
                    generator.outputChannels(), dFeatures, 3, DiscriminatorNorm.SPECTRAL), AdversarialLoss.LSGAN);
        } else {
            config = GanConfig.pix2pix(name, task, generator, steps);
            config = args.flag("no-gan") ? config.withDiscriminator(null, AdversarialLoss.LSGAN)
                    : config.withDiscriminator(new PatchDiscriminatorSpec(data.training().inputChannels()
                            + generator.outputChannels(), dFeatures, 3, DiscriminatorNorm.SPECTRAL),
                            AdversarialLoss.LSGAN);
            config = config.withWeights((float) args.number("adversarial-weight", 1),
                    (float) args.number("reconstruction-weight", 100));
        }
        float rate = (float) args.number("lr", 2e-4);
        return config.withRates(rate, rate).withSeed(args.longValue("seed", 1));
    }

    private static AdversarialTrainer trainer(ModelTask task, GanConfig config, TrainingData data, Device device,
            Path resume) throws IOException {
        if (task == ModelTask.STYLE) {
            return resume == null ? CycleGanTrainer.create(config, data.training(), data.validation(), device)
                    : CycleGanTrainer.resume(resume, data.training(), data.validation(), device);
        }
        return resume == null ? PairedGanTrainer.create(config, data.training(), data.validation(), device)
                : PairedGanTrainer.resume(resume, data.training(), data.validation(), device);
    }

    /** Runs the training; Ctrl-C asks it to stop after the current step and waits for the checkpoint. */
    private TrainingResult runWithInterrupt(AdversarialTrainer trainer, Path work) throws IOException {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicBoolean finished = new AtomicBoolean();
        Thread main = Thread.currentThread();
        Thread hook = new Thread(() -> {
            stop.set(true);
            try {
                // Let the training thread write its checkpoint before the JVM goes down.
                while (!finished.get() && main.isAlive()) {
                    Thread.sleep(100);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "imagej-gan stop training");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return trainer.run(work, new ProgressLines(out), new TaskMonitor() {
                @Override
                public void progress(long done, long total, String message) {
                }

                @Override
                public boolean isCancelled() {
                    return stop.get();
                }
            });
        } finally {
            finished.set(true);
            if (!stop.get()) {
                Runtime.getRuntime().removeShutdownHook(hook);
            }
        }
    }

    /** One line per stretch of steps and per validation, with the time left. */
    private static final class ProgressLines implements TrainingListener {

        private final PrintStream out;
        private long first;
        private double startSeconds = -1;
        private double[] sums = new double[4];
        private int count;

        ProgressLines(PrintStream out) {
            this.out = out;
        }

        @Override
        public void started(long firstStep, long totalSteps) {
            first = firstStep;
            out.printf("[imagej-gan] Training steps %d to %d%n", firstStep, totalSteps);
        }

        @Override
        public void stepDone(long step, long total, StepLosses losses, double seconds) {
            if (startSeconds < 0) {
                startSeconds = seconds;
            }
            sums[0] += losses.generatorAdversarial();
            sums[1] += losses.reconstruction();
            sums[2] += losses.discriminatorReal();
            sums[3] += losses.discriminatorFake();
            count++;
            long every = Math.max(1, total / 100);
            if (step % every == 0 || step == total) {
                double perStep = step > first ? (seconds - startSeconds) / (step - first) : 0;
                out.printf(Locale.ROOT, "[imagej-gan] step %d/%d  G_adv %.4f  G_rec %.4f  D_real %.4f  D_fake %.4f"
                        + "  %.2f s/step  ETA %s%n", step, total, sums[0] / count, sums[1] / count, sums[2] / count,
                        sums[3] / count, perStep, eta(perStep * (total - step)));
                sums = new double[4];
                count = 0;
            }
        }

        @Override
        public void validated(ValidationResult result) {
            out.printf(Locale.ROOT, "[imagej-gan] validation at step %d: %.2f dB (inputs %.2f dB)%n", result.step(),
                    result.psnr(), result.baseline());
        }

        private static String eta(double seconds) {
            long s = Math.round(seconds);
            return s >= 3600 ? (s / 3600) + "h" + (s % 3600 / 60) + "m" : (s / 60) + "m" + (s % 60) + "s";
        }
    }

    static Set<String> flags() {
        return Set.of("no-gan");
    }
}
