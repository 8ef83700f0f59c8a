/**
 * The feature network behind FID, KID and the Inception score: the Deeplearning4j zoo's Xception, on ND4J's CPU
 * backend. Everything here needs the optional Deeplearning4j jars, so only
 * {@link io.github.imagejgan.metrics.distribution.FeatureNetworks} refers to this package, by class name, once a
 * distribution metric runs. The ImageNet weights come from the zoo's download (once, with the user's permission,
 * cached where the zoo caches them) or from a network file the user chooses.
 */
package io.github.imagejgan.metrics.distribution.dl4j;
