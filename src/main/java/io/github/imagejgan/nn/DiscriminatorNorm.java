package io.github.imagejgan.nn;

/** How a discriminator keeps its training stable. */
public enum DiscriminatorNorm {
    /** Spectral normalization of every convolution: Lipschitz-bounded, no batch statistics; the default. */
    SPECTRAL,
    /** Instance normalization after every inner convolution, as in pix2pix and CycleGAN. */
    INSTANCE
}
