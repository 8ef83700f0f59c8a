package io.github.imagejgan.synth;

import java.util.Map;

/** A microscope's point-spread function: how it blurs the true distribution of fluorophores into an image. */
public interface Psf {

    /** The blurred image ({@code image} is left unchanged), with mirrored borders. */
    float[] blur(float[] image, int width, int height);

    /** The PSF's settings, for provenance. */
    Map<String, Object> describe();
}
