package io.github.imagejgan.command;

import org.scijava.command.Command;
import org.scijava.plugin.Plugin;

import io.github.imagejgan.model.ModelTask;

/** Plugins › GAN › Denoise…: removes noise with a denoising model, plane by plane. */
@Plugin(type = Command.class, menuPath = "Plugins>GAN>Denoise...", headless = true,
        description = "Denoise an image with a GAN-trained model")
public class DenoiseCommand extends OperationCommand {

    @Override
    protected ModelTask task() {
        return ModelTask.DENOISE;
    }
}
