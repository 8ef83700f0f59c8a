package io.github.imagejgan.ij1;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import ij.IJ;
import ij.ImagePlus;
import ij.Macro;
import ij.WindowManager;
import ij.gui.GenericDialog;
import ij.measure.ResultsTable;
import ij.plugin.PlugIn;
import ij.plugin.frame.Recorder;
import io.github.imagejgan.image.ImagePlusImages;
import io.github.imagejgan.image.OutputType;
import io.github.imagejgan.metrics.EvaluationTable;
import io.github.imagejgan.metrics.ImageEvaluation;
import io.github.imagejgan.model.ModelEntry;
import io.github.imagejgan.model.ModelRegistry;
import io.github.imagejgan.model.ModelTask;
import io.github.imagejgan.predict.InpaintMask;
import io.github.imagejgan.predict.Operation;
import io.github.imagejgan.predict.PredictionOptions;
import io.github.imagejgan.predict.RoiLabels;
import io.github.imagejgan.predict.Synthesis;
import io.github.imagejgan.task.Failures;
import io.github.imagejgan.task.TaskMonitor;
import io.github.imagejgan.task.UserException;

/**
 * {@code Plugins > GAN} in plain ImageJ 1.x: Denoise..., Super-Resolution..., Inpaint..., Style Transfer...,
 * Make Isotropic... (with a model trained before),
 * Synthesize from Labels... and Evaluate..., with the macro keys of the Fiji commands ({@code model},
 * {@code outputtype}, {@code tile}, {@code device}, {@code channel}, {@code preview}, {@code fill},
 * {@code maskimage}, {@code direction}; {@code samples}, {@code seed}; {@code prediction}, {@code truth},
 * {@code intensities}, {@code perplane}). The argument from plugins.config
 * names the command.
 *
 * <p>In batch mode (a macro run with {@code -batch}) a failure never opens a dialog, which would wait forever on a
 * display nobody sees: the message goes to standard error and the run ends with exit status 1.
 */
public class GanPlugin implements PlugIn {

