package io.github.imagejgan.command;

import org.scijava.command.Command;
import org.scijava.plugin.Plugin;

import io.github.imagejgan.model.ModelTask;

/**
 * Plugins › GAN › Super-Resolution…: a finer pixel grid (the model's factor, e.g. x2), with the pixel size in the
 * calibration divided accordingly.
 */
@Plugin(type = Command.class, menuPath = "Plugins>GAN>Super-Resolution...", headless = true,
        description = "Increase the resolution of an image with a GAN-trained model")
public class SuperResolutionCommand extends OperationCommand {

    @Override
    protected ModelTask task() {
        return ModelTask.SUPER_RESOLUTION;
    }
}
