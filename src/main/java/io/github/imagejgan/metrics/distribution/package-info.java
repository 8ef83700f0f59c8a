/**
 * Metrics that compare the distributions of real and generated images instead of pairs of images, for results
 * that have no ground truth (style translation above all): the Fréchet distance of network features (FID), the
 * kernel distance (KID) and the Inception score (IS), all in plain Java on feature vectors
 * ({@link io.github.imagejgan.metrics.distribution.FrechetDistance},
 * {@link io.github.imagejgan.metrics.distribution.KernelInceptionDistance},
 * {@link io.github.imagejgan.metrics.distribution.InceptionScore}), and the path from folders of images to them
 * ({@link io.github.imagejgan.metrics.distribution.DistributionEvaluation}: planes to network input by
 * {@link io.github.imagejgan.metrics.distribution.NetworkInput}, features from a
 * {@link io.github.imagejgan.metrics.distribution.FeatureExtractor}).
 *
 * <p>The feature network itself needs the optional Deeplearning4j jars and lives in the sub-package {@code dl4j};
 * {@link io.github.imagejgan.metrics.distribution.FeatureNetworks} reaches it by name only, so nothing here loads
 * those jars until a network is opened.
 */
package io.github.imagejgan.metrics.distribution;
