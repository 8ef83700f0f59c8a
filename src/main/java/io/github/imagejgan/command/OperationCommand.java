package io.github.imagejgan.command;

import java.io.File;
import java.io.IOException;

import org.scijava.ItemIO;
import org.scijava.app.StatusService;
import org.scijava.command.DynamicCommand;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;

import ij.ImagePlus;
import io.github.imagejgan.image.OutputType;
import io.github.imagejgan.model.ModelTask;
import io.github.imagejgan.predict.InpaintMask;
import io.github.imagejgan.predict.Operation;
import io.github.imagejgan.predict.PredictionOptions;
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

    @Parameter(label = "Output type", choices = { SAME_AS_INPUT, FLOAT },
            description = "32-bit float keeps the restored values between grey levels (the default for Denoise and "
                    + "Super-Resolution); Same as input rounds them to the input's type")
    protected String outputType = task().defaultOutputType() == OutputType.FLOAT32 ? FLOAT : SAME_AS_INPUT;

    @Parameter(label = "Tile size", description = "'auto' (from available memory) or a size in pixels")
    protected String tile = "auto";

    @Parameter(label = "Device", description = "auto (GPU if present), cpu, gpu or gpu:N")
    protected String device = "auto";

    @Parameter(label = "Channel", min = "0",
            description = "For single-channel models on multi-channel images: 0 = every channel, N = channel N only")
    protected int channel = 0;

    @Parameter(label = "Test-time ensemble", choices = { "1", "4", "8" }, persist = false,
            description = "Also run the network on flipped copies of each tile and average the results: less error "
                    + "(about 0.3 dB for a self-supervised denoiser), 4 or 8 times the time")
    protected String ensemble = "1";

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

    /** True to run a style model backwards, from domain B to domain A. */
    protected boolean reverse() {
        return false;
    }

    /** The strength over the classical method (denoising, super-resolution, inpainting): "auto" or a share 0 to 1. */
    protected String strength() {
        return "auto";
    }

    /** Steps of fitting an inpainting network to the image before it fills it ({@link Operation#adaptation()}). */
    protected int adaptation() {
        return PredictionOptions.DEFAULT_ADAPTATION;
    }

    /** The inpainting mask for the image, or null for other tasks. */
    protected InpaintMask mask(ImagePlus target) {
        return null;
    }

    protected void initModels() {
        model = ModelChoices.offer(getInfo().getMutableInput("model", String.class), task(), model);
    }

    @Override
    public void run() {
        try {
            String chosen = ModelChoices.chosen(model, modelFile);
            Operation operation = new Operation(task(), chosen, FLOAT.equals(outputType) ? OutputType.FLOAT32
                    : OutputType.SAME_AS_INPUT, tile, device, channel, preview, reverse(), Integer.parseInt(ensemble),
                    strength()).withAdaptation(adaptation());
            result = operation.run(image, this::mask, new CommandMonitor(status), log::info);
        } catch (CancelledException e) {
            cancel(e.getMessage());
        } catch (IOException | RuntimeException e) {
            CommandFailure.cancel(this, log, e);
        }
    }
}
