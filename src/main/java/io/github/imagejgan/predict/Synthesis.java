package io.github.imagejgan.predict;

import java.io.IOException;
import java.util.function.Consumer;

import ij.ImagePlus;
import ij.ImageStack;
import ij.gui.Roi;
import io.github.imagejgan.image.DeviceChoice;
import io.github.imagejgan.image.DeviceSelector;
import io.github.imagejgan.image.OutputType;
import io.github.imagejgan.model.LoadedModel;
import io.github.imagejgan.model.ModelEntry;
import io.github.imagejgan.model.ModelPackage;
import io.github.imagejgan.model.ModelRegistry;
import io.github.imagejgan.model.ModelTask;
import io.github.imagejgan.task.TaskMonitor;
import io.github.imagejgan.task.UserException;

/**
 * One run of Synthesize from Labels as users describe it, shared by the Fiji command, the macro bridge and the
 * command line: a label image in, {@code samples} images out, each from other noise. Sample {@code i} uses the
 * noise of seed {@code seed + i}, so the same labels, seed and model always give the same images.
 *
 * @param model   a model name, or the path of a .zip package
 * @param samples images to make, 1 or more
 * @param seed    seed of the first sample's noise
 * @param tile    "auto" or a tile size in pixels (see {@link TileSizes#parse})
 * @param device  auto, cpu, gpu or gpu:N
 */
public record Synthesis(String model, int samples, long seed, String tile, String device) {

    /** More samples than anyone looks through; bounds a typo's memory. */
    public static final int MAX_SAMPLES = 1000;

    public Synthesis {
        if (model == null || model.isBlank()) {
            throw new UserException("Choose a synthesis model (a name from Manage Models, or a .zip file).");
        }
        if (samples < 1 || samples > MAX_SAMPLES) {
            throw new UserException("Samples must be 1 to " + MAX_SAMPLES + ", got " + samples + ".");
        }
        TileSizes.parse(tile);
        DeviceSelector.requireValid(device);
    }

    /** Synthesizes from {@code labels}; {@code log} receives one line saying which model runs where. */
    public ImagePlus run(ImagePlus labels, TaskMonitor monitor, Consumer<String> log) throws IOException {
        if (labels == null) {
            throw new UserException("No image: open a label image first.");
        }
        try (Session session = open(log)) {
            return session.run(labels, monitor);
        }
    }

    /**
     * Synthesizes from regions of interest painted as labels over {@code image}'s size (see {@link RoiLabels});
     * {@code log} receives one line saying which model runs where.
     */
    public ImagePlus run(ImagePlus image, Roi[] rois, TaskMonitor monitor, Consumer<String> log) throws IOException {
        if (image == null) {
            throw new UserException("No image: open the image the ROIs belong to first.");
        }
        String title = Predictor.baseTitle(image.getTitle()) + "-roi-labels";
        try (Session session = open(log)) {
            return session.run(rois, image.getWidth(), image.getHeight(), title, monitor);
        }
    }

    /** Loads the model once, for many label images. */
    public Session open(Consumer<String> log) throws IOException {
        ModelEntry entry = ModelRegistry.standard().find(model);
        DeviceChoice chosen = DeviceSelector.select(device);
        log.accept("imagej-gan: synthesis with model '" + entry.name() + "' on " + chosen.description());
        return new Session(ModelPackage.open(entry.file()).load(chosen.device()).requireTask(ModelTask.SYNTHESIS));
    }

    /** A loaded synthesis model; close it to free its memory. */
    public final class Session implements AutoCloseable {

        private final LoadedModel loaded;

        private Session(LoadedModel loaded) {
            this.loaded = loaded;
        }

        /**
         * The samples of one label image: the image itself for one sample; for more, a stack with one slice per
         * sample (label stacks: one frame per sample).
         */
        public ImagePlus run(ImagePlus labels, TaskMonitor monitor) {
            if (samples > 1 && labels.getNFrames() > 1) {
                throw new UserException("Several samples of a time series are not possible: choose 1 sample, or "
                        + "one frame.");
            }
            ImagePlus first = null;
            ImageStack stack = null;
            for (int i = 0; i < samples; i++) {
                monitor.checkCancelled();
                ImagePlus sample = sample(labels, seed + i, monitor);
                if (first == null) {
                    first = sample;
                    stack = new ImageStack(sample.getWidth(), sample.getHeight());
                }
                for (int s = 1; s <= sample.getStackSize(); s++) {
                    stack.addSlice("sample " + (i + 1) + " (seed " + (seed + i) + ")", sample.getStack()
                            .getProcessor(s));
                }
            }
            if (samples == 1) {
                return first;
            }
            ImagePlus all = new ImagePlus(first.getTitle(), stack);
            all.setCalibration(first.getCalibration());
            if (labels.getNSlices() > 1) {
                all.setDimensions(1, labels.getNSlices(), samples);
                all.setOpenAsHyperStack(true);
            }
            all.resetDisplayRange();
            return all;
        }

        /** One image of {@code labels}, from the noise of {@code noiseSeed} (a 32-bit image of the labels' size). */
        public ImagePlus sample(ImagePlus labels, long noiseSeed, TaskMonitor monitor) {
            PredictionOptions options = TileSizes.options(loaded, tile, OutputType.FLOAT32, -1, labels.getWidth(),
                    labels.getHeight());
            return new Predictor(loaded, noiseSeed).predict(labels, null, options, monitor);
        }

        /** The model's name, as its package describes it. */
        public String modelName() {
            return loaded.descriptor().name();
        }

        /**
         * The samples of regions of interest painted as labels (see {@link RoiLabels}) on a {@code width} x
         * {@code height} image, e.g. the ROI Manager's over the current image.
         */
        public ImagePlus run(Roi[] rois, int width, int height, String title, TaskMonitor monitor) {
            int classes = LabelImages.classes(loaded.descriptor());
            return run(RoiLabels.paint(rois, width, height, classes == LabelImages.INSTANCES, classes, title),
                    monitor);
        }

        @Override
        public void close() {
            loaded.close();
        }
    }
}
