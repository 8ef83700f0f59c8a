package io.github.imagejgan.command;

import java.io.File;
import java.io.IOException;

import org.scijava.ItemIO;
import org.scijava.app.StatusService;
import org.scijava.command.Command;
import org.scijava.command.DynamicCommand;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.ImagePlus;
import io.github.imagejgan.model.ModelTask;
import io.github.imagejgan.predict.RoiLabels;
import io.github.imagejgan.predict.Synthesis;
import io.github.imagejgan.task.CancelledException;

/**
 * Plugins › GAN › Synthesize from Labels…: paints a realistic image into a label image (class or instance ids)
 * with a synthesis model; several samples, each from other noise, come as a stack.
 */
@Plugin(type = Command.class, menuPath = "Plugins>GAN>Synthesize from Labels...", headless = true,
        description = "Synthesize images from a label image with a SPADE model")
public class SynthesizeCommand extends DynamicCommand {

    /** Where the labels come from. */
    static final String FROM_IMAGE = "Label image";
    static final String FROM_ROI_MANAGER = RoiLabels.SOURCE;

    @Parameter(label = "Label image", description = "Whole ids, 0 for background: classes or instances, as the "
            + "model was trained. With the ROI Manager as the labels' source, the image whose size they take")
    protected ImagePlus image;

    @Parameter(label = "Labels from", choices = { FROM_IMAGE, FROM_ROI_MANAGER }, persist = false,
            description = "The label image, or the ROI Manager's ROIs painted over its size: each ROI an object "
                    + "(models of instances) or its group the class (models of classes)")
    protected String labelsFrom = FROM_IMAGE;

    @Parameter(label = "Model", initializer = "initModels", persist = false,
            description = "A synthesis model, or 'Model package file...' to pick a .zip")
    protected String model;

    @Parameter(label = "Model package file", required = false, style = "extensions:zip",
            description = "Used when the model is 'Model package file...'")
    protected File modelFile;

    @Parameter(label = "Samples", min = "1", max = "1000", description = "Images to make, each from other noise")
    protected int samples = 1;

    @Parameter(label = "Seed", description = "Sample i uses the noise of seed + i: the same seed gives the same images")
    protected long seed = 1;

    @Parameter(label = "Tile size", description = "'auto' (from available memory) or a size in pixels")
    protected String tile = "auto";

    @Parameter(label = "Device", description = "auto (GPU if present), cpu, gpu or gpu:N")
    protected String device = "auto";

    @Parameter(type = ItemIO.OUTPUT)
    protected ImagePlus result;

    @Parameter
    protected LogService log;

    @Parameter(required = false)
    protected StatusService status;

    protected void initModels() {
        model = ModelChoices.offer(getInfo().getMutableInput("model", String.class), ModelTask.SYNTHESIS, model);
    }

    @Override
    public void run() {
        try {
            Synthesis synthesis = new Synthesis(ModelChoices.chosen(model, modelFile), samples, seed, tile, device);
            if (FROM_ROI_MANAGER.equals(labelsFrom)) {
                result = synthesis.run(image, RoiLabels.roiManagerRois(), new CommandMonitor(status), log::info);
            } else {
                result = synthesis.run(image, new CommandMonitor(status), log::info);
            }
        } catch (CancelledException e) {
            cancel(e.getMessage());
        } catch (IOException | RuntimeException e) {
            CommandFailure.cancel(this, log, e);
        }
    }
}
