package io.github.imagejgan.command;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.scijava.ItemIO;
import org.scijava.app.StatusService;
import org.scijava.command.DynamicCommand;
import org.scijava.log.LogService;
import org.scijava.module.MutableModuleItem;
import org.scijava.plugin.Parameter;

import ij.ImagePlus;
import ij.plugin.Duplicator;
import io.github.imagejgan.image.DeviceChoice;
import io.github.imagejgan.image.DeviceSelector;
import io.github.imagejgan.image.OutputType;
import io.github.imagejgan.model.LoadedModel;
import io.github.imagejgan.model.ModelEntry;
import io.github.imagejgan.model.ModelPackage;
import io.github.imagejgan.model.ModelRegistry;
import io.github.imagejgan.model.ModelTask;
import io.github.imagejgan.predict.InpaintMask;
import io.github.imagejgan.predict.PredictionOptions;
import io.github.imagejgan.predict.Predictor;
import io.github.imagejgan.predict.TileSizes;
import io.github.imagejgan.task.CancelledException;

/**
 * What Denoise, Super-Resolution, Inpaint and Style Transfer share: the image, the model (shipped, user, or a
 * package file), output type, tile size, device, channel, preview of the current plane, and the run itself.
 */
public abstract class OperationCommand extends DynamicCommand {

    static final String SAME_AS_INPUT = "Same as input";
    static final String FLOAT = "32-bit float";
    static final String OTHER_FILE = "Model package file...";

    @Parameter(label = "Image")
    protected ImagePlus image;

    @Parameter(label = "Model", initializer = "initModels", persist = false,
            description = "A shipped or imported model, or 'Model package file...' to pick a .zip")
    protected String model;

    @Parameter(label = "Model package file", required = false, style = "extensions:zip",
            description = "Used when the model is 'Model package file...'")
    protected File modelFile;

    @Parameter(label = "Output type", choices = { SAME_AS_INPUT, FLOAT })
    protected String outputType = SAME_AS_INPUT;

    @Parameter(label = "Tile size", description = "'auto' (from available memory) or a size in pixels")
    protected String tile = "auto";

    @Parameter(label = "Device", description = "auto (GPU if present), cpu, gpu or gpu:N")
    protected String device = "auto";

    @Parameter(label = "Channel", min = "0",
            description = "For single-channel models on multi-channel images: 0 = every channel, N = channel N only")
    protected int channel = 0;

    @Parameter(label = "Preview current plane only")
    protected boolean preview = false;

    @Parameter(type = ItemIO.OUTPUT)
    protected ImagePlus result;

    @Parameter
    protected LogService log;

    @Parameter(required = false)
    protected StatusService status;

    /** The task of the command. */
    protected abstract ModelTask task();

    /** Loads the model the command runs (style transfer may pick the reverse direction). */
    protected LoadedModel load(ModelPackage pkg, DeviceChoice chosen) {
        return pkg.load(chosen.device()).requireTask(task());
    }

    /** The inpainting mask for the image, or null for other tasks. */
    protected InpaintMask mask(ImagePlus target) {
        return null;
    }

    protected void initModels() {
        MutableModuleItem<String> item = getInfo().getMutableInput("model", String.class);
        List<String> choices = new ArrayList<>();
        for (ModelEntry e : ModelRegistry.standard().list(task())) {
            choices.add(e.name());
        }
        choices.add(OTHER_FILE);
        if (model != null && !choices.contains(model)) {
            choices.add(0, model);
        }
        item.setChoices(choices);
        if (model == null) {
            model = choices.get(0);
        }
    }

    @Override
    public void run() {
        try {
            result = predict();
        } catch (CancelledException e) {
            cancel(e.getMessage());
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            // Every failure a user can fix arrives here with a message saying how.
            cancel(e.getMessage());
        }
    }

    private ImagePlus predict() throws IOException {
        if (image == null) {
            throw new IllegalArgumentException("No image: open an image first.");
        }
        ModelEntry entry = ModelRegistry.standard().find(OTHER_FILE.equals(model) ? modelPath() : model);
        DeviceChoice chosen = DeviceSelector.select(device);
        log.info("imagej-gan: " + task().id() + " with model '" + entry.name() + "' on " + chosen.description());
        ModelPackage pkg = ModelPackage.open(entry.file());
        try (LoadedModel loaded = load(pkg, chosen)) {
            ImagePlus input = preview ? currentPlane(image) : image;
            PredictionOptions options = new PredictionOptions(FLOAT.equals(outputType) ? OutputType.FLOAT32
                    : OutputType.SAME_AS_INPUT, tileSize(loaded, input), 1, channel - 1);
            ImagePlus out = new Predictor(loaded).predict(input, mask(input), options, new CommandMonitor(status));
            if (preview) {
                out.setTitle(out.getTitle() + " (preview)");
            }
            return out;
        }
    }

    private String modelPath() {
        if (modelFile == null) {
            throw new IllegalArgumentException("Choose the model package file (.zip).");
        }
        return modelFile.getAbsolutePath();
    }

    private int tileSize(LoadedModel loaded, ImagePlus input) {
        if (tile == null || tile.isBlank() || tile.trim().equalsIgnoreCase("auto")) {
            return TileSizes.auto(loaded, input.getWidth(), input.getHeight());
        }
        try {
            int size = Integer.parseInt(tile.trim());
            if (size < 16) {
                throw new NumberFormatException();
            }
            return size;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Tile size must be 'auto' or a whole number of at least 16 pixels, "
                    + "got '" + tile + "'.");
        }
    }

    /** The displayed slice and frame, all channels: what a preview shows. */
    private static ImagePlus currentPlane(ImagePlus imp) {
        int z = imp.getZ();
        int t = imp.getT();
        ImagePlus plane = new Duplicator().run(imp, 1, imp.getNChannels(), z, z, t, t);
        plane.setTitle(imp.getTitle());
        plane.setRoi(imp.getRoi());
        return plane;
    }
}
