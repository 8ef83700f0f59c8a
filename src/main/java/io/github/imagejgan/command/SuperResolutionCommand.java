package io.github.imagejgan.command;

import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import io.github.imagejgan.model.ModelTask;

/**
 * Plugins › GAN › Super-Resolution…: a finer pixel grid (the model's factor, e.g. x2), with the pixel size in the
 * calibration divided accordingly.
 */
@Plugin(type = Command.class, menuPath = "Plugins>GAN>Super-Resolution...", headless = true,
        description = "Increase the resolution of an image with a GAN-trained model")
public class SuperResolutionCommand extends OperationCommand {

    @Parameter(label = "Strength over bicubic", persist = false, description = "auto: the share of a x2 "
            + "network's correction over bicubic interpolation is fitted on the image itself (a network can overshoot "
            + "on images unlike its training data; x4 networks run alone); or a number from 0 (bicubic) to 1 (the "
            + "network alone)")
    protected String strength = "auto";

    @Override
    protected String strength() {
        return strength;
    }

    @Override
    protected ModelTask task() {
        return ModelTask.SUPER_RESOLUTION;
    }
}
