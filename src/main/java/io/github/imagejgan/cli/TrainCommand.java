package io.github.imagejgan.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.imagejgan.image.DeviceChoice;
import io.github.imagejgan.image.DeviceSelector;
import io.github.imagejgan.model.ModelPackage;
import io.github.imagejgan.model.ModelTask;
import io.github.imagejgan.nn.AdversarialLoss;
import io.github.imagejgan.nn.ReconstructionLoss;
import io.github.imagejgan.task.TaskMonitor;
import io.github.imagejgan.train.AdversarialTrainer;
import io.github.imagejgan.train.TrainingData;
import io.github.imagejgan.train.TrainingLog;
import io.github.imagejgan.train.TrainingRequest;
import io.github.imagejgan.train.TrainingResult;

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
                       --d-features 64 --loss lsgan|hinge|bce --reconstruction l1|ssim
                       --adversarial-weight 1 --reconstruction-weight 100 --no-gan
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
        TrainingRequest request = request(args, target);
        String description = args.string("description", null);
        Path work = args.has("work") ? args.path("work") : target.toAbsolutePath().getParent();
        DeviceChoice device = DeviceSelector.select(args.string("device", "auto"));
        args.rejectUnknown();
        Files.createDirectories(work);
        out.println("[imagej-gan] Device: " + device.description());
        TrainingData data = request.data();
        data.warnings().forEach(w -> out.println("[imagej-gan] Warning: " + w));
        try (AdversarialTrainer trainer = request.trainer(data, device.device(), resume)) {
            TrainingResult result = runWithInterrupt(trainer, work);
            ModelPackage.exportModel(result.best(), target,
                    d -> description == null ? d : d.withName(d.name(), description));
            out.printf(Locale.ROOT, "[imagej-gan] %s after %d steps (%.0f s); best validation %.2f dB. Model: %s;"
                    + " checkpoint to resume: %s%n", result.cancelled() ? "Stopped" : "Finished", result.steps(),
                    result.seconds(), result.bestPsnr(), target, result.last());
            return 0;
        }
    }

    private static TrainingRequest request(CommandLine args, Path target) {
        ModelTask task = ModelTask.fromId(args.required("task"));
        TrainingRequest.Layout layout = task == ModelTask.STYLE ? TrainingRequest.Layout.UNPAIRED
                : args.has("clean") ? TrainingRequest.Layout.DEGRADED : TrainingRequest.Layout.PAIRED;
        Path first = switch (layout) {
            case UNPAIRED -> Path.of(args.required("domain-a"));
            case DEGRADED -> Path.of(args.required("clean"));
            case PAIRED -> Path.of(args.required("input"));
        };
        Path second = switch (layout) {
            case UNPAIRED -> Path.of(args.required("domain-b"));
            case DEGRADED -> null;
            case PAIRED -> Path.of(args.required("target"));
        };
        return new TrainingRequest(task, args.string("name", target.getFileName().toString().replaceFirst(
                "\\.zip$", "")), layout, first, second, args.string("degradation", null),
                args.integer("features", 32), args.integer("depth", 3), args.integer("blocks", 8),
                args.integer("scale", 2), args.integer("d-features", 64), !args.flag("no-gan"),
                choice(AdversarialLoss.class, args.string("loss", "lsgan"), "adversarial loss"),
                choice(ReconstructionLoss.class, args.string("reconstruction", "l1"), "reconstruction loss"),
                (float) args.number("adversarial-weight", 1), (float) args.number("reconstruction-weight", 100),
                args.longValue("steps", 2000), args.integer("patch", 128), args.integer("batch", 8),
                (float) args.number("lr", 2e-4), args.longValue("seed", 1), args.number("validation", 0.1));
    }

    private static <E extends Enum<E>> E choice(Class<E> type, String name, String what) {
        try {
            return TrainingRequest.loss(type, name, what);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
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
            return trainer.run(work, new TrainingLog(out::println), new TaskMonitor() {
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

    static Set<String> flags() {
        return Set.of("no-gan");
    }
}