    @Override
    public void run(String arg) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        // ImageJ 1.x leaves the context class loader unset; DJL finds its engine through it.
        thread.setContextClassLoader(GanPlugin.class.getClassLoader());
        // The registry looks for shipped models in <imagej.dir>/models/imagej-gan, which Fiji's launcher names and
        // ImageJ 1.x does not: its own folder is the one holding plugins/ (-ijpath).
        if (System.getProperty("imagej.dir") == null && IJ.getDirectory("imagej") != null) {
            System.setProperty("imagej.dir", IJ.getDirectory("imagej"));
        }
        try {
            switch (arg) {
                case "evaluate" -> evaluate();
                case "synthesis" -> synthesize();
                default -> operate(ModelTask.fromId(arg));
            }
        } catch (RuntimeException | IOException e) {
            fail(Failures.message(e));
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static boolean batch() {
        return IJ.getInstance() == null || GraphicsEnvironmentHolder.headless();
    }

    private static void fail(String message) {
        if (batch()) {
            System.err.println("[imagej-gan] Error: " + message);
            System.err.flush();
            System.exit(1);
        }
        IJ.error("GAN", message);
    }

    private void operate(ModelTask task) throws IOException {
        ImagePlus image = WindowManager.getCurrentImage();
        if (image == null) {
            throw new UserException("No image: open an image first.");
        }
        String options = Macro.getOptions();
        MacroOptions o = new MacroOptions(options == null ? dialog(task) : options);
        String model = o.get("model", null);
        if (model == null) {
            throw new UserException("Give the model, e.g. model=denoise-general (names: "
                    + String.join(", ", names(task)) + ").");
        }
        String file = o.get("modelfile", null);
        Operation operation = new Operation(task, file != null ? file : model, o.choice("outputtype",
                outputLabel(task.defaultOutputType()), "Same as input", "32-bit float").equals("32-bit float")
                        ? OutputType.FLOAT32 : OutputType.SAME_AS_INPUT, o.get("tile", "auto"), o.get("device", "auto"),
                o.integer("channel", 0), o.flag("preview"), "B to A".equals(o.choice("direction", "A to B",
                        "A to B", "B to A")), Integer.parseInt(o.choice("ensemble", "1", "1", "4", "8")),
                o.get("strength", "auto"), o.integer("adapt", PredictionOptions.DEFAULT_ADAPTATION));
        String fill = o.choice("fill", "Selection", "Selection", "Mask image");
        String maskTitle = o.get("maskimage", null);
        ImagePlus result = operation.run(image, target -> mask(target, fill, maskTitle), new Ij1Monitor(),
                IJ::log);
        IJ.showProgress(1.0);
        result.show();
    }

    /** Synthesize from Labels: macro options only ({@code model}, {@code samples}, {@code seed}, ...). */
    private void synthesize() throws IOException {
        ImagePlus labels = WindowManager.getCurrentImage();
        if (labels == null) {
            throw new UserException("No image: open a label image first.");
        }
        String options = Macro.getOptions();
        MacroOptions o = new MacroOptions(options == null ? "" : options);
        String model = o.get("modelfile", o.get("model", null));
        if (model == null) {
            throw new UserException("Give the model, e.g. model=synth-nuclei-fluorescence (names: "
                    + String.join(", ", names(ModelTask.SYNTHESIS)) + ").");
        }
        Synthesis synthesis = new Synthesis(model, o.integer("samples", 1), o.integer("seed", 1), o.get("tile",
                "auto"), o.get("device", "auto"));
        // labels=[ROI Manager]: the ROIs painted over the current image's size, as the Fiji command's choice.
        ImagePlus result = RoiLabels.SOURCE.equalsIgnoreCase(o.get("labels", "Label image"))
                ? synthesis.run(labels, RoiLabels.roiManagerRois(), new Ij1Monitor(), IJ::log)
                : synthesis.run(labels, new Ij1Monitor(), IJ::log);
        IJ.showProgress(1.0);
        result.show();
    }

    private static InpaintMask mask(ImagePlus target, String fill, String maskTitle) {
        if ("Mask image".equals(fill)) {
            ImagePlus mask = maskTitle == null ? null : WindowManager.getImage(maskTitle);
            if (mask == null) {
                throw new UserException("No open image titled '" + maskTitle + "' to use as mask "
                        + "(maskimage=...).");
            }
            return InpaintMask.of(ImagePlusImages.wrap(mask));
        }
        return InpaintMask.of(target.getRoi(), target.getWidth(), target.getHeight());
    }

    private static List<String> names(ModelTask task) {
        List<String> names = new ArrayList<>();
        for (ModelEntry e : ModelRegistry.standard().list(task)) {
            names.add(e.name());
        }
        return names;
    }

    /**
     * The interactive dialog. It records the macro keys itself (the labels are for people), so that a recorded
     * macro reads exactly like one recorded in Fiji.
     */
    private static String dialog(ModelTask task) {
        List<String> names = names(task);
        GenericDialog gd = new GenericDialog("GAN " + task.id());
        gd.addStringField("Model (name or .zip file)", names.isEmpty() ? "" : names.get(0), 30);
        gd.addMessage("Installed " + task.id() + " models: " + (names.isEmpty() ? "none (give a .zip path)"
                : String.join(", ", names)));
        gd.addChoice("Output type", new String[] { "Same as input", "32-bit float" },
                outputLabel(task.defaultOutputType()));
        gd.addStringField("Tile size (auto or pixels)", "auto", 8);
        gd.addStringField("Device (auto, cpu, gpu:N)", "auto", 8);
        gd.addNumericField("Channel (0 = every channel)", 0, 0);
        gd.addChoice("Test-time ensemble (passes over flips)", new String[] { "1", "4", "8" }, "1");
        gd.addCheckbox("Preview current plane only", false);
        if (task == ModelTask.INPAINT) {
            gd.addChoice("Pixels to fill", new String[] { "Selection", "Mask image" }, "Selection");
            gd.addStringField("Mask image (title)", "", 20);
            gd.addStringField("Strength over the fill (auto or 0-1)", "auto", 8);
            gd.addNumericField("Adaptation steps (0 = off)", PredictionOptions.DEFAULT_ADAPTATION, 0);
        }
        if (task == ModelTask.STYLE) {
            gd.addChoice("Direction", new String[] { "A to B", "B to A" }, "A to B");
        }
        if (task == ModelTask.SUPER_RESOLUTION) {
            gd.addStringField("Strength over bicubic (auto or 0-1)", "auto", 8);
        }
        if (task == ModelTask.DENOISE) {
            gd.addStringField("Strength over the noisy image (auto or 0-1)", "auto", 8);
        }
        boolean recording = Recorder.record;
        Recorder.record = false;
        try {
            gd.showDialog();
        } finally {
            Recorder.record = recording;
        }
        if (gd.wasCanceled()) {
            throw new UserException("Cancelled.");
        }
        List<String[]> options = new ArrayList<>();
        options.add(new String[] { "model", gd.getNextString() });
        options.add(new String[] { "outputtype", gd.getNextChoice() });
        options.add(new String[] { "tile", gd.getNextString() });
        options.add(new String[] { "device", gd.getNextString() });
        options.add(new String[] { "channel", String.valueOf((int) gd.getNextNumber()) });
        options.add(new String[] { "ensemble", gd.getNextChoice() });
        boolean preview = gd.getNextBoolean();
        if (task == ModelTask.INPAINT) {
            options.add(new String[] { "fill", gd.getNextChoice() });
            options.add(new String[] { "maskimage", gd.getNextString() });
            options.add(new String[] { "strength", gd.getNextString() });
            options.add(new String[] { "adapt", String.valueOf((int) gd.getNextNumber()) });
        }
        if (task == ModelTask.STYLE) {
            options.add(new String[] { "direction", gd.getNextChoice() });
        }
        if (task == ModelTask.SUPER_RESOLUTION || task == ModelTask.DENOISE) {
            options.add(new String[] { "strength", gd.getNextString() });
        }
        StringBuilder s = new StringBuilder();
        for (String[] o : options) {
            s.append(o[0]).append("=[").append(o[1]).append("] ");
            if (recording) {
                Recorder.recordOption(o[0], o[1]);
            }
        }
        if (preview) {
            s.append("preview");
            if (recording) {
                Recorder.recordOption("preview");
            }
        }
        return s.toString();
    }

    private void evaluate() {
        String options = Macro.getOptions();
        MacroOptions o = new MacroOptions(options == null ? "" : options);
        ImagePlus prediction = WindowManager.getImage(o.get("prediction", ""));
        ImagePlus truth = WindowManager.getImage(o.get("truth", ""));
        if (prediction == null || truth == null) {
            throw new UserException("Give open images: prediction=[title] truth=[title].");
        }
        boolean raw = o.choice("intensities", "normalized", "normalized", "raw").equals("raw");
        List<ImageEvaluation.Scores> scores = ImageEvaluation.evaluate(ImagePlusImages.wrap(truth),
                ImagePlusImages.wrap(prediction), raw ? ImageEvaluation.Mode.RAW : ImageEvaluation.Mode.NORMALIZED);
        ResultsTable table = ResultsTable.getResultsTable();
        boolean perPlane = o.flag("perplane");
        EvaluationTable.add(table, prediction.getTitle(), truth.getTitle(), scores, perPlane);
        table.show("Results");
        IJ.log(String.format(Locale.ROOT, "imagej-gan: PSNR %.2f dB, SSIM %.4f, NRMSE %.4f",
                scores.get(scores.size() - 1).psnr(), scores.get(scores.size() - 1).ssim(),
                scores.get(scores.size() - 1).nrmse()));
    }

    /** Progress on ImageJ's bar; Esc cancels. */
    private static final class Ij1Monitor implements TaskMonitor {

        Ij1Monitor() {
            IJ.resetEscape();
        }

        @Override
        public void report(String finding) {
            IJ.log(finding);
        }

        @Override
        public void progress(long done, long total, String message) {
            IJ.showStatus(message);
            IJ.showProgress(done >= total ? 1.0 : done / (double) total);
        }

        @Override
        public boolean isCancelled() {
            return IJ.escapePressed();
        }
    }

    /** Whether AWT has a display; kept apart so the check reads as what it is. */
    private static final class GraphicsEnvironmentHolder {
        static boolean headless() {
            return java.awt.GraphicsEnvironment.isHeadless();
        }
    }

    private static String outputLabel(OutputType type) {
        return type == OutputType.FLOAT32 ? "32-bit float" : "Same as input";
    }
}
