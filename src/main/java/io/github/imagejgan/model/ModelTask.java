package io.github.imagejgan.model;

import java.util.Locale;

import io.github.imagejgan.image.OutputType;

/** What a model does; each task is the same image path with its own small rule. */
public enum ModelTask {
    DENOISE("denoise"),
    /** Output grid finer by the model's scale factor. */
    SUPER_RESOLUTION("super-resolution"),
    /** Input has one extra channel: the mask of pixels to fill. */
    INPAINT("inpaint"),
    /** Unpaired domain translation (CycleGAN). */
    STYLE("style"),
    /**
     * Label image to image (SPADE): the input's values are label ids, passed to the network as they are, with a
     * noise plane added as a second channel.
     */
    SYNTHESIS("synthesis"),
    /**
     * Isotropic restoration of an anisotropic z-stack: a same-size restoration of its XZ and YZ views, resampled to
     * square pixels, whose rows (z) were sampled every few pixel widths and blurred by the longer axial PSF. Trained
     * on the stack's own lateral slices ({@code degrade.AxialUndersampling}).
     */
    ISOTROPIC("isotropic");

    private final String id;

    ModelTask(String id) {
        this.id = id;
    }

    /**
     * The result type when the user chooses none. Restorations come out as 32-bit float: they estimate values
     * between grey levels, and rounding them back to the input's integers measurably lowers their accuracy on
     * images whose signal spans few grey values (photon-counting cameras). Inpainting keeps every known pixel and
     * style transfer changes appearance, so both keep the input's type. Synthesized images have nothing in common
     * with the label image's type.
     */
    public OutputType defaultOutputType() {
        return this == DENOISE || this == SUPER_RESOLUTION || this == SYNTHESIS || this == ISOTROPIC
                ? OutputType.FLOAT32
                : OutputType.SAME_AS_INPUT;
    }

    /**
     * The shipped model a user new to the task should start from, offered first in the dialogs: the general models,
     * trained over wide ranges of noise, blur and real content (models/MODELS.md); null for tasks without one.
     */
    public String recommendedModel() {
        return switch (this) {
            case DENOISE -> "denoise-general";
            case SUPER_RESOLUTION -> "sr2-general";
            case INPAINT -> "inpaint-general";
            default -> null;
        };
    }

    /** The name used in model.json and in macro options. */
    public String id() {
        return id;
    }

    /** The task named {@code id}, ignoring case. */
    public static ModelTask fromId(String id) {
        for (ModelTask t : values()) {
            if (t.id.equals(id == null ? null : id.toLowerCase(Locale.ROOT))) {
                return t;
            }
        }
        throw new ModelFormatException("Unknown task '" + id + "'; known tasks: " + String.join(", ",
                java.util.Arrays.stream(values()).map(ModelTask::id).toList()) + ".");
    }
}
