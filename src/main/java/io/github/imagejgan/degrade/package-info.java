/**
 * Degradations: what turns a clean image into a realistic network input. Camera noise ({@link
 * io.github.imagejgan.degrade.PoissonGaussianNoise}), additive Gaussian and Rician noise, either of the first two
 * spread over neighbouring pixels (alike or along one axis, partly white), a colour camera's demosaicing, blur with
 * anti-aliased downsampling for super-resolution, blur by a lens's point-spread function ({@link
 * io.github.imagejgan.degrade.OpticalBlur}: Gaussian, Airy pattern or defocus disk, round or stretched; the kernels
 * of {@link io.github.imagejgan.degrade.PsfKernels} also serve {@code synth}'s microscope optics), random masks for
 * inpainting and JPEG artefacts, composable into chains.
 *
 * <p>Every degradation is deterministic from a seed and describes its own parameters as a small map (type plus
 * settings) that goes into a model's training provenance. {@link io.github.imagejgan.degrade.Degradations}
 * parses a one-line specification such as {@code blur-downsample:factor=4+poisson-gaussian:readNoise=2} for command
 * lines and dialogs. This package uses only the JDK, {@code task} (for {@code UserException}) and {@code image}
 * (for {@code MeanStd}), so that the synthetic data of {@code synth} and the trainer of {@code train} can both use it
 * without depending on each other.
 */
package io.github.imagejgan.degrade;
