package io.github.imagejgan.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

import io.github.imagejgan.image.DeviceChoice;
import io.github.imagejgan.image.DeviceSelector;
import io.github.imagejgan.model.ModelFormatException;
import io.github.imagejgan.model.ModelPackage;
import io.github.imagejgan.model.ModelTask;
import io.github.imagejgan.nn.AdversarialLoss;
import io.github.imagejgan.nn.ReconstructionLoss;
import io.github.imagejgan.nn.SpadeSpec;
import io.github.imagejgan.task.UserException;
import io.github.imagejgan.train.AdversarialTrainer;
import io.github.imagejgan.train.BlindSpot;
import io.github.imagejgan.train.Checkpoint;
import io.github.imagejgan.train.GeneratorShape;
import io.github.imagejgan.train.NeighbourPairs;
import io.github.imagejgan.train.RunSettings;
import io.github.imagejgan.train.StartingWeights;
import io.github.imagejgan.train.TrainingData;
import io.github.imagejgan.train.TrainingDefaults;
import io.github.imagejgan.train.TrainingLog;
import io.github.imagejgan.train.TrainingOutputs;
import io.github.imagejgan.train.TrainingRequest;
import io.github.imagejgan.train.TrainingResult;

/**
 * {@code train}: trains a GAN on folders of images and writes a model package. Ctrl-C and SIGTERM stop between two
 * steps and still write the checkpoint, which {@code --resume} continues with the settings it was started with.
 */
final class TrainSubcommand {

    static final String HELP = """
            train --task denoise|super-resolution|inpaint|style|synthesis --out MODEL.zip DATA [options]
              DATA, one of:
                --input DIR --target DIR         pairs matched by file name (super-resolution: larger targets)
                --clean DIR --degradation SPEC   inputs made from clean images, e.g. gaussian:sigma=20
                --domain-a DIR --domain-b DIR    unpaired domains (style)
                --labels DIR --images DIR        label images and their images, matched by name (synthesis;
                  [--instances]: each object its own id; always a GAN, hinge loss, no reconstruction, patch >= 64)
                --noisy DIR                      noisy images alone (denoise, self-supervised: blind spots)
                  [--mask-fraction 0.05] [--struct-mask x:N|y:N]  (noise correlated along x or y: mask N
                                                                   neighbours on each side too)
                --slices N                       denoise single-channel z-stacks (--input, --clean or --noisy)
                                                   from N neighbouring slices, N odd (2.5D); 1 = each slice alone
                  [--volumetric]                 with a 3D U-Net (3D convolutions over the slices; with --gan a
                                                   3D PatchGAN); N at most 2 * depth + 3
                  with --clean, a 3D PSF: --degradation "zblur:sigma=S + defocus:sigma=L,haze=0 + NOISE"
                                                   (blur along z of S slices, then laterally, then noise)
              options: --steps 2000 --patch 64 --batch 8 --features 32 --depth 3 --blocks 8 --scale 2
                       --reconstruction l1|l2|ssim|log-l1|log-l2 --reconstruction-weight 100
                       --noise-map (denoise or super-resolution from --input or --clean, single planes: the
                                    network also sees the noise level estimated from the whole image; on
                                    where --start's model has it; with --start of a model without one, the
                                    map's weights start at zero)
                       --gan (train against a PatchGAN; off by default except for style) with
                         --d-features 64 --loss lsgan|hinge|bce --adversarial-weight 1
                       --lr 4e-4 --seed 1 --validation 0.1 --device auto|cpu|gpu:N --name NAME
                       --average-weights 0 (0: the model is the weights of one step; a decay such as 0.999:
                                            the moving average of the generator's weights over about the
                                            last 1 / (1 - decay) steps, which validation scores too)
                       --description TEXT --work DIR (checkpoints; default: beside --out)
                       --model best|last (the model written to --out: the best validation, default, or the
                                          last step, where validation PSNR pooled over patches does not
                                          rank models as the measure that matters does)
                       --resume CHECKPOINT.zip (continues with the checkpoint's task, name, networks, losses,
                                                rates, seed and slices; give the data, --steps, --patch,
                                                --batch)
                       --start MODEL|MODEL.zip  (fine-tuning: a new run's generator starts from the weights of a
                                                model, e.g. a shipped one; network sizes left out are the
                                                model's; a U-Net may grow: --features more than its own;
                                                denoise, super-resolution, inpaint)""";

    private final PrintStream out;

    TrainSubcommand(PrintStream out) {
        this.out = out;
    }

