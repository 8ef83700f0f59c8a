package io.github.imagejgan.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import ij.ImagePlus;
import io.github.imagejgan.degrade.Descriptions;
import io.github.imagejgan.image.ImageFiles;
import io.github.imagejgan.predict.Synthesis;
import io.github.imagejgan.synth.LabelledDataset;
import io.github.imagejgan.synth.LabelledPhantom;
import io.github.imagejgan.task.Failures;
import io.github.imagejgan.task.TaskMonitor;

/**
 * {@code synthesize}: turns label images into images with a synthesis model, writing one TIFF per label image (a
 * stack of the samples when there are several). As for the other models, outputs that exist are skipped unless
 * {@code --overwrite}, a file that fails is reported and the run goes on, and the exit status is 1 if any failed.
 */
final class SynthesizeSubcommand {

    static final String HELP = """
            synthesize --model NAME|FILE.zip --out DIR [options] LABELS...
              LABELS: label images (whole ids; 0 is background), folders, or globs; TIFF out: DIR/<name>.tif
              options: --samples 1 (several: a stack, one slice per sample) --seed 1 (sample i uses seed + i)
                       --overwrite --tile auto|16..16384 --device auto|cpu|gpu:N
            synthesize --model NAME|FILE.zip --phantom nuclei --count N --out DIR [--size 256|WxH] [--seed 1]
              training data: N random label layouts of the phantom, each painted by the model with its own noise,
              as DIR/labels/NNN.tif and DIR/images/NNN.tif (DIR new or empty)""";

    private final PrintStream out;
    private final PrintStream err;

    SynthesizeSubcommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    static Set<String> flags() {
        return Set.of("overwrite");
    }

    int run(CommandLine args) throws IOException {
        Path folder = args.path("out");
        if (folder == null) {
            throw new UsageException("Missing --out DIR.");
        }
        Synthesis synthesis;
        try {
            synthesis = new Synthesis(args.required("model"), args.integer("samples", 1), args.longValue("seed", 1),
                    args.string("tile", "auto"), args.string("device", "auto"));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        if (args.has("phantom")) {
            return generate(args, synthesis, folder);
        }
        boolean overwrite = args.flag("overwrite");
        args.rejectUnknown();
        List<Path> inputs = InputFiles.expand(args.positional());
        InputFiles.requireDistinctOutputs(inputs);
        int failed = 0;
        int written = 0;
        try (OutputFolder outputs = OutputFolder.open(folder, inputs);
                Synthesis.Session session = synthesis.open(out::println)) {
            for (int i = 0; i < inputs.size(); i++) {
                Path input = inputs.get(i);
                Path target = outputs.target(input);
                String progress = (i + 1) + "/" + inputs.size() + " " + input.getFileName();
                if (!overwrite && Files.exists(target)) {
                    out.println("[imagej-gan] " + progress + ": exists, skipped (--overwrite replaces it)");
                    continue;
                }
                try {
                    ImagePlus result = session.run(ImageFiles.open(input), TaskMonitor.NONE);
                    ImageFiles.saveTiff(result, target);
                    written++;
                    out.println("[imagej-gan] " + progress + " -> " + target.getFileName());
                } catch (IOException | RuntimeException e) {
                    failed++;
                    err.println("[imagej-gan] " + progress + " failed: " + Failures.message(e));
                }
            }
        }
        out.println("[imagej-gan] " + written + " written, " + failed + " failed");
        return failed == 0 ? 0 : 1;
    }

    /** Label/image pairs for training: the phantom's scenes as labels, the model's pictures of them as images. */
    private int generate(CommandLine args, Synthesis synthesis, Path folder) throws IOException {
        LabelledPhantom phantom = LabelledDataset.phantom(args.required("phantom"), args.string("size", "256"));
        int count = args.integer("count", 0);
        if (count < 1) {
            throw new UsageException("Give --count N, the number of label/image pairs to write.");
        }
        args.rejectUnknown();
        if (!args.positional().isEmpty()) {
            throw new UsageException("--phantom draws its own label images: give no LABELS.");
        }
        try (Synthesis.Session session = synthesis.open(out::println)) {
            List<String> names = LabelledDataset.write(folder, phantom,
                    (scene, labels, seed) -> session.sample(labels, seed, TaskMonitor.NONE),
                    Descriptions.of("images", "synthesized by model '" + session.modelName() + "'"), count,
                    args.longValue("seed", 1), TaskMonitor.NONE);
            out.println("[imagej-gan] " + names.size() + " label/image pairs in " + folder);
        }
        return 0;
    }
}
