package io.github.imagejgan.command;

import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import io.github.imagejgan.model.ModelTask;

/**
 * Plugins › GAN › Style Transfer…: translates an image into the appearance of another domain with an unpaired
 * (CycleGAN) model, in either direction.
 */
@Plugin(type = Command.class, menuPath = "Plugins>GAN>Style Transfer...", headless = true,
        description = "Translate an image to another appearance with a CycleGAN model")
public class StyleTransferCommand extends OperationCommand {

    static final String FORWARD = "A to B";
    static final String REVERSE = "B to A";

    @Parameter(label = "Direction", choices = { FORWARD, REVERSE })
    private String direction = FORWARD;

    @Override
    protected ModelTask task() {
        return ModelTask.STYLE;
    }

    @Override
    protected boolean reverse() {
        return REVERSE.equals(direction);
    }
}
