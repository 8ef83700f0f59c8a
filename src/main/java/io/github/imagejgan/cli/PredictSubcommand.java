package io.github.imagejgan.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import ij.ImagePlus;
import io.github.imagejgan.image.HeapBudget;
import io.github.imagejgan.image.ImageFiles;
import io.github.imagejgan.image.ImagePlusImages;
import io.github.imagejgan.model.ModelTask;
import io.github.imagejgan.predict.InpaintMask;
import io.github.imagejgan.predict.Operation;
import io.github.imagejgan.task.Failures;
import io.github.imagejgan.task.TaskMonitor;
import io.github.imagejgan.task.UserException;
import io.github.imagejgan.train.TrainingDefaults;
import io.github.imagejgan.train.TrainingLog;

/**
 * {@code denoise|sr|inpaint|style}: runs a model over files, folders and globs, writing TIFFs (bit depth and
 * calibration kept) into the output folder. Each output is written atomically; outputs that exist are skipped
 * unless {@code --overwrite}, so a killed run, run again, completes the rest. A file that fails is reported and the
 * run goes on; the exit status is 1 if any file failed.
 */
final class PredictSubcommand {

    static final String HELP = """
            denoise|sr|inpaint|style --model NAME|FILE.zip --out DIR [options] IN...
              IN: image files, folders, or globs (*.tif); TIFF, PNG, JPEG, DICOM... in, TIFF out: DIR/<name>.tif
                  (DIR must not hold the inputs, and two inputs must not share a name)
              options: --overwrite --output-type same|float (default: float for denoise and sr) --tile auto|16..16384 --device auto|cpu|gpu:N
                       --channel N (1 = first, 0 = every channel) --mask FILE|DIR (inpaint: one mask, or same names
                       in DIR)
                       --direction a-to-b|b-to-a (style)
                       --ensemble 1|4|8 (average the network over flips of each tile: 4 or 8 times the time,
                       less error; default 1, and 8 with --self-supervised)
                       --strength auto|0..1 (denoise, sr and inpaint: the share of the network's correction over
                       the noisy image, bicubic interpolation, or the classical fill of the holes, that the result
                       keeps; auto, the default, fits it on each image: for denoising, a mix with non-local means
                       and Wiener filters guided by the network where the noise is near Gaussian and white,
                       refined by a block-matched Wiener filter guided by that mix, else a share where
                       the noise is faint, and where the noise is spread over neighbouring pixels the
                       network of MODEL-spread if installed (denoise-general-spread); for x2
                       models and fill-based inpainting models, where it also adds a non-local fill
                       (the known pixels whose surroundings match each missing pixel's) with its share
                       fitted the same way)
                       --adapt N (inpaint: steps a copy of the network learns on each image's own known pixels,
                       hidden in shifted copies of its holes, before it fills them; default 12, 4 to 9 s on
                       two CPU cores; a stack is fitted once, N steps for each plane with holes up to four
                       planes' worth; 0 for the network as trained)""";

    private final PrintStream out;
    private final PrintStream err;

    PredictSubcommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    static Set<String> flags() {
        return Set.of("overwrite", InputsTraining.SELF_SUPERVISED, "pairs");
    }

