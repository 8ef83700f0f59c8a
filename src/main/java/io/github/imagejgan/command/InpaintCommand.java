package io.github.imagejgan.command;

import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.ImagePlus;
import io.github.imagejgan.image.ImagePlusImages;
import io.github.imagejgan.model.ModelTask;
import io.github.imagejgan.predict.InpaintMask;
import io.github.imagejgan.predict.PredictionOptions;
import io.github.imagejgan.task.UserException;

/**
 * Plugins › GAN › Inpaint…: fills the pixels inside the selection (any shape), or under a mask image, from their
 * surroundings; no other pixel changes.
 */
@Plugin(type = Command.class, menuPath = "Plugins>GAN>Inpaint...", headless = true,
        description = "Fill the selected area (or a mask) with a GAN-trained inpainting model")
public class InpaintCommand extends OperationCommand {

    static final String SELECTION = "Selection";
    static final String MASK_IMAGE = "Mask image";

    @Parameter(label = "Pixels to fill", choices = { SELECTION, MASK_IMAGE })
    private String fill = SELECTION;

    @Parameter(label = "Mask image", required = false,
            description = "Non-zero pixels are filled; one plane for all, or one per slice/frame")
    private ImagePlus maskImage;

    @Parameter(label = "Strength over the fill", persist = false, description = "auto: the share of the network's "
            + "correction over its classical (thin-plate) fill is fitted on the image itself, by hiding known pixels "
            + "in copies of the holes (a network can add texture where a smooth fill is right), and so is the share "
            + "of a non-local fill over that result (the known pixels whose surroundings match each missing pixel's: "
            + "a texture or edge that continues across a thin stroke); or a number from 0 (the fill) to 1 (the "
            + "network alone), without the non-local fill")
    private String strength = "auto";

    @Parameter(label = "Adaptation steps", min = "0", max = "10000", persist = false, description = "Before it fills "
            + "the holes, a copy of the network learns from the image itself for this many steps: the holes' shapes "
            + "are laid over known pixels, three copies to a crop, and it learns to restore them (4 to 9 s for the "
            + "default 12 steps on two CPU cores, whatever the image's size; a stack is fitted once, these steps for "
            + "each plane with holes up to four planes' worth). 0: the network as trained")
    private int adapt = PredictionOptions.DEFAULT_ADAPTATION;

    @Override
    protected String strength() {
        return strength;
    }

    @Override
    protected int adaptation() {
        return adapt;
    }

    @Override
    protected ModelTask task() {
        return ModelTask.INPAINT;
    }

    @Override
    protected InpaintMask mask(ImagePlus target) {
        if (MASK_IMAGE.equals(fill)) {
            if (maskImage == null) {
                throw new UserException("Choose the mask image, or fill the selection instead.");
            }
            return InpaintMask.of(ImagePlusImages.wrap(maskImage));
        }
        return InpaintMask.of(target.getRoi(), target.getWidth(), target.getHeight());
    }
}
