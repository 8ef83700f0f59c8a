package io.github.imagejgan.command;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.command.DynamicCommand;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.ImagePlus;
import io.github.imagejgan.image.DeviceSelector;
import io.github.imagejgan.image.ImagePlusImages;
import io.github.imagejgan.image.OutputType;
import io.github.imagejgan.image.PercentileNormalizer;
import io.github.imagejgan.model.ModelEntry;
import io.github.imagejgan.model.ModelRegistry;
import io.github.imagejgan.model.ModelTask;
import io.github.imagejgan.predict.Operation;
import io.github.imagejgan.task.CancelledException;
import io.github.imagejgan.task.UserException;
import io.github.imagejgan.train.IsotropicTraining;
import io.github.imagejgan.train.TrainingDefaults;
import io.github.imagejgan.train.TrainingFolder;
import io.github.imagejgan.train.TrainingRequest;

/**
 * Plugins › GAN › Make Isotropic…: turns a z-stack whose slices lie several pixel widths apart into one with cubic
 * voxels (CARE's isotropic restoration). By default a network first learns from the stack's own lateral slices how
 * the axial sampling and blur degrade them, then restores the stack's XZ and YZ views; the model is kept as a user
 * model, so that it can be chosen for similar stacks without training again.
 */
@Plugin(type = Command.class, menuPath = "Plugins>GAN>Make Isotropic...", headless = true,
        description = "Restore a z-stack to isotropic resolution, learning from its own lateral slices")
public class MakeIsotropicCommand extends DynamicCommand {

    static final String TRAIN = "Train on this stack";

    @Parameter(label = "Stack")
    private ImagePlus image;

    @Parameter(label = "Model", initializer = "initModels", persist = false,
            description = "Train a new model on this stack, or restore with one trained before")
    private String model = TRAIN;

    @Parameter(label = "Model package file", required = false, style = "extensions:zip",
            description = "Used when the model is 'Model package file...'")
    private File modelFile;

    @Parameter(label = "Slice spacing (pixel widths; 0 = from calibration)", min = "0", max = "16",
            description = "Distance between slices over the pixel width: each slice becomes this many")
    private int factor = 0;

    @Parameter(label = "Extra axial blur (pixels)", min = "0",
            description = "Standard deviation of the Gaussian by which the axial PSF is wider than the lateral one, "
                    + "in pixel widths (0: sampling only)")
    private double axialBlur = 0;

    @Parameter(label = "Training steps", min = "1")
    private int steps = (int) TrainingDefaults.ImagesRun.ISOTROPIC.steps();

    @Parameter(label = "Model name")
    private String name = "isotropic";

    @Parameter(label = "Resume an earlier run of this name",
            description = "Continue its checkpoint (for example with more steps); off starts anew")
    private boolean resume = false;

    @Parameter(label = "Device", description = "auto (GPU if present), cpu, gpu or gpu:N")
    private String device = "auto";

    @Parameter(type = ItemIO.OUTPUT)
    private ImagePlus result;

    @Parameter
    private LogService log;

    protected void initModels() {
        List<String> choices = new ArrayList<>();
        choices.add(TRAIN);
        for (ModelEntry e : ModelRegistry.standard().list(ModelTask.ISOTROPIC)) {
            choices.add(e.name());
        }
        choices.add(OperationCommand.OTHER_FILE);
        getInfo().getMutableInput("model", String.class).setChoices(choices);
    }

    @Override
    public void run() {
        try {
            if (image == null) {
                throw new UserException("Open the z-stack first.");
            }
            String chosen = TRAIN.equals(model) ? train() : ModelChoices.chosen(model, modelFile);
            Operation operation = new Operation(ModelTask.ISOTROPIC, chosen, OutputType.FLOAT32, "auto", device, 0,
                    false, false);
            result = operation.run(image, t -> null, new CommandMonitor(null), log::info);
        } catch (CancelledException e) {
            cancel(e.getMessage());
        } catch (IOException | RuntimeException e) {
            CommandFailure.cancel(this, log, e);
        }
    }

    private String train() throws IOException {
        if (image.getNSlices() < 2) {
            throw new UserException(image.getTitle() + " has a single slice; Make Isotropic needs a z-stack.");
        }
        TrainingRequest request = IsotropicTraining.request(name, Path.of(image.getTitle()), spacing(), axialBlur,
                TrainingDefaults.ImagesRun.ISOTROPIC.withSteps(steps), TrainingDefaults.SEED);
        return ModelFromImages.train(request, TrainingFolder.of(image.getTitle(), image, PercentileNormalizer.DEFAULT),
                ModelFromImages.work(name).resolve(name + ".zip"), "Isotropic restoration model trained on "
                        + image.getTitle(), resume, null, DeviceSelector.select(device), log);
    }

    /** The slice spacing chosen, or the calibration's, rounded to whole pixel widths. */
    private int spacing() {
        if (factor > 0) {
            return factor;
        }
        int calibrated = IsotropicTraining.calibratedFactor(ImagePlusImages.metadataOf(image));
        if (calibrated == 0) {
            throw new UserException("The calibration of " + image.getTitle() + " does not give slices at least 2 pixel "
                    + "widths apart (Image › Properties…): enter the slice spacing.");
        }
        return calibrated;
    }
}