    int run(String name, CommandLine args) throws IOException {
        ModelTask task = OperationOptions.task(name);
        Path folder = args.path("out");
        if (folder == null) {
            throw new UsageException("Missing --out DIR.");
        }
        InputsTraining training = null;
        if (args.flag(InputsTraining.SELF_SUPERVISED)) {
            if (task != ModelTask.DENOISE || args.has("model")) {
                throw new UsageException("--self-supervised trains its own model, for denoise only: leave out "
                        + "--model.");
            }
            training = InputsTraining.selfSupervised(args, folder);
        }
        if (task == ModelTask.ISOTROPIC && !args.has("model")) {
            training = InputsTraining.isotropic(args, folder);
        }
        Operation operation = training == null ? OperationOptions.operation(task, args, args.required("model"))
                : OperationOptions.operation(task, args, training.model().toString(), task == ModelTask.DENOISE
                        ? TrainingDefaults.ImagesRun.SELF_SUPERVISED_ENSEMBLE : 1);
        Path mask = args.path("mask");
        boolean overwrite = args.flag("overwrite");
        args.rejectUnknown();
        if (task == ModelTask.INPAINT && mask == null) {
            throw new UsageException("Inpainting needs --mask FILE or --mask DIR.");
        }
        List<Path> inputs = InputFiles.expand(args.positional());
        InputFiles.requireDistinctOutputs(inputs);
        try (OutputFolder outputs = OutputFolder.open(folder, inputs)) {
            if (training != null) {
                try (StopOnSignal stop = StopOnSignal.install()) {
                    if (!training.train(inputs, out, stop)) {
                        err.println("[imagej-gan] Stopped before processing the images; run the same command again "
                                + "to resume.");
                        return 1;
                    }
                }
            }
            try (Operation.Session session = operation.open(out::println)) {
                return process(inputs, outputs, session, mask, overwrite);
            }
        }
    }

    /** A monitor that prints what the run finds in the image ({@link TaskMonitor#report}), after its progress. */
    private TaskMonitor findings(String progress) {
        return new TaskMonitor() {
            @Override
            public void progress(long done, long total, String message) {
            }

            @Override
            public void report(String finding) {
                out.println("[imagej-gan] " + progress + ": " + finding);
            }

            @Override
            public boolean isCancelled() {
                return false;
            }
        };
    }

    /** Runs the model over every input; returns the exit status. */
    private int process(List<Path> inputs, OutputFolder outputs, Operation.Session session, Path mask,
            boolean overwrite) {
        int failed = 0;
        int skipped = 0;
        long start = System.nanoTime();
        for (int i = 0; i < inputs.size(); i++) {
            Path input = inputs.get(i);
            Path target = outputs.target(input);
            String progress = (i + 1) + "/" + inputs.size() + " " + input.getFileName();
            if (!overwrite && Files.exists(target)) {
                skipped++;
                out.println("[imagej-gan] " + progress + ": exists, skipped (--overwrite replaces it)");
                continue;
            }
            try {
                ImagePlus image = ImageFiles.open(input);
                ImagePlus result = session.run(image, t -> inpaintMask(mask, input, t), findings(progress));
                ImageFiles.saveTiff(result, target);
                double elapsed = (System.nanoTime() - start) / 1e9;
                int done = i + 1 - skipped;
                out.println(String.format(Locale.ROOT, "[imagej-gan] %s -> %s (ETA %s)", progress,
                        target.getFileName(), TrainingLog.eta(elapsed / done * (inputs.size() - i - 1))));
            } catch (IOException | RuntimeException e) {
                failed++;
                err.println("[imagej-gan] " + progress + " failed: " + Failures.message(e));
            } catch (OutOfMemoryError e) {
                // NB: this file's images and tiles are garbage once the iteration is left; the next file can have
                // the whole heap again.
                failed++;
                err.println("[imagej-gan] " + progress + " failed: " + HeapBudget.outOfMemory(input).getMessage());
            }
        }
        out.println("[imagej-gan] " + (inputs.size() - failed - skipped) + " written, " + skipped + " skipped, "
                + failed + " failed");
        return failed == 0 ? 0 : 1;
    }

    private static InpaintMask inpaintMask(Path mask, Path input, ImagePlus target) {
        try {
            Path file = Files.isDirectory(mask) ? mask.resolve(input.getFileName()) : mask;
            return InpaintMask.of(ImagePlusImages.wrap(ImageFiles.open(file)));
        } catch (IOException e) {
            throw new UserException("Mask for " + input.getFileName() + ": " + e.getMessage(), e);
        }
    }
}
