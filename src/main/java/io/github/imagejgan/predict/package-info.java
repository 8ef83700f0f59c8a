/**
 * Running a model package over an image through the one image path: channel rules, percentile normalization (or the
 * processing an imported model declares), tiling with the model's halo, and the small rule of each task
 * (super-resolution scales the output grid, inpainting adds the mask as an extra input channel and changes only
 * masked pixels, synthesis takes label ids as they are and adds a noise plane that depends only on the seed and
 * the pixel's position, see {@link io.github.imagejgan.predict.Synthesis}; a network with a noise map gets the map
 * of each plane's own noise estimate as a further channel, {@link io.github.imagejgan.predict.NoiseMapPlane}).
 * Restorations keep a share of the network's correction over a classical result, fitted on each image by default:
 * over the noisy image for denoising, mixed with non-local means and Wiener filters guided by the network where the
 * noise allows it, then refined by a block-matched Wiener filter guided by that mix
 * ({@link io.github.imagejgan.predict.DenoiseStrength}, {@link io.github.imagejgan.predict.NonLocalMeans},
 * {@link io.github.imagejgan.predict.PilotWiener}, {@link io.github.imagejgan.predict.BlockMatchedWiener}), and
 * where the noise is Rician (a magnitude image) its lift of the dark background removed
 * ({@link io.github.imagejgan.predict.RicianBackground}), where it is cut at the ends of the range (an 8-bit file) its
 * bias there ({@link io.github.imagejgan.predict.ClippedNoise}); over bicubic interpolation at x2
 * ({@link io.github.imagejgan.predict.CorrectionStrength}), over the classical fill of the holes
 * ({@link io.github.imagejgan.predict.FillStrength}), then a non-local fill from the known pixels whose surroundings
 * match each missing pixel's ({@link io.github.imagejgan.predict.NonLocalFill}) over that result. An inpainting network
 * is first fitted to the image it fills: a copy learns for a few steps to restore the image's known pixels under
 * shifted copies of its holes, one copy for all the planes of a stack
 * ({@link io.github.imagejgan.predict.FillAdaptation}).
 *
 * <p>May use {@code model}, {@code nn}, {@code image} and {@code task}.
 */
package io.github.imagejgan.predict;