    int run(CommandLine args) throws IOException {
        Path target = args.path("out");
        if (target == null) {
            throw new UsageException("Missing --out MODEL.zip.");
        }
        Path resume = args.path("resume");
        Checkpoint checkpoint = resume == null ? null : Checkpoint.open(resume);
        StartingWeights start = start(args, checkpoint);
        TrainingRequest request = request(args, target, checkpoint, start == null ? GeneratorShape.NONE
                : start.shape());
        String description = args.string("description", null);
        String kept = args.string("model", "best");
        if (!kept.equals("best") && !kept.equals("last")) {
            throw new UsageException("--model takes best or last, not '" + kept + "'.");
        }
        boolean keepLast = kept.equals("last");
        Path work = args.has("work") ? args.path("work") : target.toAbsolutePath().getParent();
        String deviceName = args.string("device", "auto");
        usageCheck(() -> DeviceSelector.requireValid(deviceName));
        DeviceChoice device = DeviceSelector.select(deviceName);
        args.rejectUnknown();
        if (checkpoint != null) {
            usageCheck(() -> request.requireContinues(checkpoint));
        }
        TrainingOutputs outputs = TrainingOutputs.prepare(work, request.name(), target);
        out.println("[imagej-gan] Device: " + device.description());
        TrainingData data = request.data();
        data.warnings().forEach(w -> out.println("[imagej-gan] Warning: " + w));
        if (start != null) {
            start.fitting(request, data, m -> out.println("[imagej-gan] " + m));
        }
        // NB: the stop watch closes last, after the trainer has freed its native memory (see StopOnSignal).
        try (StopOnSignal stop = StopOnSignal.install();
                AdversarialTrainer trainer = request.trainer(data, device.device(), checkpoint, start)) {
            TrainingResult result;
            try {
                result = trainer.run(work, new TrainingLog(out::println), stop);
                ModelPackage.exportModel(keepLast ? result.last() : result.best(), target,
                        d -> description == null ? d : d.withName(d.name(), description));
            } catch (IOException | RuntimeException e) {
                throw outputs.failure(e);
            }
            out.printf(Locale.ROOT, "[imagej-gan] %s after %d steps (%.0f s); best validation %.2f dB. Model (%s):"
                    + " %s; checkpoint to resume: %s%n", result.cancelled() ? "Stopped" : "Finished", result.steps(),
                    result.seconds(), result.bestPsnr(), keepLast ? "last step" : "best validation",
                    target, result.last());
            return 0;
        }
    }

    /**
     * The request the options make. When resuming, options left out take the checkpoint's values, so that only an
     * option given explicitly can differ from them (and is then refused); when starting from a model's weights,
     * network sizes left out take the model's ({@code started}; {@link GeneratorShape#NONE} for random
     * weights).
     */
    private static TrainingRequest request(CommandLine args, Path target, Checkpoint checkpoint,
            GeneratorShape started) {
        RunSettings saved = checkpoint == null ? null : RunSettings.of(checkpoint.config());
        ModelTask task = task(saved == null ? args.required("task") : args.string("task", saved.task().id()));
        TrainingRequest.Layout layout = task == ModelTask.STYLE ? TrainingRequest.Layout.UNPAIRED
                : args.has("noisy") ? TrainingRequest.Layout.NOISY
                        : args.has("clean") ? TrainingRequest.Layout.DEGRADED : TrainingRequest.Layout.PAIRED;
        boolean noisy = layout == TrainingRequest.Layout.NOISY;
        boolean synthesis = task == ModelTask.SYNTHESIS;
        Path first = switch (layout) {
            case UNPAIRED -> Path.of(args.required("domain-a"));
            case DEGRADED -> Path.of(args.required("clean"));
            case PAIRED -> Path.of(args.required(synthesis ? "labels" : "input"));
            case NOISY -> Path.of(args.required("noisy"));
        };
        Path second = switch (layout) {
            case UNPAIRED -> Path.of(args.required("domain-b"));
            case DEGRADED, NOISY -> null;
            case PAIRED -> Path.of(args.required(synthesis ? "images" : "target"));
        };
        String inputs = noisy ? blindSpot(args) : synthesis ? labels(args, checkpoint)
                : args.string("degradation", null);
        String name = args.string("name", or(saved, RunSettings::name, target.getFileName().toString()
                .replaceFirst("\\.zip$", "")));
        return usage(() -> new TrainingRequest(task, name, layout, first, second, inputs,
                args.integer("features", or(saved, RunSettings::features, started.or(GeneratorShape::features,
                        TrainingDefaults.FEATURES))),
                args.integer("depth", or(saved, RunSettings::depth, started.or(GeneratorShape::depth,
                        TrainingDefaults.DEPTH))),
                args.integer("blocks", or(saved, RunSettings::blocks, started.or(GeneratorShape::blocks,
                        TrainingDefaults.BLOCKS))),
                args.integer("scale", or(saved, RunSettings::scale, started.or(GeneratorShape::scale,
                        TrainingDefaults.SCALE))),
                args.integer("d-features", or(saved, RunSettings::discriminatorFeatures,
                        TrainingDefaults.DISCRIMINATOR_FEATURES)),
                !noisy && gan(args, or(saved, RunSettings::adversarial, synthesis || TrainingDefaults.ADVERSARIAL)),
                choice(AdversarialLoss.class, args.string("loss", null), or(saved, RunSettings::adversarialLoss,
                        synthesis ? AdversarialLoss.HINGE : TrainingDefaults.ADVERSARIAL_LOSS), "adversarial loss"),
                choice(ReconstructionLoss.class, args.string("reconstruction", null), or(saved,
                        RunSettings::reconstructionLoss, noisy ? TrainingDefaults.SELF_SUPERVISED_LOSS
                                : TrainingDefaults.RECONSTRUCTION_LOSS), "reconstruction loss"),
                (float) args.number("adversarial-weight", or(saved, RunSettings::adversarialWeight,
                        TrainingDefaults.ADVERSARIAL_WEIGHT)),
                (float) args.number("reconstruction-weight", or(saved, RunSettings::reconstructionWeight,
                        synthesis ? 0f : TrainingDefaults.RECONSTRUCTION_WEIGHT)),
                args.longValue("steps", checkpoint == null ? TrainingDefaults.STEPS
                        : checkpoint.config().schedule().steps()),
                args.integer("patch", TrainingDefaults.PATCH), args.integer("batch", TrainingDefaults.BATCH),
                (float) args.number("lr", or(saved, RunSettings::learningRate, (float) TrainingDefaults.LEARNING_RATE)),
                args.longValue("seed", or(saved, RunSettings::seed, TrainingDefaults.SEED)),
                args.number("validation", TrainingDefaults.VALIDATION_FRACTION),
                sliceHalo(args.integer("slices", 2 * or(saved, RunSettings::sliceHalo, 0) + 1)),
                args.flag("volumetric") || checkpoint != null && saved.volumetric(),
                args.flag("noise-map") || started.noiseMap() || checkpoint != null && saved.noiseMap(),
                (float) args.number("average-weights", or(saved, RunSettings::weightAverage,
                        TrainingDefaults.WEIGHT_AVERAGE))));
    }

