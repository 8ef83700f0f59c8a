package io.github.imagejgan.command;

import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import io.github.imagejgan.model.ModelTask;

/** Plugins › GAN › Denoise…: removes noise with a denoising model, plane by plane. */
@Plugin(type = Command.class, menuPath = "Plugins>GAN>Denoise...", headless = true,
        description = "Denoise an image with a GAN-trained model")
public class DenoiseCommand extends OperationCommand {

    @Parameter(label = "Strength over the noisy image", persist = false, description = "auto: where the noise is "
            + "faint, the share of the network's correction that the result keeps is fitted on the image itself (a "
            + "network can take fine texture for faint noise and remove it); or a number from 0 (the image "
            + "unchanged) to 1 (the network alone)")
    protected String strength = "auto";

    @Override
    protected String strength() {
        return strength;
    }

    @Override
    protected ModelTask task() {
        return ModelTask.DENOISE;
    }
}
