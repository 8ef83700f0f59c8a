package io.github.imagejgan.metrics.distribution;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the feature network's weights come from: the ImageNet weights of the Deeplearning4j model zoo (downloaded
 * once into the zoo's cache, and only with the user's permission), or a network file the user points to.
 *
 * @param file        a Deeplearning4j network file, or empty for the zoo's ImageNet weights
 * @param mayDownload whether the zoo's weights may be downloaded when they are not in the cache yet
 */
public record NetworkWeights(Optional<Path> file, boolean mayDownload) {

    /** The zoo's ImageNet weights. */
    public static NetworkWeights imageNet(boolean mayDownload) {
        return new NetworkWeights(Optional.empty(), mayDownload);
    }

    /** A network saved by Deeplearning4j ({@code ModelSerializer}, a .zip). */
    public static NetworkWeights file(Path file) {
        return new NetworkWeights(Optional.of(file), false);
    }
}