    /** The weights that {@code --start} names (null: random); a resumed run continues its own weights instead. */
    private static StartingWeights start(CommandLine args, Checkpoint checkpoint) throws IOException {
        if (!args.has("start")) {
            return null;
        }
        if (checkpoint != null) {
            throw new UsageException("Give --start or --resume, not both: a resumed run continues its checkpoint's "
                    + "weights.");
        }
        try {
            return StartingWeights.named(args.string("start", StartingWeights.NONE), false);
        } catch (UserException e) {
            throw new UsageException("--start: " + e.getMessage());
        }
    }

    /** Neighbours on each side of the restored slice, from {@code --slices}, the odd number of slices seen. */
    private static int sliceHalo(int slices) {
        if (slices < 1 || slices % 2 == 0) {
            throw new UsageException("--slices must be an odd number of slices (1, 3, 5, ...): the slice restored "
                    + "and as many neighbours above as below; got " + slices + ".");
        }
        return (slices - 1) / 2;
    }

    /** Whether to train with a discriminator: {@code --gan} or {@code --no-gan} where given, else the fallback. */
    private static boolean gan(CommandLine args, boolean fallback) {
        boolean on = args.flag("gan");
        boolean off = args.flag("no-gan");
        if (on && off) {
            throw new UsageException("Give --gan or --no-gan, not both.");
        }
        return on || !off && fallback;
    }

    /**
     * The kind of labels of a synthesis run: instances with {@code --instances}, else classes; a resumed run keeps
     * its checkpoint's.
     */
    private static String labels(CommandLine args, Checkpoint checkpoint) {
        boolean saved = checkpoint != null && checkpoint.config().networks().generator() instanceof SpadeSpec spade
                && spade.instances();
        return args.flag("instances") || saved ? TrainingRequest.INSTANCE_LABELS : TrainingRequest.CLASS_LABELS;
    }

    /** The blind-spot masking that {@code --mask-fraction} and {@code --struct-mask} describe. */
    static String blindSpot(CommandLine args) {
        if (args.flag("pairs")) {
            return NeighbourPairs.DEFAULT.spec();
        }
        String spec = "fraction=" + args.number("mask-fraction", BlindSpot.DEFAULT_FRACTION);
        String struct = args.string("struct-mask", null);
        return usage(() -> BlindSpot.parse(struct == null ? spec : spec + ",struct=" + struct).spec());
    }

    private static ModelTask task(String id) {
        try {
            return ModelTask.fromId(id);
        } catch (ModelFormatException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** A checkpoint's value of a setting, or {@code fallback} for a new run or a setting its networks lack. */
    private static <T> T or(RunSettings saved, Function<RunSettings, T> setting, T fallback) {
        T value = saved == null ? null : setting.apply(saved);
        return value == null ? fallback : value;
    }

    private static <E extends Enum<E>> E choice(Class<E> type, String name, E fallback, String what) {
        return name == null ? fallback : usage(() -> TrainingRequest.loss(type, name, what));
    }

    /** Runs a check of the settings; what it refuses is a wrong command line (exit code 2). */
    private static <T> T usage(Supplier<T> check) {
        try {
            return check.get();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static void usageCheck(Runnable check) {
        usage(() -> {
            check.run();
            return null;
        });
    }

    static Set<String> flags() {
        return Set.of("gan", "no-gan", "instances", "volumetric", "pairs", "noise-map");
    }
}
