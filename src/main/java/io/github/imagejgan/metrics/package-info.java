/**
 * Image quality metrics that compare a result with a ground truth: {@link io.github.imagejgan.metrics.Psnr},
 * {@link io.github.imagejgan.metrics.Ssim} and {@link io.github.imagejgan.metrics.Nrmse}, each matching its
 * scikit-image counterpart, and {@link io.github.imagejgan.metrics.NormalizedComparison}, the percentile-normalized,
 * least-squares-fitted comparison of CSBDeep/CARE quality control. Every metric works on float arrays and on
 * {@link io.github.imagejgan.image.PlaneAccess} planes, which it streams row by row, so large images are never
 * copied.
 *
 * <p>May use {@code image} and {@code task}.
 */
package io.github.imagejgan.metrics;
