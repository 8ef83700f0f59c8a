package io.github.imagejgan.command;

import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import io.github.imagejgan.model.ModelTask;

/** Plugins › GAN › Denoise…: removes noise with a denoising model, plane by plane. */
@Plugin(type = Command.class, menuPath = "Plugins>GAN>Denoise...", headless = true,
        description = "Denoise an image with a GAN-trained model")
public class DenoiseCommand extends OperationCommand {

    @Parameter(label = "Strength over the noisy image", persist = false, description = "auto: a camera's hot and "
            + "dead pixels (pixels far beyond all their neighbours, alone or two side by side) replaced by their "
            + "neighbours' median, then "
            + "fitted on the image itself: the result mixes the network's correction with non-local means and "
            + "Wiener filters guided by the network where the noise is near Gaussian and white, refined by a "
            + "block-matched Wiener filter guided by that mix, or keeps a share of the network's correction where the "
            + "noise is faint (a network can take fine texture for faint noise and remove it); where the "
            + "noise is spread over neighbouring pixels (demosaicing, resampling), the model's companion NAME-spread "
            + "restores the image instead, if installed (denoise-general-spread for denoise-general); or a number "
            + "from 0 (the image unchanged) to 1 (the network alone)")
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
