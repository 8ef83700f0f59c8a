package io.github.imagejgan.synth;

import java.util.Map;

/**
 * A synthetic z-stack as a microscope records it: objects in a volume, blurred by a 3D point-spread function that is
 * longer along z, on a smooth background, with slices {@link #zStep()} pixel widths apart. Values are expected photon
 * counts per voxel, so a noise model can be applied to each slice. The ground truth of 2.5D, 3D and isotropic training
 * and benchmarks.
 */
public interface VolumePhantom {

    int width();

    int height();

    /** Number of slices. */
    int depth();

    /** Distance between slices, in pixel widths (the voxel anisotropy). */
    double zStep();

    /**
     * The same phantom with its slices {@code zStep} pixel widths apart and an axial PSF of {@code psfSigmaZ} pixels
     * (slices 1 pixel apart and the lateral sigma along z render isotropic volumes).
     */
    VolumePhantom withOptics(double zStep, double psfSigmaZ);

    /** Renders the expected photon counts, slice after slice (each row by row), deterministically from the seed. */
    float[][] render(long seed);

    /** The settings, for training provenance. */
    Map<String, Object> describe();
}
