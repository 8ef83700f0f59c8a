/**
 * Synthetic images with known ground truth, deterministic from a seed, for training and for tests that need an
 * answer to compare against.
 *
 * <ul>
 * <li>Fluorescence microscopy, in expected photons per pixel: {@link io.github.imagejgan.synth.NucleiPhantom},
 * {@link io.github.imagejgan.synth.FilamentPhantom} (microtubules), {@link io.github.imagejgan.synth.PunctaPhantom}
 * (vesicles) and {@link io.github.imagejgan.synth.MembranePhantom} (cell outlines), seen through a
 * {@link io.github.imagejgan.synth.GaussianPsf} or a diffraction-limited {@link io.github.imagejgan.synth.AiryPsf};</li>
 * <li>medical: {@link io.github.imagejgan.synth.CtPhantom} in Hounsfield units and
 * {@link io.github.imagejgan.synth.MrPhantom} (T1/T2 brain);</li>
 * <li>natural-image-like: {@link io.github.imagejgan.synth.DeadLeavesPhantom};</li>
 * <li>{@link io.github.imagejgan.synth.PixelEncoding}: 8/16/32-bit ImageJ images with offsets and calibration;</li>
 * <li>{@link io.github.imagejgan.synth.SyntheticDataset}: folders of clean/degraded pairs for training, using the
 * degradations of {@link io.github.imagejgan.degrade};</li>
 * <li>{@link io.github.imagejgan.synth.LabelledDataset}: folders of instance-label/image pairs for label-to-image
 * synthesis, from phantoms that know which object each pixel shows ({@link io.github.imagejgan.synth.LabelledPhantom},
 * so far {@link io.github.imagejgan.synth.NucleiPhantom}).</li>
 * </ul>
 *
 * <p>May use {@code degrade}, {@code image} and {@code task}; never {@code train}, which uses the same degradations.
 */
package io.github.imagejgan.synth;
